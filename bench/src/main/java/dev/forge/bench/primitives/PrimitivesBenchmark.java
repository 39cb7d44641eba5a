package dev.forge.bench.primitives;

import dev.forge.cuda.CudaDevice;
import dev.forge.cuda.DeviceBuffer;
import dev.forge.cuda.Event;
import dev.forge.cuda.MemoryPool;
import dev.forge.cuda.Stream;
import dev.forge.cuda.bench.DeviceBenchmark;
import dev.forge.cuda.bench.Measurement;
import dev.forge.primitives.ElementType;
import dev.forge.primitives.cpu.CpuReduce;
import dev.forge.primitives.cpu.CpuScan;
import dev.forge.primitives.cpu.CpuWorkers;
import dev.forge.primitives.gpu.GpuReduce;
import dev.forge.primitives.gpu.GpuScan;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Measures the GPU primitives against their CPU twins (all host cores) and CUB, in one run on one machine, and
 * against the device copy bandwidth measured in the same run. Every GPU result is checked against the CPU twin's
 * before its time counts.
 *
 * <p>GPU times are CUDA-event medians; each sample times {@link #CALLS_PER_SAMPLE} calls queued back to back, so the
 * host's time to queue one call does not count as device time, after warming up for up to 500 calls or half a
 * second. CPU times are wall-clock medians. Inputs are seeded
 * random integers in [-1000, 1000] (floats the same, as values), as in the CUB harness.
 */
public final class PrimitivesBenchmark {
    private static final int CALLS_PER_SAMPLE = 5;
    private static final int WARM_UP_CALLS = 500;
    private static final ElementType[] TYPES = {ElementType.INT32, ElementType.INT64, ElementType.FLOAT32, ElementType.FLOAT64};

    /** Everything one run measured, with what identifies it. */
    public record Report(String device, String driver, String commit, String date, double copyBytesPerSecond,
            String cubStatus, List<PrimitiveResult> results) {
    }

    private final CudaDevice device;
    private final Consumer<String> progress;

    public PrimitivesBenchmark(CudaDevice device, Consumer<String> progress) {
        this.device = device;
        this.progress = progress;
    }

    public Report run(List<Long> sizes, int samples) throws IOException, InterruptedException {
        progress.accept("measuring device copy bandwidth");
        double copy = copyBandwidth(device);
        progress.accept("building and running the CUB peer");
        NvccPeer.Result cub = NvccPeer.build("cub_primitives.cu", device.info().architecture(), List.of());
        Map<String, Double> cubMedians = cub.peer() == null ? Map.of() : cub.peer().measure(sizes, "cub");
        String cubStatus = cub.peer() == null ? cub.absentReason() : "measured in this run (nvcc, " + device.info().architecture() + ")";

        List<PrimitiveResult> results = new ArrayList<>();
        GpuReduce reduce = new GpuReduce(device);
        GpuScan scan = new GpuScan(device);
        try (CpuWorkers workers = CpuWorkers.allCores(); Stream stream = device.createStream();
                MemoryPool pool = device.createPool(); Event start = device.createEvent(); Event end = device.createEvent();
                DeviceBuffer result = device.allocate(16)) {
            CpuReduce cpuReduce = new CpuReduce(workers);
            CpuScan cpuScan = new CpuScan(workers);
            for (long size : sizes) {
                for (ElementType type : TYPES) {
                    String typeName = type.name().toLowerCase(Locale.ROOT);
                    progress.accept("reduce and scan, " + size + " " + typeName);
                    long bytes = size * type.byteSize();
                    try (Arena arena = Arena.ofShared(); DeviceBuffer input = device.allocate(bytes);
                            DeviceBuffer output = device.allocate(bytes)) {
                        MemorySegment host = randomValues(arena, type, size);
                        MemorySegment hostOutput = arena.allocate(bytes, 64);
                        input.copyFrom(host);

                        double gpuReduce = gpuMedian(samples, stream, start, end,
                                () -> reduce.reduce(GpuReduce.Operation.SUM, input, type, result, pool, stream));
                        double cpuReduceSeconds = cpuMedian(samples, () -> sum(cpuReduce, host, type));
                        checkSum(result, type, sum(cpuReduce, host, type), size);
                        results.add(new PrimitiveResult("reduce_sum", typeName, size, bytes, gpuReduce,
                                cpuReduceSeconds, cubMedians.getOrDefault(NvccPeer.key("reduce_sum", typeName, size), Double.NaN),
                                copy));

                        double gpuScan = gpuMedian(samples, stream, start, end,
                                () -> scan.inclusiveSum(input, output, type, pool, stream));
                        double cpuScanSeconds = cpuMedian(samples, () -> cpuScan.inclusiveSum(host, hostOutput, type));
                        checkScan(output, hostOutput, type, arena);
                        results.add(new PrimitiveResult("scan_inclusive_sum", typeName, size, 2 * bytes, gpuScan,
                                cpuScanSeconds, cubMedians.getOrDefault(NvccPeer.key("scan_inclusive_sum", typeName, size), Double.NaN),
                                copy));
                    }
                }
            }
            results.addAll(new SegmentedPrimitivesBenchmark(device, workers, stream, pool, start, end, samples, copy,
                    cubMedians, progress).measure(sizes));
        }
        return new Report(device.info().name(), "CUDA " + dev.forge.cuda.Cuda.status().driverVersionText(),
                commit(),
                LocalDate.now().toString(), copy, cubStatus, results);
    }

    /** The best device copy bandwidth (read+write bytes per second) of a short measurement now. */
    static double copyBandwidth(CudaDevice device) {
        return new DeviceBenchmark(device, step -> { }).copyBandwidth().stream()
                .mapToDouble(Measurement::value).max().orElseThrow();
    }

    /** The commit being measured, as the launcher passes it ({@code -Dforge.commit} or {@code FORGE_COMMIT}). */
    static String commit() {
        return System.getProperty("forge.commit", System.getenv().getOrDefault("FORGE_COMMIT", "unknown"));
    }

    private static MemorySegment randomValues(Arena arena, ElementType type, long count) {
        MemorySegment values = arena.allocate(count * type.byteSize(), 64);
        SplittableRandom random = new SplittableRandom(count * 31 + type.ordinal());
        for (long i = 0; i < count; i++) {
            int value = random.nextInt(-1000, 1001);
            switch (type) {
                case INT32 -> values.setAtIndex(ValueLayout.JAVA_INT, i, value);
                case INT64 -> values.setAtIndex(ValueLayout.JAVA_LONG, i, value);
                case FLOAT32 -> values.setAtIndex(ValueLayout.JAVA_FLOAT, i, value);
                case FLOAT64 -> values.setAtIndex(ValueLayout.JAVA_DOUBLE, i, value);
                case UINT32, UINT64 -> throw new IllegalArgumentException(type.toString());
            }
        }
        return values;
    }

    /** The CPU twin's sum as a double (exact for these inputs: |sum| stays far below 2^53). */
    private static double sum(CpuReduce reduce, MemorySegment values, ElementType type) {
        return switch (type) {
            case INT32 -> reduce.sumInt32(values);
            case INT64 -> reduce.sumInt64(values).toBigInteger().doubleValue();
            case FLOAT32 -> reduce.sumFloat32(values);
            case FLOAT64 -> reduce.sumFloat64(values);
            case UINT32, UINT64 -> throw new IllegalArgumentException(type.toString());
        };
    }

    private static void checkSum(DeviceBuffer result, ElementType type, double expected, long size) {
        long[] words = new long[2];
        result.copyTo(MemorySegment.ofArray(words));
        double actual = switch (type) {
            case INT32 -> words[0];
            case INT64 -> new dev.forge.primitives.Int128(words[1], words[0]).toBigInteger().doubleValue();
            case FLOAT32, FLOAT64 -> Double.longBitsToDouble(words[0]);
            case UINT32, UINT64 -> throw new IllegalArgumentException(type.toString());
        };
        if (actual != expected) {
            throw new IllegalStateException("GPU reduce_sum over " + size + " " + type + " gave " + actual
                    + ", the CPU twin " + expected + ": the benchmark stops, its figures would be for wrong results");
        }
    }

    /**
     * Integer-valued inputs below 2^53 in total keep every prefix exact in double, which both sides accumulate in
     * (float32 too), so the scans must agree bit for bit whatever order the additions ran in.
     */
    private static void checkScan(DeviceBuffer gpu, MemorySegment cpu, ElementType type, Arena arena) {
        MemorySegment back = arena.allocate(cpu.byteSize(), 64);
        gpu.copyTo(back);
        long mismatch = back.mismatch(cpu);
        if (mismatch != -1) {
            throw new IllegalStateException("GPU scan of " + type + " differs from the CPU twin at byte " + mismatch
                    + ": the benchmark stops, its figures would be for wrong results");
        }
    }

    /** The median device time of one call, from CUDA events around CALLS_PER_SAMPLE calls, after warming up. */
    static double gpuMedian(int samples, Stream stream, Event start, Event end, Runnable call) {
        // Warm up until the JIT has compiled the host path (a few hundred calls) or half a second has passed:
        // at small sizes the host's work per call, not the kernel, decides the time.
        long warmUpEnd = System.nanoTime() + 500_000_000L;
        for (int i = 0; i < WARM_UP_CALLS && System.nanoTime() < warmUpEnd; i++) {
            call.run();
        }
        stream.synchronize();
        double[] seconds = new double[samples];
        for (int i = 0; i < samples; i++) {
            start.record(stream);
            for (int c = 0; c < CALLS_PER_SAMPLE; c++) {
                call.run();
            }
            end.record(stream);
            end.synchronize();
            seconds[i] = end.elapsedMillisSince(start) / 1e3 / CALLS_PER_SAMPLE;
        }
        stream.synchronize();
        return median(seconds);
    }

    /** The median wall-clock time of one call, after one unmeasured call. */
    static double cpuMedian(int samples, Runnable call) {
        call.run();
        double[] seconds = new double[Math.max(3, samples / 2)];
        for (int i = 0; i < seconds.length; i++) {
            long began = System.nanoTime();
            call.run();
            seconds[i] = (System.nanoTime() - began) / 1e9;
        }
        return median(seconds);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
