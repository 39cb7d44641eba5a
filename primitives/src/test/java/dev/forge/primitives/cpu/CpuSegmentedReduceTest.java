package dev.forge.primitives.cpu;

import static dev.forge.primitives.cpu.TestInputs.MANY_THREADS;
import static dev.forge.primitives.cpu.TestInputs.ONE_THREAD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forge.primitives.ElementType;
import dev.forge.primitives.ReduceOperator;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CpuSegmentedReduceTest {

    @ParameterizedTest
    @MethodSource("dev.forge.primitives.cpu.TestInputs#sizes")
    void segmentedReduceMatchesALoop(int n) {
        long[] offsets = offsets(n, n + 3L);
        long[] longs = TestInputs.longs(n + 1L, n, TestInputs.Shape.UNIFORM);
        double[] doubles = TestInputs.doubles(n + 2L, n);
        int segments = offsets.length - 1;
        try (Arena arena = Arena.ofShared()) {
            MemorySegment offsetSegment = TestInputs.segment(arena, offsets);
            MemorySegment longValues = TestInputs.segment(arena, longs);
            MemorySegment doubleValues = TestInputs.segment(arena, doubles);
            MemorySegment oneResults = arena.allocate(8L * segments);
            MemorySegment manyResults = arena.allocate(8L * segments);
            for (ReduceOperator operator : ReduceOperator.values()) {
                new CpuSegmentedReduce(ONE_THREAD).segmentedReduce(longValues, ElementType.INT64, offsetSegment,
                        operator, oneResults);
                new CpuSegmentedReduce(MANY_THREADS).segmentedReduce(longValues, ElementType.INT64, offsetSegment,
                        operator, manyResults);
                long[] expected = new long[segments];
                for (int s = 0; s < segments; s++) {
                    long result = operator == ReduceOperator.SUM ? 0
                            : operator == ReduceOperator.MIN ? Long.MAX_VALUE : Long.MIN_VALUE;
                    for (long i = offsets[s]; i < offsets[s + 1]; i++) {
                        long v = longs[(int) i];
                        result = operator == ReduceOperator.SUM ? result + v
                                : operator == ReduceOperator.MIN ? Math.min(result, v) : Math.max(result, v);
                    }
                    expected[s] = result;
                }
                assertThat(TestInputs.longArray(oneResults)).as("int64 %s n=%d", operator, n).isEqualTo(expected);
                assertThat(manyResults.mismatch(oneResults)).isEqualTo(-1);

                new CpuSegmentedReduce(ONE_THREAD).segmentedReduce(doubleValues, ElementType.FLOAT64, offsetSegment,
                        operator, oneResults);
                new CpuSegmentedReduce(MANY_THREADS).segmentedReduce(doubleValues, ElementType.FLOAT64, offsetSegment,
                        operator, manyResults);
                assertThat(manyResults.mismatch(oneResults)).as("float64 %s threads agree", operator).isEqualTo(-1);
                double[] actual = TestInputs.doubleArray(oneResults);
                for (int s = 0; s < segments; s++) {
                    double result = operator == ReduceOperator.SUM ? 0
                            : operator == ReduceOperator.MIN ? Double.NaN : Double.NEGATIVE_INFINITY;
                    for (long i = offsets[s]; i < offsets[s + 1]; i++) {
                        double v = doubles[(int) i];
                        result = switch (operator) {
                            case SUM -> result + v;
                            case MIN -> Double.compare(v, result) < 0 ? v : result;
                            case MAX -> Double.compare(v, result) > 0 ? v : result;
                        };
                    }
                    boolean huge = offsets[s + 1] - offsets[s] > CpuSegmentedReduce.HUGE_SEGMENT;
                    if (operator == ReduceOperator.SUM && huge && Double.isFinite(result)) {
                        assertThat(actual[s]).isCloseTo(result, org.assertj.core.api.Assertions.within(1e-6 * Math.abs(result) + 1e-3));
                    } else if (Double.compare(actual[s], result) != 0) {
                        assertThat(actual[s]).as("float64 %s segment %d", operator, s).isEqualTo(result);
                    }
                }
            }
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
        List<Integer> expectedKeys = new ArrayList<>();
        List<Long> expectedMax = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (i == 0 || keys[i] != keys[i - 1]) {
                expectedKeys.add(keys[i]);
                expectedMax.add(values[i]);
            } else {
                expectedMax.set(expectedMax.size() - 1, Math.max(expectedMax.getLast(), values[i]));
            }
        }
        try (Arena arena = Arena.ofShared()) {
            MemorySegment keySegment = TestInputs.segment(arena, keys);
            MemorySegment valueSegment = TestInputs.segment(arena, values);
            MemorySegment uniqueKeys = arena.allocate(4L * n);
            MemorySegment results = arena.allocate(8L * n);
            for (CpuWorkers workers : new CpuWorkers[] {ONE_THREAD, MANY_THREADS}) {
                long runs = new CpuSegmentedReduce(workers).reduceByKey(keySegment, ElementType.INT32, valueSegment,
                        ElementType.INT64, ReduceOperator.MAX, uniqueKeys, results);
                assertThat(runs).isEqualTo(expectedKeys.size());
                assertThat(TestInputs.intArray(uniqueKeys.asSlice(0, 4 * runs))).isEqualTo(expectedKeys.stream().mapToInt(Integer::intValue).toArray());
                assertThat(TestInputs.longArray(results.asSlice(0, 8 * runs))).isEqualTo(expectedMax.stream().mapToLong(Long::longValue).toArray());
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
