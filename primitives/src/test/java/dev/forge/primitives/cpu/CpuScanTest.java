package dev.forge.primitives.cpu;

import static dev.forge.primitives.cpu.TestInputs.MANY_THREADS;
import static dev.forge.primitives.cpu.TestInputs.ONE_THREAD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forge.primitives.ElementType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CpuScanTest {

    private final CpuScan one = new CpuScan(ONE_THREAD);
    private final CpuScan many = new CpuScan(MANY_THREADS);

    @ParameterizedTest
    @MethodSource("dev.forge.primitives.cpu.TestInputs#sizes")
    void integerScansMatchASequentialLoop(int n) {
        int[] ints = TestInputs.ints(n + 3L, n, TestInputs.Shape.UNIFORM);
        long[] longs = TestInputs.longs(n + 4L, n, TestInputs.Shape.ZIPF);
        int[] inclusiveInts = new int[n];
        int[] exclusiveInts = new int[n];
        long[] inclusiveLongs = new long[n];
        long[] exclusiveLongs = new long[n];
        int intRunning = 0;
        long longRunning = 0;
        for (int i = 0; i < n; i++) {
            exclusiveInts[i] = intRunning;
            intRunning += ints[i];
            inclusiveInts[i] = intRunning;
            exclusiveLongs[i] = longRunning;
            longRunning += longs[i];
            inclusiveLongs[i] = longRunning;
        }
        try (Arena arena = Arena.ofShared()) {
            MemorySegment intInput = TestInputs.segment(arena, ints);
            MemorySegment longInput = TestInputs.segment(arena, longs);
            MemorySegment intOutput = arena.allocate(4L * n);
            MemorySegment longOutput = arena.allocate(8L * n);
            for (CpuScan scan : new CpuScan[] {one, many}) {
                scan.inclusiveSum(intInput, intOutput, ElementType.INT32);
                assertThat(TestInputs.intArray(intOutput)).isEqualTo(inclusiveInts);
                scan.exclusiveSum(intInput, intOutput, ElementType.INT32);
                assertThat(TestInputs.intArray(intOutput)).isEqualTo(exclusiveInts);
                scan.inclusiveSum(longInput, longOutput, ElementType.INT64);
                assertThat(TestInputs.longArray(longOutput)).isEqualTo(inclusiveLongs);
                scan.exclusiveSum(longInput, longOutput, ElementType.INT64);
                assertThat(TestInputs.longArray(longOutput)).isEqualTo(exclusiveLongs);
            }
            MemorySegment inPlace = TestInputs.segment(arena, longs);
            many.inclusiveSum(inPlace, inPlace, ElementType.INT64);
            assertThat(TestInputs.longArray(inPlace)).as("in place").isEqualTo(inclusiveLongs);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.forge.primitives.cpu.TestInputs#sizes")
    void floatingScansAreCloseToSequentialAndIndependentOfThreadCount(int n) {
        double[] doubles = TestInputs.finiteDoubles(n + 9L, n);
        float[] floats = new float[n];
        for (int i = 0; i < n; i++) {
            floats[i] = (float) doubles[i];
        }
        try (Arena arena = Arena.ofShared()) {
            MemorySegment doubleInput = TestInputs.segment(arena, doubles);
            MemorySegment floatInput = TestInputs.segment(arena, floats);
            MemorySegment oneOutput = arena.allocate(8L * n);
            MemorySegment manyOutput = arena.allocate(8L * n);
            one.inclusiveSum(doubleInput, oneOutput, ElementType.FLOAT64);
            many.inclusiveSum(doubleInput, manyOutput, ElementType.FLOAT64);
            assertThat(TestInputs.doubleArray(manyOutput)).isEqualTo(TestInputs.doubleArray(oneOutput));
            double running = 0;
            double magnitude = 0;
            double[] scanned = TestInputs.doubleArray(oneOutput);
            for (int i = 0; i < n; i++) {
                running += doubles[i];
                magnitude += Math.abs(doubles[i]);
                assertThat(Math.abs(scanned[i] - running)).as("index %d", i).isLessThanOrEqualTo(1e-12 * magnitude);
            }
            one.exclusiveSum(floatInput, oneOutput.asSlice(0, 4L * n), ElementType.FLOAT32);
            many.exclusiveSum(floatInput, manyOutput.asSlice(0, 4L * n), ElementType.FLOAT32);
            float[] oneFloats = TestInputs.floatArray(oneOutput.asSlice(0, 4L * n));
            assertThat(TestInputs.floatArray(manyOutput.asSlice(0, 4L * n))).isEqualTo(oneFloats);
            double floatRunning = 0;
            for (int i = 0; i < n; i++) {
                assertThat((double) oneFloats[i]).isCloseTo(floatRunning,
                        org.assertj.core.api.Assertions.within(1e-6 * (Math.abs(floatRunning) + magnitude * 1e-6) + 1e-3));
                floatRunning += floats[i];
            }
        }
    }

    @Test
    void rejectsAShortOutput() {
        try (Arena arena = Arena.ofShared()) {
            MemorySegment input = TestInputs.segment(arena, new long[] {1, 2, 3});
            assertThatThrownBy(() -> many.inclusiveSum(input, arena.allocate(16), ElementType.INT64))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("output");
        }
    }
}
