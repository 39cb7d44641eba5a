package dev.forge.primitives.cpu;

import static dev.forge.primitives.cpu.TestInputs.MANY_THREADS;
import static dev.forge.primitives.cpu.TestInputs.ONE_THREAD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.forge.primitives.ElementType;
import dev.forge.primitives.Int128;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CpuReduceTest {

    private final CpuReduce one = new CpuReduce(ONE_THREAD);
    private final CpuReduce many = new CpuReduce(MANY_THREADS);

    @ParameterizedTest
    @MethodSource("dev.forge.primitives.cpu.TestInputs#sizes")
    void int32ReductionsMatchLoops(int n) {
        for (TestInputs.Shape shape : TestInputs.Shape.values()) {
            int[] values = TestInputs.ints(n * 31L + shape.ordinal(), n, shape);
            try (Arena arena = Arena.ofShared()) {
                MemorySegment segment = TestInputs.segment(arena, values);
                long sum = 0;
                int min = Integer.MAX_VALUE;
                int max = Integer.MIN_VALUE;
                long argMin = -1;
                long argMax = -1;
                for (int i = 0; i < n; i++) {
                    sum += values[i];
                    if (values[i] < min || argMin < 0) { min = values[i]; argMin = argMin < 0 || values[i] < values[(int) argMin] ? i : argMin; }
                    if (values[i] > max || argMax < 0) { max = values[i]; argMax = argMax < 0 || values[i] > values[(int) argMax] ? i : argMax; }
                }
                for (CpuReduce reduce : new CpuReduce[] {one, many}) {
                    assertThat(reduce.sumInt32(segment)).as("sum %s n=%d", shape, n).isEqualTo(sum);
                    assertThat(reduce.minInt32(segment)).as("min %s n=%d", shape, n).isEqualTo(min);
                    assertThat(reduce.maxInt32(segment)).as("max %s n=%d", shape, n).isEqualTo(max);
                    assertThat(reduce.argMin(segment, ElementType.INT32)).as("argmin").isEqualTo(argMin);
                    assertThat(reduce.argMax(segment, ElementType.INT32)).as("argmax").isEqualTo(argMax);
                    assertThat(reduce.count(segment, ElementType.INT32)).isEqualTo(n);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dev.forge.primitives.cpu.TestInputs#sizes")
    void int64ReductionsMatchLoops(int n) {
        for (TestInputs.Shape shape : TestInputs.Shape.values()) {
            long[] values = TestInputs.longs(n * 17L + shape.ordinal(), n, shape);
            try (Arena arena = Arena.ofShared()) {
                MemorySegment segment = TestInputs.segment(arena, values);
                BigInteger sum = BigInteger.ZERO;
                long min = Long.MAX_VALUE;
                long max = Long.MIN_VALUE;
                long argMin = -1;
                long argMax = -1;
                for (int i = 0; i < n; i++) {
                    sum = sum.add(BigInteger.valueOf(values[i]));
                    if (argMin < 0 || values[i] < min) { min = values[i]; argMin = i; }
                    if (argMax < 0 || values[i] > max) { max = values[i]; argMax = i; }
                }
                for (CpuReduce reduce : new CpuReduce[] {one, many}) {
                    assertThat(reduce.sumInt64(segment).toBigInteger()).as("sum %s n=%d", shape, n).isEqualTo(sum);
                    assertThat(reduce.minInt64(segment)).isEqualTo(min);
                    assertThat(reduce.maxInt64(segment)).isEqualTo(max);
                    assertThat(reduce.argMin(segment, ElementType.INT64)).isEqualTo(argMin);
                    assertThat(reduce.argMax(segment, ElementType.INT64)).isEqualTo(argMax);
                }
            }
        }
    }

    @Test
    void int64SumDoesNotOverflow() {
        long[] values = new long[3000];
        java.util.Arrays.fill(values, Long.MAX_VALUE - 5);
        values[7] = Long.MIN_VALUE;
        try (Arena arena = Arena.ofShared()) {
            Int128 sum = many.sumInt64(TestInputs.segment(arena, values));
            BigInteger expected = BigInteger.valueOf(Long.MAX_VALUE - 5).multiply(BigInteger.valueOf(2999))
                    .add(BigInteger.valueOf(Long.MIN_VALUE));
            assertThat(sum.toBigInteger()).isEqualTo(expected);
            assertThat(sum.fitsInLong()).isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource("dev.forge.primitives.cpu.TestInputs#sizes")
    void floatingSumsAreAccurateAndIndependentOfThreadCount(int n) {
        double[] doubles = TestInputs.finiteDoubles(n + 5L, n);
        float[] floats = new float[n];
        double expectedDoubles = 0;
        double magnitude = 0;
        double expectedFloats = 0;
        for (int i = 0; i < n; i++) {
            floats[i] = (float) doubles[i];
            expectedDoubles += doubles[i];
            expectedFloats += floats[i];
            magnitude += Math.abs(doubles[i]);
        }
        try (Arena arena = Arena.ofShared()) {
            MemorySegment doubleSegment = TestInputs.segment(arena, doubles);
            MemorySegment floatSegment = TestInputs.segment(arena, floats);
            double oneSum = one.sumFloat64(doubleSegment);
            assertThat(oneSum).isCloseTo(expectedDoubles, within(1e-12 * magnitude + 1e-300));
            assertThat(Double.doubleToRawLongBits(many.sumFloat64(doubleSegment)))
                    .isEqualTo(Double.doubleToRawLongBits(oneSum));
            assertThat(Double.doubleToRawLongBits(many.sumFloat64(doubleSegment)))
                    .as("run to run").isEqualTo(Double.doubleToRawLongBits(oneSum));
            double oneFloatSum = one.sumFloat32(floatSegment);
            assertThat(oneFloatSum).isCloseTo(expectedFloats, within(1e-12 * magnitude + 1e-300));
            assertThat(many.sumFloat32(floatSegment)).isEqualTo(oneFloatSum);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.forge.primitives.cpu.TestInputs#sizes")
    void floatingMinMaxFollowTheTotalOrder(int n) {
        double[] doubles = TestInputs.doubles(n * 3L + 1, n);
        float[] floats = TestInputs.floats(n * 3L + 2, n);
        try (Arena arena = Arena.ofShared()) {
            MemorySegment doubleSegment = TestInputs.segment(arena, doubles);
            MemorySegment floatSegment = TestInputs.segment(arena, floats);
            double min = Double.NaN;
            double max = Double.NEGATIVE_INFINITY;
            long argMin = -1;
            long argMax = -1;
            for (int i = 0; i < n; i++) {
                if (argMin < 0 || Double.compare(doubles[i], min) < 0) { min = doubles[i]; argMin = i; }
                if (argMax < 0 || Double.compare(doubles[i], max) > 0) { max = doubles[i]; argMax = i; }
            }
            float fmin = Float.NaN;
            float fmax = Float.NEGATIVE_INFINITY;
            long fargMin = -1;
            long fargMax = -1;
            for (int i = 0; i < n; i++) {
                if (fargMin < 0 || Float.compare(floats[i], fmin) < 0) { fmin = floats[i]; fargMin = i; }
                if (fargMax < 0 || Float.compare(floats[i], fmax) > 0) { fmax = floats[i]; fargMax = i; }
            }
            for (CpuReduce reduce : new CpuReduce[] {one, many}) {
                assertThat(Double.compare(reduce.minFloat64(doubleSegment), min)).as("min n=%d", n).isZero();
                assertThat(Double.compare(reduce.maxFloat64(doubleSegment), max)).as("max n=%d", n).isZero();
                assertThat(reduce.argMin(doubleSegment, ElementType.FLOAT64)).isEqualTo(argMin);
                assertThat(reduce.argMax(doubleSegment, ElementType.FLOAT64)).isEqualTo(argMax);
                assertThat(Float.compare(reduce.minFloat32(floatSegment), fmin)).isZero();
                assertThat(Float.compare(reduce.maxFloat32(floatSegment), fmax)).isZero();
                assertThat(reduce.argMin(floatSegment, ElementType.FLOAT32)).isEqualTo(fargMin);
                assertThat(reduce.argMax(floatSegment, ElementType.FLOAT32)).isEqualTo(fargMax);
            }
        }
    }

    @Test
    void negativeZeroIsBelowPositiveZero() {
        try (Arena arena = Arena.ofShared()) {
            MemorySegment zeros = TestInputs.segment(arena, new double[] {0.0, -0.0, 0.0});
            assertThat(Double.doubleToRawLongBits(many.minFloat64(zeros))).isEqualTo(Double.doubleToRawLongBits(-0.0));
            assertThat(many.argMin(zeros, ElementType.FLOAT64)).isEqualTo(1);
            assertThat(many.argMax(zeros, ElementType.FLOAT64)).isEqualTo(0);
        }
    }

    @Test
    void rejectsPartialElements() {
        try (Arena arena = Arena.ofShared()) {
            MemorySegment sixBytes = arena.allocate(6);
            assertThatThrownBy(() -> many.sumInt64(sixBytes))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("values").hasMessageContaining("6 bytes");
        }
    }
}
