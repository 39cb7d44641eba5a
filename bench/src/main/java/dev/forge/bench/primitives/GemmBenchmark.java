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
import java.nio.file.Path;
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
    static final int CPU_GEMM_LIMIT = 2048;
    static final int SAMPLED_ELEMENTS = 256;

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
        NvccPeer.Result built = NvccPeer.build("cublas_gemm.cu", device.info().architecture(), linkSameCublas());
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

    /**
     * Link options that make the native peer load the very libcublas Forge loaded (its folder as the link path and
     * the run path), so that both sides run the same library; the loader's choice where Forge's came from it.
     */
    static List<String> linkSameCublas() {
        return BlasHandle.libraryLocation().filter(Path::isAbsolute).map(Path::getParent)
                .map(folder -> List.of("-L" + folder, "-Xlinker", "-rpath=" + folder, "-lcublas"))
                .orElse(List.of("-lcublas"));
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
                double gpuSeconds = PrimitivesBenchmark.gpuMedian(samples, stream, start, end,
                        () -> gpu.gemm(shape, precision, a, b, c));
                MemorySegment result = arena.allocate(outputBytes, 64);
                c.copyTo(result);
                checkSampled(shape, precision, hostA, hostB, result, "GEMM");
                double cpuSeconds = Double.NaN;
                if (n <= CPU_GEMM_LIMIT) {
                    MemorySegment twin = arena.allocate(outputBytes, 64);
                    cpuSeconds = PrimitivesBenchmark.cpuMedian(samples, () -> cpu.gemm(shape, precision, hostA, hostB, twin));
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
                double gpuSeconds = PrimitivesBenchmark.gpuMedian(samples, stream, start, end,
                        () -> gpu.gemv(shape, precision, a, x, y));
                MemorySegment result = arena.allocate(4L * n, 64);
                y.copyTo(result);
                MemorySegment twin = arena.allocate(4L * n, 64);
                double cpuSeconds = PrimitivesBenchmark.cpuMedian(samples, () -> cpu.gemv(shape, precision, hostA, hostX, twin));
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
            for (long index = 0; index < shape.elementsOfC(); index++) {
                double difference = Math.abs(gpuResult.getAtIndex(ValueLayout.JAVA_FLOAT, index)
                        - twin.getAtIndex(ValueLayout.JAVA_FLOAT, index));
                double bound = precision.errorBound(shape.k(), magnitudes.getAtIndex(ValueLayout.JAVA_FLOAT, index));
                if (!(difference <= bound)) {
                    throw wrong(what, shape, precision, index, gpuResult.getAtIndex(ValueLayout.JAVA_FLOAT, index),
                            twin.getAtIndex(ValueLayout.JAVA_FLOAT, index), "the CPU twin");
                }
            }
        }
    }

    /** Elements at seeded random places within the precision's bound of their sum in double (no transposes). */
    static void checkSampled(GemmShape shape, MatrixPrecision precision, MemorySegment a, MemorySegment b,
            MemorySegment gpuResult, String what) {
        SplittableRandom random = new SplittableRandom(shape.m());
        for (int sample = 0; sample < SAMPLED_ELEMENTS; sample++) {
            int i = random.nextInt(shape.m());
            int j = random.nextInt(shape.n());
            double sum = 0;
            double magnitude = 0;
            for (int p = 0; p < shape.k(); p++) {
                double product = (double) input(a, precision, (long) i * shape.k() + p)
                        * input(b, precision, (long) p * shape.n() + j);
                sum += product;
                magnitude += Math.abs(product);
            }
            float actual = gpuResult.getAtIndex(ValueLayout.JAVA_FLOAT, (long) i * shape.n() + j);
            if (!(Math.abs(actual - sum) <= precision.errorBound(shape.k(), magnitude))) {
                throw wrong(what, shape, precision, (long) i * shape.n() + j, actual, sum, "its sum in double");
            }
        }
    }

    private static IllegalStateException wrong(String what, GemmShape shape, MatrixPrecision precision, long index,
            double actual, double expected, String reference) {
        return new IllegalStateException("GPU " + what + " " + shape + " " + precision + " gave " + actual
                + " at element [" + index / shape.n() + "][" + index % shape.n() + "], " + reference + " " + expected
                + ": the benchmark stops, its figures would be for wrong results");
    }

    private static float input(MemorySegment values, MatrixPrecision precision, long index) {
        return switch (precision) {
            case FP32, TF32 -> values.getAtIndex(ValueLayout.JAVA_FLOAT, index);
            case FP16 -> HalfFloats.fromFloat16(values.getAtIndex(ValueLayout.JAVA_SHORT, index));
            case BF16 -> HalfFloats.fromBFloat16(values.getAtIndex(ValueLayout.JAVA_SHORT, index));
        };
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
