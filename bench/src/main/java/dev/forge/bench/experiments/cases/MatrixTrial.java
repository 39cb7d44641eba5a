package dev.forge.bench.experiments.cases;

import dev.forge.bench.experiments.Contender;
import dev.forge.bench.experiments.GpuSteps;
import dev.forge.bench.experiments.TrialContext;
import dev.forge.bench.experiments.TrialShape;
import dev.forge.bench.experiments.ValidationException;
import dev.forge.bench.primitives.MatrixProductCheck;
import dev.forge.cuda.DeviceBuffer;
import dev.forge.cuda.blas.BlasHandle;
import dev.forge.primitives.GemmShape;
import dev.forge.primitives.MatrixPrecision;
import dev.forge.primitives.cpu.CpuMatrixMultiply;
import dev.forge.primitives.gpu.GpuMatrixMultiply;
import java.lang.foreign.MemorySegment;
import java.util.Optional;

/**
 * What a trial of a matrix product holds besides a primitive trial's memory: the precision, the matrix side, the CPU
 * twin, and where there is a GPU with cuBLAS, a {@link GpuMatrixMultiply} on the suite's stream (closed with the
 * trial); without cuBLAS the contender is absent and says why. Results are checked within
 * {@link MatrixPrecision#errorBound}. The constructor holds nothing native; {@link #generate} makes the data and the GPU
 * side, and {@link MatrixExperiment#prepare} closes the trial if that fails.
 */
abstract class MatrixTrial extends PrimitiveTrial {
    protected final MatrixPrecision precision;
    protected final int n;
    protected final CpuMatrixMultiply cpu;
    private final String contenderAbsentReason;
    /** Where the GPU's product is downloaded; null where the GPU side does not run. */
    protected MemorySegment gpuResult;
    /** Null until {@link #readyGpu}, and where the GPU side does not run. */
    private GpuMatrixMultiply multiply;
    private MemorySegment magnitudes;

    MatrixTrial(MatrixPrecision precision, int n, TrialContext context) {
        super(context);
        this.precision = precision;
        this.n = n;
        this.cpu = new CpuMatrixMultiply(context.workers());
        Optional<String> noCublas = context.hasGpu() ? BlasHandle.unavailableReason() : Optional.empty();
        this.contenderAbsentReason = noCublas.map(reason -> "no cuBLAS: " + reason).orElse(context.gpuAbsentReason());
    }

    /** Generates the inputs and readies the baseline and, where it runs, the GPU side. */
    abstract void generate();

    /** Whether the GPU side runs: a GPU, and cuBLAS on it. */
    protected boolean gpuRuns() {
        return context.hasGpu() && BlasHandle.unavailableReason().isEmpty();
    }

    /** One product queued on the suite's stream: {@code output = first x second}, in device memory. */
    interface Product {
        void queue(GpuMatrixMultiply multiply, DeviceBuffer first, DeviceBuffer second, DeviceBuffer output);
    }

    /**
     * The GPU side, where {@link #gpuRuns}: uploads {@code first} and {@code second}, queues {@code product} into a
     * float32 output of {@code outputBytes}, downloads it into {@link #gpuResult}.
     */
    protected void readyGpu(MemorySegment first, MemorySegment second, long outputBytes, Product product) {
        GpuMatrixMultiply onStream = new GpuMatrixMultiply(context.gpu().stream());
        multiply = onStream; // closed with the trial
        DeviceBuffer deviceFirst = memory.device(first.byteSize());
        DeviceBuffer deviceSecond = memory.device(second.byteSize());
        DeviceBuffer deviceOutput = memory.device(outputBytes);
        gpuResult = memory.host(outputBytes);
        gpu = GpuSteps.forge().upload(first, deviceFirst).upload(second, deviceSecond)
                .compute(stream -> product.queue(onStream, deviceFirst, deviceSecond, deviceOutput))
                .download(deviceOutput, gpuResult);
    }

    /**
     * A product's sizes: its floating-point operations count as its elements (so rates are FLOP/s); the device moves
     * the inputs once and the float32 output once; the inputs go up and the output comes down.
     */
    protected static TrialShape productShape(double operations, long inputBytes, long outputBytes) {
        return new TrialShape((long) operations, inputBytes + outputBytes, inputBytes, outputBytes);
    }

    /** {@code count} elements of stream {@code seed} in the precision's input type (pinned where there is a GPU). */
    protected MemorySegment inputs(long count, long seed) {
        MemorySegment values = memory.host(count * precision.inputBytes());
        MatrixInputs.fill(context.workers(), values, precision, seed);
        return values;
    }

    /** Every element of {@link #gpuResult} within the bound of the twin's ({@code shape}: the product as a GEMM). */
    protected String checkAgainstTwin(GemmShape shape, MemorySegment a, MemorySegment b, MemorySegment twin,
            String what) {
        if (magnitudes == null) {
            // once per trial: the inputs do not change between the checks
            magnitudes = memory.host(4 * shape.elementsOfC());
            cpu.magnitudes(shape, precision, a, b, magnitudes);
        }
        MatrixProductCheck.againstTwin(shape, precision, gpuResult, twin, magnitudes).ifPresent(mismatch -> {
            throw new ValidationException("GPU " + what + " " + precision + " " + mismatch);
        });
        return shape.elementsOfC() + " " + precision + " " + what + " elements within MatrixPrecision's bound of the"
                + " CPU twin's";
    }

    @Override
    public Contender contender() {
        return gpu != null ? gpu : new Contender.Absent(contenderAbsentReason);
    }

    @Override
    public void close() {
        try {
            if (multiply != null) {
                multiply.close();
            }
        } finally {
            super.close();
        }
    }
}
