package dev.forge.bench.primitives;

import dev.forge.cuda.DeviceBuffer;
import dev.forge.primitives.ElementType;
import dev.forge.primitives.ReduceOperator;
import dev.forge.primitives.cpu.CpuRunLength;
import dev.forge.primitives.cpu.CpuSegmentedReduce;
import dev.forge.primitives.gpu.GpuRunLength;
import dev.forge.primitives.gpu.GpuSegmentedReduce;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The run-length family (unique and run-length encoding of int32 keys in runs of {@value #RUN_LENGTH}) and the
 * segmented family (segmented sums over {@value #SEGMENT}-value segments, reduce-by-key over runs of
 * {@value #SEGMENT}). Each GPU result is compared with the CPU twin's (floating sums bit for bit) before its time
 * counts. The inputs are those cub_primitives.cu builds for CUB: key {@code i} is {@code (i / 4) % 1000}, values are
 * integers in [-1000, 1000], segment {@code s} starts at {@code 16 s}. Bytes moved count the input once and every
 * output once.
 */
final class SegmentedPrimitivesBenchmark implements FamilyBenchmark {
    static final int RUN_LENGTH = 4;
    static final int SEGMENT = 16;

    private final MeasurementContext context;
    private final boolean runLengths;
    private final boolean segmented;
    private final GpuRunLength gpuRunLength;
    private final GpuSegmentedReduce gpuSegmented;
    private final CpuRunLength cpuRunLength;
    private final CpuSegmentedReduce cpuSegmented;

    SegmentedPrimitivesBenchmark(MeasurementContext context, boolean runLengths, boolean segmented) {
        this.context = context;
        this.runLengths = runLengths;
        this.segmented = segmented;
        this.gpuRunLength = new GpuRunLength(context.device);
        this.gpuSegmented = new GpuSegmentedReduce(context.device);
        this.cpuRunLength = new CpuRunLength(context.workers);
        this.cpuSegmented = new CpuSegmentedReduce(context.workers, gpuSegmented.sumOrder());
    }

    @Override
    public void measure(long size) {
        // an arena per primitive, so that host memory is given back before the next one fills it
        if (runLengths && context.roomFor(PrimitiveFamily.RUN_LENGTH, "unique/run_length_encode", "int32", size,
                16 * size + (16 << 20))) {
            context.progress.accept("unique and run-length encoding, " + size);
            try (Arena arena = Arena.ofShared()) {
                runLengths(arena, size);
            }
        }
        if (!segmented) {
            return;
        }
        context.progress.accept("segmented sums and reduce-by-key, " + size);
        for (ElementType type : new ElementType[] {ElementType.FLOAT32, ElementType.FLOAT64}) {
            if (context.roomFor(PrimitiveFamily.SEGMENTED, "segmented_sum_16", name(type), size,
                    (type.byteSize() + 1) * size + (16 << 20))) {
                try (Arena arena = Arena.ofShared()) {
                    segmentedSums(arena, size, type);
                }
            }
        }
        if (context.roomFor(PrimitiveFamily.SEGMENTED, "reduce_by_key_sum", "float32", size, 16 * size + (16 << 20))) {
            try (Arena arena = Arena.ofShared()) {
                reduceByKey(arena, size);
            }
        }
    }

    private void runLengths(Arena arena, long size) {
        MemorySegment keys = arena.allocate(4 * size, 64);
        for (long i = 0; i < size; i++) {
            keys.setAtIndex(ValueLayout.JAVA_INT, i, (int) (i / RUN_LENGTH % 1000));
        }
        MemorySegment expectedValues = arena.allocate(4 * size, 64);
        MemorySegment expectedLengths = arena.allocate(8 * size, 64);
        try (DeviceBuffer input = context.device.allocate(4 * size); DeviceBuffer values = context.device.allocate(4 * size);
                DeviceBuffer lengths = context.device.allocate(8 * size); DeviceBuffer count = context.device.allocate(8)) {
            input.copyFrom(keys);
            long[] runs = new long[1];

            double gpuUnique = context.gpuMedian(() -> gpuRunLength.unique(input, ElementType.INT32, values, count,
                    context.pool, context.stream));
            double cpuUnique = context.cpuMedian(size,
                    () -> runs[0] = cpuRunLength.unique(keys, ElementType.INT32, expectedValues));
            ResultCheck.sameCount("unique's count", count, runs[0], context.stream);
            ResultCheck.sameBytes("unique", values, expectedValues.asSlice(0, 4 * runs[0]), context.stream);
            add(PrimitiveFamily.RUN_LENGTH, "unique", "int32", size, 4 * size + 4 * runs[0], gpuUnique, cpuUnique);

            double gpuEncode = context.gpuMedian(() -> gpuRunLength.runLengthEncode(input, ElementType.INT32, values,
                    lengths, count, context.pool, context.stream));
            double cpuEncode = context.cpuMedian(size, () -> cpuRunLength.runLengthEncode(keys, ElementType.INT32,
                    expectedValues, expectedLengths));
            ResultCheck.sameCount("run_length_encode's count", count, runs[0], context.stream);
            ResultCheck.sameBytes("run_length_encode's values", values, expectedValues.asSlice(0, 4 * runs[0]),
                    context.stream);
            ResultCheck.sameBytes("run_length_encode's lengths", lengths, expectedLengths.asSlice(0, 8 * runs[0]),
                    context.stream);
            add(PrimitiveFamily.RUN_LENGTH, "run_length_encode", "int32", size, 4 * size + 12 * runs[0], gpuEncode,
                    cpuEncode);
        }
    }

    private void segmentedSums(Arena arena, long size, ElementType type) {
        int width = type.byteSize();
        long segments = size / SEGMENT;
        MemorySegment values = integerValues(arena, type, size);
        MemorySegment offsets = arena.allocate(8 * (segments + 1), 64);
        for (long s = 0; s <= segments; s++) {
            offsets.setAtIndex(ValueLayout.JAVA_LONG, s, s * SEGMENT);
        }
        MemorySegment expected = arena.allocate(width * Math.max(1, segments), 64).asSlice(0, width * segments);
        try (DeviceBuffer input = context.device.allocate(width * size);
                DeviceBuffer offsetBuffer = context.device.allocate(8 * (segments + 1));
                DeviceBuffer sums = context.device.allocate(width * Math.max(1, segments));
                DeviceBuffer invalid = context.device.allocate(8)) {
            input.copyFrom(values);
            offsetBuffer.copyFrom(offsets);
            double gpuSeconds = context.gpuMedian(() -> gpuSegmented.segmentedReduce(input, type, offsetBuffer,
                    ReduceOperator.SUM, sums.slice(0, width * segments), invalid, context.pool, context.stream));
            double cpuSeconds = context.cpuMedian(size,
                    () -> cpuSegmented.segmentedReduce(values, type, offsets, ReduceOperator.SUM, expected));
            ResultCheck.sameCount("segmented_sum_16's invalid-offset word", invalid, -1, context.stream);
            ResultCheck.sameBytes("segmented_sum_16 of " + name(type), sums, expected, context.stream);
            add(PrimitiveFamily.SEGMENTED, "segmented_sum_16", name(type), size,
                    width * size + 8 * (segments + 1) + width * segments, gpuSeconds, cpuSeconds);
        }
    }

    private void reduceByKey(Arena arena, long size) {
        MemorySegment keys = arena.allocate(4 * size, 64);
        for (long i = 0; i < size; i++) {
            keys.setAtIndex(ValueLayout.JAVA_INT, i, (int) (i / SEGMENT));
        }
        MemorySegment values = integerValues(arena, ElementType.FLOAT32, size);
        MemorySegment expectedKeys = arena.allocate(4 * size, 64);
        MemorySegment expectedSums = arena.allocate(4 * size, 64);
        try (DeviceBuffer keyBuffer = context.device.allocate(4 * size);
                DeviceBuffer valueBuffer = context.device.allocate(4 * size);
                DeviceBuffer uniqueKeys = context.device.allocate(4 * size); DeviceBuffer sums = context.device.allocate(4 * size);
                DeviceBuffer count = context.device.allocate(8)) {
            keyBuffer.copyFrom(keys);
            valueBuffer.copyFrom(values);
            long[] runs = new long[1];
            double gpuSeconds = context.gpuMedian(() -> gpuSegmented.reduceByKey(keyBuffer, ElementType.INT32,
                    valueBuffer, ElementType.FLOAT32, ReduceOperator.SUM, uniqueKeys, sums, count, context.pool,
                    context.stream));
            double cpuSeconds = context.cpuMedian(size,
                    () -> runs[0] = cpuSegmented.reduceByKey(keys, ElementType.INT32, values, ElementType.FLOAT32,
                            ReduceOperator.SUM, expectedKeys, expectedSums));
            ResultCheck.sameCount("reduce_by_key_sum's count", count, runs[0], context.stream);
            ResultCheck.sameBytes("reduce_by_key_sum's keys", uniqueKeys, expectedKeys.asSlice(0, 4 * runs[0]),
                    context.stream);
            ResultCheck.sameBytes("reduce_by_key_sum's sums", sums, expectedSums.asSlice(0, 4 * runs[0]),
                    context.stream);
            add(PrimitiveFamily.SEGMENTED, "reduce_by_key_sum", "float32", size, 8 * size + 8 * runs[0], gpuSeconds,
                    cpuSeconds);
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

    private void add(PrimitiveFamily family, String primitive, String type, long size, long bytes, double gpuSeconds,
            double cpuSeconds) {
        context.add(new PrimitiveResult(family.optionName(), primitive, type, size, bytes, gpuSeconds, cpuSeconds,
                context.cub.seconds(primitive, type, size), context.copy));
    }

    private static String name(ElementType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }
}
