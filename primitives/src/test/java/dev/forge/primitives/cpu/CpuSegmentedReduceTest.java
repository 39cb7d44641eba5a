package dev.forge.primitives.cpu;

import static dev.forge.primitives.cpu.TestInputs.MANY_THREADS;
import static dev.forge.primitives.cpu.TestInputs.ONE_THREAD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.forge.primitives.ElementType;
import dev.forge.primitives.ReduceOperator;
import dev.forge.primitives.SegmentedSumOrder;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CpuSegmentedReduceTest {

    private static final ElementType[] VALUE_TYPES = {ElementType.INT32, ElementType.INT64, ElementType.FLOAT32,
            ElementType.FLOAT64};
    /** Small tiles, as the kernel emulation builds them, so segments cross many groups, warp spans and tiles. */
    private static final SegmentedSumOrder SMALL_TILES = new SegmentedSumOrder(3, 3, 2);

    @ParameterizedTest
    @MethodSource("dev.forge.primitives.cpu.TestInputs#sizes")
    void segmentedReduceMatchesPlainLoops(int n) {
        long[] offsets = offsets(n, n + 3L);
        int segments = offsets.length - 1;
        try (Arena arena = Arena.ofShared()) {
            MemorySegment offsetSegment = TestInputs.segment(arena, offsets);
            for (ElementType type : VALUE_TYPES) {
                MemorySegment values = values(arena, type, n, n + type.ordinal());
                MemorySegment oneResults = arena.allocate((long) type.byteSize() * segments);
                MemorySegment manyResults = arena.allocate((long) type.byteSize() * segments);
                for (SegmentedSumOrder order : new SegmentedSumOrder[] {SegmentedSumOrder.GPU, SMALL_TILES}) {
                    for (ReduceOperator operator : ReduceOperator.values()) {
                        new CpuSegmentedReduce(ONE_THREAD, order).segmentedReduce(values, type, offsetSegment,
                                operator, oneResults);
                        new CpuSegmentedReduce(MANY_THREADS, order).segmentedReduce(values, type, offsetSegment,
                                operator, manyResults);
                        assertThat(manyResults.mismatch(oneResults)).as("%s %s: threads agree", type, operator)
                                .isEqualTo(-1);
                        for (int s = 0; s < segments; s++) {
                            long expected = reference(values, type, operator, offsets[s], offsets[s + 1], order);
                            long actual = Segments.rawBits(oneResults, type.byteSize(), s);
                            if (actual != expected) {
                                assertThat(Long.toHexString(actual)).as("%s %s %s segment %d of [%d, %d)", type,
                                        operator, order, s, offsets[s], offsets[s + 1])
                                        .isEqualTo(Long.toHexString(expected));
                            }
                        }
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dev.forge.primitives.cpu.TestInputs#sizes")
    void floatingSumsStayCloseToTheLeftToRightSum(int n) {
        long[] offsets = offsets(n, n + 11L);
        double[] doubles = TestInputs.finiteDoubles(n + 12L, n);
        int segments = offsets.length - 1;
        try (Arena arena = Arena.ofShared()) {
            MemorySegment results = arena.allocate(8L * segments);
            new CpuSegmentedReduce(MANY_THREADS).segmentedReduce(TestInputs.segment(arena, doubles),
                    ElementType.FLOAT64, TestInputs.segment(arena, offsets), ReduceOperator.SUM, results);
            for (int s = 0; s < segments; s++) {
                double leftToRight = 0;
                double magnitude = 0;
                for (long i = offsets[s]; i < offsets[s + 1]; i++) {
                    leftToRight += doubles[(int) i];
                    magnitude += Math.abs(doubles[(int) i]);
                }
                assertThat(results.getAtIndex(Segments.DOUBLE, s)).as("segment %d", s)
                        .isCloseTo(leftToRight, within(1e-12 * magnitude + 1e-300));
            }
        }
    }

    @Test
    void floatingSumsAddGroupSumsNotRunningTotals() {
        // groups of two: (1 + 1e16) + (1 + 1) keeps the 2 that 1 + 1e16 + 1 + 1, left to right, rounds away
        SegmentedSumOrder pairs = new SegmentedSumOrder(1, 2, 2);
        try (Arena arena = Arena.ofShared()) {
            MemorySegment values = TestInputs.segment(arena, new double[] {1, 1e16, 1, 1});
            MemorySegment results = arena.allocate(8);
            new CpuSegmentedReduce(ONE_THREAD, pairs).segmentedReduce(values, ElementType.FLOAT64,
                    TestInputs.segment(arena, new long[] {0, 4}), ReduceOperator.SUM, results);
            assertThat(results.getAtIndex(Segments.DOUBLE, 0)).isEqualTo(1e16 + 2);
            assertThat(((1 + 1e16) + 1) + 1).isEqualTo(1e16);
        }
    }

    @Test
    void aSumOfNegativeZerosIsPositiveZeroAndNaNComesOutCanonical() {
        try (Arena arena = Arena.ofShared()) {
            MemorySegment values = TestInputs.segment(arena, new float[] {-0.0f, -0.0f, Float.intBitsToFloat(0xFFC0_0042), 1});
            MemorySegment offsets = TestInputs.segment(arena, new long[] {0, 2, 4, 4});
            MemorySegment results = arena.allocate(12);
            new CpuSegmentedReduce(ONE_THREAD).segmentedReduce(values, ElementType.FLOAT32, offsets,
                    ReduceOperator.SUM, results);
            assertThat(TestInputs.intArray(results)).containsExactly(0, 0x7FC0_0000, 0);
            new CpuSegmentedReduce(ONE_THREAD).segmentedReduce(values, ElementType.FLOAT32, offsets,
                    ReduceOperator.MIN, results);
            assertThat(TestInputs.intArray(results)).containsExactly(0x8000_0000, 0x3F80_0000, 0x7FC0_0000);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.forge.primitives.cpu.TestInputs#sizes")
    void reduceByKeyMatchesALoop(int n) {
        int[] keys = new int[n];
        long[] runKeys = CpuRunLengthTest.runs(TestInputs.longs(n + 4L, n, TestInputs.Shape.FEW_DISTINCT), n);
        for (int i = 0; i < n; i++) {
            keys[i] = (int) (runKeys[i] / 1_000_000_007L);
        }
        long[] values = TestInputs.longs(n + 5L, n, TestInputs.Shape.ZIPF);
        float[] floats = TestInputs.floats(n + 6L, n);
        List<Integer> expectedKeys = new ArrayList<>();
        List<Long> expectedMax = new ArrayList<>();
        List<Long> runStarts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (i == 0 || keys[i] != keys[i - 1]) {
                expectedKeys.add(keys[i]);
                expectedMax.add(values[i]);
                runStarts.add((long) i);
            } else {
                expectedMax.set(expectedMax.size() - 1, Math.max(expectedMax.getLast(), values[i]));
            }
        }
        runStarts.add((long) n);
        try (Arena arena = Arena.ofShared()) {
            MemorySegment keySegment = TestInputs.segment(arena, keys);
            MemorySegment valueSegment = TestInputs.segment(arena, values);
            MemorySegment floatSegment = TestInputs.segment(arena, floats);
            MemorySegment uniqueKeys = arena.allocate(4L * n);
            MemorySegment results = arena.allocate(8L * n);
            for (CpuWorkers workers : new CpuWorkers[] {ONE_THREAD, MANY_THREADS}) {
                CpuSegmentedReduce reduce = new CpuSegmentedReduce(workers);
                long runs = reduce.reduceByKey(keySegment, ElementType.INT32, valueSegment, ElementType.INT64,
                        ReduceOperator.MAX, uniqueKeys, results);
                assertThat(runs).isEqualTo(expectedKeys.size());
                assertThat(TestInputs.intArray(uniqueKeys.asSlice(0, 4 * runs))).isEqualTo(expectedKeys.stream().mapToInt(Integer::intValue).toArray());
                assertThat(TestInputs.longArray(results.asSlice(0, 8 * runs))).isEqualTo(expectedMax.stream().mapToLong(Long::longValue).toArray());

                runs = reduce.reduceByKey(keySegment, ElementType.INT32, floatSegment, ElementType.FLOAT32,
                        ReduceOperator.SUM, uniqueKeys, results);
                for (int r = 0; r < runs; r++) {
                    long expected = reference(floatSegment, ElementType.FLOAT32, ReduceOperator.SUM,
                            runStarts.get(r), runStarts.get(r + 1), SegmentedSumOrder.GPU);
                    assertThat(results.getAtIndex(Segments.INT, r) & 0xFFFF_FFFFL).as("float32 sum of run %d", r)
                            .isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void decreasingOffsetsAreRejected() {
        try (Arena arena = Arena.ofShared()) {
            MemorySegment values = TestInputs.segment(arena, new long[] {1, 2, 3});
            MemorySegment offsets = TestInputs.segment(arena, new long[] {0, 2, 1, 3});
            assertThatThrownBy(() -> new CpuSegmentedReduce(MANY_THREADS).segmentedReduce(values, ElementType.INT64,
                    offsets, ReduceOperator.SUM, arena.allocate(24)))
                    .hasMessageContaining("offsets[2] = 1");
        }
    }

    @Test
    void unsignedValuesAreRejected() {
        try (Arena arena = Arena.ofShared()) {
            MemorySegment values = TestInputs.segment(arena, new int[] {1, 2});
            MemorySegment offsets = TestInputs.segment(arena, new long[] {0, 2});
            assertThatThrownBy(() -> new CpuSegmentedReduce(MANY_THREADS).segmentedReduce(values, ElementType.UINT32,
                    offsets, ReduceOperator.SUM, arena.allocate(4)))
                    .hasMessageContaining("UINT32");
        }
    }

    private static MemorySegment values(Arena arena, ElementType type, int n, long seed) {
        return switch (type) {
            case INT32 -> TestInputs.segment(arena, TestInputs.ints(seed, n, TestInputs.Shape.UNIFORM));
            case INT64 -> TestInputs.segment(arena, TestInputs.longs(seed, n, TestInputs.Shape.UNIFORM));
            case FLOAT32 -> TestInputs.segment(arena, TestInputs.floats(seed, n));
            case FLOAT64 -> TestInputs.segment(arena, TestInputs.doubles(seed, n));
            case UINT32, UINT64 -> throw new IllegalArgumentException(type.toString());
        };
    }

    /** The expected result as raw bits, by plain loops written apart from the twin. */
    static long reference(MemorySegment values, ElementType type, ReduceOperator operator, long start, long end,
            SegmentedSumOrder order) {
        boolean floating = type == ElementType.FLOAT32 || type == ElementType.FLOAT64;
        if (floating && operator == ReduceOperator.SUM) {
            return type == ElementType.FLOAT32
                    ? Float.floatToIntBits(hierarchicalFloat32(values, start, end, order)) & 0xFFFF_FFFFL
                    : Double.doubleToLongBits(hierarchicalFloat64(values, start, end, order));
        }
        switch (type) {
            case INT32 -> {
                int result = operator == ReduceOperator.SUM ? 0
                        : operator == ReduceOperator.MIN ? Integer.MAX_VALUE : Integer.MIN_VALUE;
                for (long i = start; i < end; i++) {
                    int v = values.getAtIndex(Segments.INT, i);
                    result = operator == ReduceOperator.SUM ? result + v
                            : operator == ReduceOperator.MIN ? Math.min(result, v) : Math.max(result, v);
                }
                return result & 0xFFFF_FFFFL;
            }
            case INT64 -> {
                long result = operator == ReduceOperator.SUM ? 0
                        : operator == ReduceOperator.MIN ? Long.MAX_VALUE : Long.MIN_VALUE;
                for (long i = start; i < end; i++) {
                    long v = values.getAtIndex(Segments.LONG, i);
                    result = operator == ReduceOperator.SUM ? result + v
                            : operator == ReduceOperator.MIN ? Math.min(result, v) : Math.max(result, v);
                }
                return result;
            }
            case FLOAT32 -> {
                float result = operator == ReduceOperator.MIN ? Float.NaN : Float.NEGATIVE_INFINITY;
                for (long i = start; i < end; i++) {
                    float v = values.getAtIndex(Segments.FLOAT, i);
                    int compared = Float.compare(v, result);
                    result = operator == ReduceOperator.MIN ? (compared < 0 ? v : result) : (compared > 0 ? v : result);
                }
                return Float.floatToIntBits(result) & 0xFFFF_FFFFL;
            }
            case FLOAT64 -> {
                double result = operator == ReduceOperator.MIN ? Double.NaN : Double.NEGATIVE_INFINITY;
                for (long i = start; i < end; i++) {
                    double v = values.getAtIndex(Segments.DOUBLE, i);
                    int compared = Double.compare(v, result);
                    result = operator == ReduceOperator.MIN ? (compared < 0 ? v : result) : (compared > 0 ? v : result);
                }
                return Double.doubleToLongBits(result);
            }
            default -> throw new IllegalArgumentException(type.toString());
        }
    }

    /** Group sums within warp spans within tiles, each level left to right from +0.0, as loops over aligned spans. */
    private static double hierarchicalFloat64(MemorySegment values, long start, long end, SegmentedSumOrder order) {
        long group = order.groupSize(ElementType.FLOAT64);
        long warpSpan = order.warpSpan(ElementType.FLOAT64);
        long tile = order.tileSize(ElementType.FLOAT64);
        double total = 0;
        for (long t = start / tile * tile; t < end; t += tile) {
            double tileSum = 0;
            for (long w = Math.max(start, t) / warpSpan * warpSpan; w < Math.min(end, t + tile); w += warpSpan) {
                double warpSum = 0;
                for (long g = Math.max(start, w) / group * group; g < Math.min(end, w + warpSpan); g += group) {
                    double groupSum = 0;
                    for (long i = Math.max(start, g); i < Math.min(end, g + group); i++) {
                        groupSum += values.getAtIndex(Segments.DOUBLE, i);
                    }
                    warpSum += groupSum;
                }
                tileSum += warpSum;
            }
            total += tileSum;
        }
        return total;
    }

    private static float hierarchicalFloat32(MemorySegment values, long start, long end, SegmentedSumOrder order) {
        long group = order.groupSize(ElementType.FLOAT32);
        long warpSpan = order.warpSpan(ElementType.FLOAT32);
        long tile = order.tileSize(ElementType.FLOAT32);
        float total = 0;
        for (long t = start / tile * tile; t < end; t += tile) {
            float tileSum = 0;
            for (long w = Math.max(start, t) / warpSpan * warpSpan; w < Math.min(end, t + tile); w += warpSpan) {
                float warpSum = 0;
                for (long g = Math.max(start, w) / group * group; g < Math.min(end, w + warpSpan); g += group) {
                    float groupSum = 0;
                    for (long i = Math.max(start, g); i < Math.min(end, g + group); i++) {
                        groupSum += values.getAtIndex(Segments.FLOAT, i);
                    }
                    warpSum += groupSum;
                }
                tileSum += warpSum;
            }
            total += tileSum;
        }
        return total;
    }

    /** Segment boundaries mixing empty, tiny and, for large inputs, one huge segment. */
    private static long[] offsets(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Long> offsets = new ArrayList<>();
        offsets.add(0L);
        long position = 0;
        boolean hugeDone = false;
        while (position < n) {
            long length = random.nextInt(10) < 4 ? random.nextInt(4) : random.nextInt(1, 100);
            if (!hugeDone && n > 4 * CpuSegmentedReduce.HUGE_SEGMENT && position > n / 3) {
                length = CpuSegmentedReduce.HUGE_SEGMENT * 2 + 17;
                hugeDone = true;
            }
            position = Math.min(n, position + length);
            offsets.add(position);
        }
        offsets.add((long) n); // a trailing empty segment
        return offsets.stream().mapToLong(Long::longValue).toArray();
    }
}
