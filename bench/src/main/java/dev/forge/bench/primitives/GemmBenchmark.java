package dev.forge.bench.primitives;

import dev.forge.cuda.Cuda;
import dev.forge.cuda.CudaDevice;
import dev.forge.cuda.DeviceBuffer;
import dev.forge.cuda.Event;
import dev.forge.cuda.Stream;
import dev.forge.cuda.blas.BlasHandle;
import dev.forge.primitives.GemmShape;
import dev.forge.primitives.GemvShape;
import dev.forge.primitives.HalfFloats;
import dev.forge.primitives.MatrixPrecision;
import dev.forge.primitives.cpu.CpuMatrixMultiply;
import dev.forge.primitives.cpu.CpuWorkers;
import dev.forge.primitives.gpu.GpuMatrixMultiply;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * GEMM ({@code n x n} times {@code n x n}) and GEMV ({@code n x n} times a vector) in every precision, row-major,
 * float32 outputs: Forge's {@link GpuMatrixMultiply} (cuBLAS through FFM) against native cuBLAS called from C++
 * (cublas_gemm.cu, built with this machine's nvcc and run first in the same run, with the same calls and settings)
 * and against the CPU twin on all host cores. GPU times are CUDA-event medians as in {@link PrimitivesBenchmark}
 * (five calls back to back per sample, after a warm-up); TFLOP/s count {@code 2 n^3} (GEMM) or {@code 2 n^2} (GEMV)
 * operations; GEMV, which memory bounds, is also given as a fraction of the copy bandwidth measured in the run.
 *
 * <p>Every GPU result is checked before its time is reported: against the twin element by element (within
 * {@link MatrixPrecision#errorBound}) where the twin runs, and always on {@value #SAMPLED_ELEMENTS} sampled elements
 * against their sums in double. The twin's GEMM is skipped above {@value #CPU_GEMM_LIMIT}^3 (minutes per product on
 * a host); its GEMV runs at every size. Inputs are seeded uniform values in [-1, 1), rounded to the precision.
 */
public final class GemmBenchmark {
    /** The largest n whose GEMM the CPU twin runs, here and in the experiment suite: 8192^3 takes minutes on a host. */
    public static final int CPU_GEMM_LIMIT = 2048;
    /** How many elements of a product the check without the twin compares with their sums in double. */
    public static final int SAMPLED_ELEMENTS = 256;

    private final CudaDevice device;
    private final Consumer<String> progress;

    public GemmBenchmark(CudaDevice device, Consumer<String> progress) {
        this.device = device;
        this.progress = progress;
    }

    public GemmBenchmarkReport run(List<Integer> sizes, int samples) throws IOException, InterruptedException {
        BlasHandle.unavailableReason().ifPresent(reason -> {
            throw new IllegalStateException("the GEMM benchmark needs cuBLAS: " + reason);
        });
        progress.accept("measuring device copy bandwidth");
        double copy = PrimitivesBenchmark.copyBandwidth(device);
        progress.accept("building and running native cuBLAS (cublas_gemm.cu)");
        NvccPeer.Result built = NvccPeer.build("cublas_gemm.cu", device.info().architecture(), NvccPeer.linkingForgesCublas());
        Map<String, Double> peer = Map.of();
        String peerStatus = built.absentReason();
        if (built.peer() != null) {
            List<String> output = built.peer().run(sizes.stream().map(String::valueOf).toList());
            peer = NvccPeer.medians(output, "cublas");
            peerStatus = "measured in this run (nvcc, " + device.info().architecture() + ", cuBLAS "
                    + output.stream().filter(line -> line.startsWith("cublas version ")).findFirst()
                            .map(line -> line.substring("cublas version ".length())).orElse("?") + ")";
        }
        List<GemmResult> results = new ArrayList<>();
        int version;
        try (CpuWorkers workers = CpuWorkers.allCores(); Stream stream = device.createStream();
                GpuMatrixMultiply gpu = new GpuMatrixMultiply(stream); Event start = device.createEvent();
                Event end = device.createEvent()) {
            version = gpu.libraryVersion();
            Products products = new Products(gpu, new CpuMatrixMultiply(workers), stream, start, end, samples, peer);
            for (int n : sizes) {
                for (MatrixPrecision precision : MatrixPrecision.values()) {
                    progress.accept("GEMM and GEMV, n = " + n + ", " + precision);
                    results.add(products.gemm(n, precision));
                    results.add(products.gemv(n, precision));
                }
            }
        }
        return new GemmBenchmarkReport(device.info().name(), "CUDA " + Cuda.status().driverVersionText(),
                PrimitivesBenchmark.commit(),
                LocalDate.now().toString(), copy, version, peerStatus,
                "GEMM above " + CPU_GEMM_LIMIT + "^3 skipped (minutes per product); GEMV at every size; all host cores",
                results);
    }

    /** The measurements of one run, sharing its stream, events and twin. */
    private record Products(GpuMatrixMultiply gpu, CpuMatrixMultiply cpu, Stream stream, Event start, Event end,
            int samples, Map<String, Double> peer) {

        GemmResult gemm(int n, MatrixPrecision precision) {
            GemmShape shape = GemmShape.of(n, n, n);
            String name = precision.name().toLowerCase(Locale.ROOT);
            long inputBytes = shape.elementsOfA() * precision.inputBytes();
            long outputBytes = 4 * shape.elementsOfC();
            CudaDevice device = stream.device();
            try (Arena arena = Arena.ofShared(); DeviceBuffer a = device.allocate(inputBytes);
                    DeviceBuffer b = device.allocate(inputBytes); DeviceBuffer c = device.allocate(outputBytes)) {
                MemorySegment hostA = randomInputs(arena, precision, shape.elementsOfA(), 2L * n);
                MemorySegment hostB = randomInputs(arena, precision, shape.elementsOfB(), 2L * n + 1);
                a.copyFrom(hostA);
                b.copyFrom(hostB);
                double gpuSeconds = SampleTiming.gpuMedian(samples, stream, start, end,
                        () -> gpu.gemm(shape, precision, a, b, c));
                MemorySegment result = arena.allocate(outputBytes, 64);
                c.copyTo(result);
                checkSampled(shape, precision, hostA, hostB, result, "GEMM");
                double cpuSeconds = Double.NaN;
                if (n <= CPU_GEMM_LIMIT) {
                    MemorySegment twin = arena.allocate(outputBytes, 64);
                    cpuSeconds = SampleTiming.cpuMedian(samples, () -> cpu.gemm(shape, precision, hostA, hostB, twin));
                    checkAgainstTwin(arena, shape, precision, hostA, hostB, result, twin, "GEMM");
                }
                return new GemmResult("gemm", name, n, shape.floatingPointOperations(), 2 * inputBytes + outputBytes,
                        gpuSeconds, cpuSeconds, peer.getOrDefault(NvccPeer.key("gemm", name, n), Double.NaN),
                        precision == MatrixPrecision.BF16
                                ? peer.getOrDefault(NvccPeer.key("gemm_bf16_output", name, n), Double.NaN) : Double.NaN);
            }
        }

        GemmResult gemv(int n, MatrixPrecision precision) {
            GemvShape shape = GemvShape.of(n, n);
            String name = precision.name().toLowerCase(Locale.ROOT);
            long matrixBytes = shape.elementsOfA() * precision.inputBytes();
            long vectorBytes = (long) n * precision.inputBytes();
            CudaDevice device = stream.device();
            try (Arena arena = Arena.ofShared(); DeviceBuffer a = device.allocate(matrixBytes);
                    DeviceBuffer x = device.allocate(vectorBytes); DeviceBuffer y = device.allocate(4L * n)) {
                MemorySegment hostA = randomInputs(arena, precision, shape.elementsOfA(), 3L * n);
                MemorySegment hostX = randomInputs(arena, precision, n, 3L * n + 1);
                a.copyFrom(hostA);
                x.copyFrom(hostX);
                double gpuSeconds = SampleTiming.gpuMedian(samples, stream, start, end,
                        () -> gpu.gemv(shape, precision, a, x, y));
                MemorySegment result = arena.allocate(4L * n, 64);
                y.copyTo(result);
                MemorySegment twin = arena.allocate(4L * n, 64);
                double cpuSeconds = SampleTiming.cpuMedian(samples, () -> cpu.gemv(shape, precision, hostA, hostX, twin));
                checkAgainstTwin(arena, shape.asGemm(), precision, hostA, hostX, result, twin, "GEMV");
                return new GemmResult("gemv", name, n, shape.floatingPointOperations(), matrixBytes + vectorBytes + 4L * n,
                        gpuSeconds, cpuSeconds, peer.getOrDefault(NvccPeer.key("gemv", name, n), Double.NaN), Double.NaN);
            }
        }

        /** Every element within the precision's bound of the twin's, relative to its magnitude. */
        private void checkAgainstTwin(Arena arena, GemmShape shape, MatrixPrecision precision, MemorySegment a,
                MemorySegment b, MemorySegment gpuResult, MemorySegment twin, String what) {
            MemorySegment magnitudes = arena.allocate(4 * shape.elementsOfC(), 64);
            cpu.magnitudes(shape, precision, a, b, magnitudes);
            MatrixProductCheck.againstTwin(shape, precision, gpuResult, twin, magnitudes)
                    .ifPresent(mismatch -> stop(what, shape, precision, mismatch));
        }
    }

    /** Elements at seeded random places within the precision's bound of their sum in double (no transposes). */
    static void checkSampled(GemmShape shape, MatrixPrecision precision, MemorySegment a, MemorySegment b,
            MemorySegment gpuResult, String what) {
        MatrixProductCheck.sampled(shape, precision, a, b, gpuResult, SAMPLED_ELEMENTS)
                .ifPresent(mismatch -> stop(what, shape, precision, mismatch));
    }

    private static void stop(String what, GemmShape shape, MatrixPrecision precision, String mismatch) {
        throw new IllegalStateException("GPU " + what + " " + shape + " " + precision + " " + mismatch
                + ": the benchmark stops, its figures would be for wrong results");
    }

    /** Uniform in [-1, 1), rounded to the precision's input type, from one seed per row of 2^16 values. */
    static MemorySegment randomInputs(Arena arena, MatrixPrecision precision, long count, long seed) {
        MemorySegment values = arena.allocate(count * precision.inputBytes(), 64);
        long chunk = 1 << 16;
        CpuWorkers.allCores().forEach((int) ((count + chunk - 1) / chunk), task -> {
            SplittableRandom random = new SplittableRandom(seed * 1_000_003L + task);
            for (long i = task * chunk; i < Math.min(count, (task + 1) * chunk); i++) {
                float value = (float) random.nextDouble(-1, 1);
                switch (precision) {
                    case FP32, TF32 -> values.setAtIndex(ValueLayout.JAVA_FLOAT, i, value);
                    case FP16 -> values.setAtIndex(ValueLayout.JAVA_SHORT, i, HalfFloats.toFloat16(value));
                    case BF16 -> values.setAtIndex(ValueLayout.JAVA_SHORT, i, HalfFloats.toBFloat16(value));
                }
            }
        });
        return values;
    }
}
