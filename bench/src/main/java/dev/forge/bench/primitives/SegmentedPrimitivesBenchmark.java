package dev.forge.bench.primitives;

import dev.forge.cuda.CudaDevice;
import dev.forge.cuda.DeviceBuffer;
import dev.forge.cuda.Event;
import dev.forge.cuda.MemoryPool;
import dev.forge.cuda.Stream;
import dev.forge.primitives.ElementType;
import dev.forge.primitives.ReduceOperator;
import dev.forge.primitives.SortOrder;
import dev.forge.primitives.cpu.CpuRunLength;
import dev.forge.primitives.cpu.CpuSegmentedReduce;
import dev.forge.primitives.cpu.CpuTopK;
import dev.forge.primitives.cpu.CpuWorkers;
import dev.forge.primitives.gpu.GpuRunLength;
import dev.forge.primitives.gpu.GpuSegmentedReduce;
import dev.forge.primitives.gpu.GpuTopK;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The segmented primitives' part of {@link PrimitivesBenchmark}: unique and run-length encoding of int32 keys in runs
 * of {@value #RUN_LENGTH}, segmented sums over {@value #SEGMENT}-value segments, reduce-by-key over runs of
 * {@value #SEGMENT}, and the top {@value #TOP_K}. Each GPU result is compared with the CPU twin's (floating sums bit
 * for bit) before its time counts. The inputs are those cub_primitives.cu builds for CUB: key {@code i} is
 * {@code (i / 4) % 1000}, values are integers in [-1000, 1000], segment {@code s} starts at {@code 16 s}. Top-k has
 * no CUB peer; it runs on uniform random int32 bits and on uniform float32 in [0, 1), whose leading bits are mostly
 * alike (every value's sign and most of its exponent), which costs the radix select one more pass over the input.
 * Bytes moved count the input once and every output once.
 */
final class SegmentedPrimitivesBenchmark {
    static final int RUN_LENGTH = 4;
    static final int SEGMENT = 16;
    static final int TOP_K = 128;

    private final CudaDevice device;
    private final CpuWorkers workers;
    private final Stream stream;
    private final MemoryPool pool;
    private final Event start;
    private final Event end;
    private final int samples;
    private final double copy;
    private final Map<String, Double> cub;
    private final java.util.function.Consumer<String> progress;

    SegmentedPrimitivesBenchmark(CudaDevice device, CpuWorkers workers, Stream stream, MemoryPool pool, Event start,
            Event end, int samples, double copy, Map<String, Double> cub, java.util.function.Consumer<String> progress) {
        this.device = device;
        this.workers = workers;
        this.stream = stream;
        this.pool = pool;
        this.start = start;
        this.end = end;
        this.samples = samples;
        this.copy = copy;
        this.cub = cub;
        this.progress = progress;
    }

    List<PrimitiveResult> measure(List<Long> sizes) {
        List<PrimitiveResult> results = new ArrayList<>();
        for (long size : sizes) {
            progress.accept("unique, run-length encoding, segmented sums, reduce-by-key and top-k, " + size);
            // an arena per primitive, so that host memory is given back before the next one fills it
            try (Arena arena = Arena.ofShared()) {
                runLengths(arena, size, results);
            }
            for (ElementType type : new ElementType[] {ElementType.FLOAT32, ElementType.FLOAT64}) {
                try (Arena arena = Arena.ofShared()) {
                    segmentedSums(arena, size, type, results);
                }
            }
            try (Arena arena = Arena.ofShared()) {
                reduceByKey(arena, size, results);
            }
            for (ElementType type : new ElementType[] {ElementType.INT32, ElementType.FLOAT32}) {
                try (Arena arena = Arena.ofShared()) {
                    topK(arena, size, type, results);
                }
            }
        }
        return results;
    }

    private void runLengths(Arena arena, long size, List<PrimitiveResult> results) {
        GpuRunLength gpu = new GpuRunLength(device);
        CpuRunLength cpu = new CpuRunLength(workers);
        MemorySegment keys = arena.allocate(4 * size, 64);
        for (long i = 0; i < size; i++) {
            keys.setAtIndex(ValueLayout.JAVA_INT, i, (int) (i / RUN_LENGTH % 1000));
        }
        MemorySegment expectedValues = arena.allocate(4 * size, 64);
        MemorySegment expectedLengths = arena.allocate(8 * size, 64);
        MemorySegment actual = arena.allocate(8 * size, 64);
        try (DeviceBuffer input = device.allocate(4 * size); DeviceBuffer values = device.allocate(4 * size);
                DeviceBuffer lengths = device.allocate(8 * size); DeviceBuffer count = device.allocate(8)) {
            input.copyFrom(keys);
            long runs = cpu.runLengthEncode(keys, ElementType.INT32, expectedValues, expectedLengths);

            double gpuUnique = PrimitivesBenchmark.gpuMedian(samples, stream, start, end,
                    () -> gpu.unique(input, ElementType.INT32, values, count, pool, stream));
            check("unique", runs, count, List.of(new Compared(values, expectedValues.asSlice(0, 4 * runs))), actual);
            double cpuUnique = PrimitivesBenchmark.cpuMedian(samples, () -> cpu.unique(keys, ElementType.INT32,
                    expectedValues));
            results.add(result("unique", "int32", size, 4 * size + 4 * runs, gpuUnique, cpuUnique));

            double gpuEncode = PrimitivesBenchmark.gpuMedian(samples, stream, start, end,
                    () -> gpu.runLengthEncode(input, ElementType.INT32, values, lengths, count, pool, stream));
            check("run_length_encode", runs, count, List.of(new Compared(values, expectedValues.asSlice(0, 4 * runs)),
                    new Compared(lengths, expectedLengths.asSlice(0, 8 * runs))), actual);
            double cpuEncode = PrimitivesBenchmark.cpuMedian(samples, () -> cpu.runLengthEncode(keys,
                    ElementType.INT32, expectedValues, expectedLengths));
            results.add(result("run_length_encode", "int32", size, 4 * size + 12 * runs, gpuEncode, cpuEncode));
        }
    }

    private void segmentedSums(Arena arena, long size, ElementType type, List<PrimitiveResult> results) {
        GpuSegmentedReduce gpu = new GpuSegmentedReduce(device);
        CpuSegmentedReduce cpu = new CpuSegmentedReduce(workers, gpu.sumOrder());
        int width = type.byteSize();
        long segments = size / SEGMENT;
        MemorySegment values = integerValues(arena, type, size);
        MemorySegment offsets = arena.allocate(8 * (segments + 1), 64);
        for (long s = 0; s <= segments; s++) {
            offsets.setAtIndex(ValueLayout.JAVA_LONG, s, s * SEGMENT);
        }
        MemorySegment expected = arena.allocate(width * Math.max(1, segments), 64).asSlice(0, width * segments);
        MemorySegment actual = arena.allocate(width * Math.max(1, segments), 64);
        try (DeviceBuffer input = device.allocate(width * size); DeviceBuffer offsetBuffer = device.allocate(8 * (segments + 1));
                DeviceBuffer sums = device.allocate(width * Math.max(1, segments)); DeviceBuffer invalid = device.allocate(8)) {
            input.copyFrom(values);
            offsetBuffer.copyFrom(offsets);
            cpu.segmentedReduce(values, type, offsets, ReduceOperator.SUM, expected);
            double gpuSeconds = PrimitivesBenchmark.gpuMedian(samples, stream, start, end,
                    () -> gpu.segmentedReduce(input, type, offsetBuffer, ReduceOperator.SUM,
                            sums.slice(0, width * segments), invalid, pool, stream));
            check("segmented_sum_16", -1, invalid, List.of(new Compared(sums, expected)), actual);
            double cpuSeconds = PrimitivesBenchmark.cpuMedian(samples,
                    () -> cpu.segmentedReduce(values, type, offsets, ReduceOperator.SUM, expected));
            results.add(result("segmented_sum_16", name(type), size,
                    width * size + 8 * (segments + 1) + width * segments, gpuSeconds, cpuSeconds));
        }
    }

    private void reduceByKey(Arena arena, long size, List<PrimitiveResult> results) {
        GpuSegmentedReduce gpu = new GpuSegmentedReduce(device);
        CpuSegmentedReduce cpu = new CpuSegmentedReduce(workers, gpu.sumOrder());
        MemorySegment keys = arena.allocate(4 * size, 64);
        for (long i = 0; i < size; i++) {
            keys.setAtIndex(ValueLayout.JAVA_INT, i, (int) (i / SEGMENT));
        }
        MemorySegment values = integerValues(arena, ElementType.FLOAT32, size);
        MemorySegment expectedKeys = arena.allocate(4 * size, 64);
        MemorySegment expectedSums = arena.allocate(4 * size, 64);
        MemorySegment actual = arena.allocate(4 * size, 64);
        try (DeviceBuffer keyBuffer = device.allocate(4 * size); DeviceBuffer valueBuffer = device.allocate(4 * size);
                DeviceBuffer uniqueKeys = device.allocate(4 * size); DeviceBuffer sums = device.allocate(4 * size);
                DeviceBuffer count = device.allocate(8)) {
            keyBuffer.copyFrom(keys);
            valueBuffer.copyFrom(values);
            long runs = cpu.reduceByKey(keys, ElementType.INT32, values, ElementType.FLOAT32, ReduceOperator.SUM,
                    expectedKeys, expectedSums);
            double gpuSeconds = PrimitivesBenchmark.gpuMedian(samples, stream, start, end,
                    () -> gpu.reduceByKey(keyBuffer, ElementType.INT32, valueBuffer, ElementType.FLOAT32,
                            ReduceOperator.SUM, uniqueKeys, sums, count, pool, stream));
            check("reduce_by_key_sum", runs, count, List.of(new Compared(uniqueKeys, expectedKeys.asSlice(0, 4 * runs)),
                    new Compared(sums, expectedSums.asSlice(0, 4 * runs))), actual);
            double cpuSeconds = PrimitivesBenchmark.cpuMedian(samples, () -> cpu.reduceByKey(keys, ElementType.INT32,
                    values, ElementType.FLOAT32, ReduceOperator.SUM, expectedKeys, expectedSums));
            results.add(result("reduce_by_key_sum", "float32", size, 8 * size + 8 * runs, gpuSeconds, cpuSeconds));
        }
    }

    private void topK(Arena arena, long size, ElementType type, List<PrimitiveResult> results) {
        GpuTopK gpu = new GpuTopK(device);
        CpuTopK cpu = new CpuTopK(workers);
        MemorySegment values = arena.allocate(4 * size, 64);
        SplittableRandom random = new SplittableRandom(size * 131 + type.ordinal());
        for (long i = 0; i < size; i++) {
            if (type == ElementType.FLOAT32) {
                values.setAtIndex(ValueLayout.JAVA_FLOAT, i, random.nextFloat());
            } else {
                values.setAtIndex(ValueLayout.JAVA_INT, i, random.nextInt());
            }
        }
        MemorySegment expectedValues = arena.allocate(4L * TOP_K, 64);
        MemorySegment expectedIndices = arena.allocate(8L * TOP_K, 64);
        MemorySegment actual = arena.allocate(8L * TOP_K, 64);
        try (DeviceBuffer input = device.allocate(4 * size); DeviceBuffer topValues = device.allocate(4L * TOP_K);
                DeviceBuffer topIndices = device.allocate(8L * TOP_K)) {
            input.copyFrom(values);
            int count = cpu.topK(values, type, TOP_K, SortOrder.DESCENDING, expectedValues, expectedIndices);
            double gpuSeconds = PrimitivesBenchmark.gpuMedian(samples, stream, start, end,
                    () -> gpu.topK(input, type, TOP_K, SortOrder.DESCENDING, topValues, topIndices, pool, stream));
            check("top_k_" + TOP_K, -1, null, List.of(new Compared(topValues, expectedValues.asSlice(0, 4L * count)),
                    new Compared(topIndices, expectedIndices.asSlice(0, 8L * count))), actual);
            double cpuSeconds = PrimitivesBenchmark.cpuMedian(samples, () -> cpu.topK(values, type, TOP_K,
                    SortOrder.DESCENDING, expectedValues, expectedIndices));
            results.add(result("top_k_" + TOP_K, name(type), size, 4 * size, gpuSeconds, cpuSeconds));
        }
    }

    /** Integers in [-1000, 1000] as {@code type}, the values cub_primitives.cu draws. */
    private static MemorySegment integerValues(Arena arena, ElementType type, long size) {
        MemorySegment values = arena.allocate(size * type.byteSize(), 64);
        SplittableRandom random = new SplittableRandom(size * 37 + type.ordinal());
        for (long i = 0; i < size; i++) {
            int value = random.nextInt(-1000, 1001);
            if (type == ElementType.FLOAT32) {
                values.setAtIndex(ValueLayout.JAVA_FLOAT, i, value);
            } else {
                values.setAtIndex(ValueLayout.JAVA_DOUBLE, i, value);
            }
        }
        return values;
    }

    /** A device output and the bytes the CPU twin wrote for it. */
    private record Compared(DeviceBuffer gpu, MemorySegment cpu) {
    }

    /**
     * Stops the benchmark unless every output starts with the twin's bytes and the count word (if any) holds
     * {@code expectedCount} (-1: the segmented reduce's invalid-offset word).
     */
    private void check(String primitive, long expectedCount, DeviceBuffer countWord, List<Compared> outputs,
            MemorySegment scratch) {
        stream.synchronize();
        if (countWord != null) {
            long[] count = new long[1];
            countWord.slice(0, 8).copyTo(MemorySegment.ofArray(count));
            if (count[0] != expectedCount) {
                throw new IllegalStateException("GPU " + primitive + " wrote " + count[0] + " to its count word, the CPU"
                        + " twin's answer is " + expectedCount + ": the benchmark stops, its figures would be for wrong"
                        + " results");
            }
        }
        for (Compared output : outputs) {
            MemorySegment back = scratch.asSlice(0, output.cpu().byteSize());
            output.gpu().slice(0, back.byteSize()).copyTo(back);
            long mismatch = back.mismatch(output.cpu());
            if (mismatch != -1) {
                throw new IllegalStateException("GPU " + primitive + " differs from the CPU twin at byte " + mismatch
                        + ": the benchmark stops, its figures would be for wrong results");
            }
        }
    }

    private PrimitiveResult result(String primitive, String type, long size, long bytes, double gpuSeconds,
            double cpuSeconds) {
        return new PrimitiveResult(primitive, type, size, bytes, gpuSeconds, cpuSeconds,
                cub.getOrDefault(NvccPeer.key(primitive, type, size), Double.NaN), copy);
    }

    private static String name(ElementType type) {
        return type.name().toLowerCase(java.util.Locale.ROOT);
    }
}
