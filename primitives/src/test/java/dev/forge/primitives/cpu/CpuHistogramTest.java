package dev.forge.primitives.cpu;

import static dev.forge.primitives.cpu.TestInputs.MANY_THREADS;
import static dev.forge.primitives.cpu.TestInputs.ONE_THREAD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forge.primitives.ElementType;
import dev.forge.primitives.Histogram;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.math.BigInteger;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CpuHistogramTest {

    private final CpuHistogram one = new CpuHistogram(ONE_THREAD);
    private final CpuHistogram many = new CpuHistogram(MANY_THREADS);

    @ParameterizedTest
    @MethodSource("dev.forge.primitives.cpu.TestInputs#sizes")
    void evenInt32BinsMatchTheFormula(int n) {
        int[] values = TestInputs.ints(n + 1L, n, TestInputs.Shape.ZIPF);
        for (int binCount : new int[] {2, 7, 1000, 65_536}) {
            long lower = -300_000;
            long upper = 700_001;
            long[] expected = new long[binCount];
            long dropped = 0;
            for (int value : values) {
                if (value < lower || value >= upper) {
                    dropped++;
                } else {
                    expected[(int) ((value - lower) * binCount / (upper - lower))]++;
                }
            }
            try (Arena arena = Arena.ofShared()) {
                MemorySegment segment = TestInputs.segment(arena, values);
                for (CpuHistogram histogram : new CpuHistogram[] {one, many}) {
                    Histogram result = histogram.evenBins(segment, ElementType.INT32, binCount, lower, upper);
                    assertThat(result.counts()).as("%d bins n=%d", binCount, n).isEqualTo(expected);
                    assertThat(result.dropped()).isEqualTo(dropped);
                }
            }
        }
    }

    @Test
    void evenInt64BinsAreExactOverTheWholeRange() {
        long[] values = TestInputs.longs(3, 20_000, TestInputs.Shape.UNIFORM);
        values[0] = Long.MIN_VALUE;
        values[1] = Long.MAX_VALUE; // equals upper: dropped
        values[2] = Long.MAX_VALUE - 1;
        long lower = Long.MIN_VALUE;
        long upper = Long.MAX_VALUE;
        int binCount = 65_536;
        BigInteger range = BigInteger.valueOf(upper).subtract(BigInteger.valueOf(lower));
        long[] expected = new long[binCount];
        long dropped = 0;
        for (long value : values) {
            if (value >= upper) {
                dropped++;
            } else {
                expected[BigInteger.valueOf(value).subtract(BigInteger.valueOf(lower))
                        .multiply(BigInteger.valueOf(binCount)).divide(range).intValueExact()]++;
            }
        }
        try (Arena arena = Arena.ofShared()) {
            Histogram result = many.evenBins(TestInputs.segment(arena, values), ElementType.INT64, binCount, lower,
                    upper);
            assertThat(result.counts()).isEqualTo(expected);
            assertThat(result.dropped()).isEqualTo(dropped).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.forge.primitives.cpu.TestInputs#sizes")
    void evenFloatingBinsMatchTheFormulaAndDropNaN(int n) {
        double[] doubles = TestInputs.doubles(n + 2L, n);
        float[] floats = TestInputs.floats(n + 3L, n);
        double lower = -4.0;
        double upper = 3.5;
        int binCount = 300;
        double scale = binCount / (upper - lower);
        long[] expectedDoubles = new long[binCount];
        long droppedDoubles = 0;
        for (double value : doubles) {
            if (value >= lower && value < upper) {
                expectedDoubles[Math.min(binCount - 1, (int) ((value - lower) * scale))]++;
            } else {
                droppedDoubles++;
            }
        }
        long[] expectedFloats = new long[binCount];
        long droppedFloats = 0;
        for (float value : floats) {
            if (value >= lower && value < upper) {
                expectedFloats[Math.min(binCount - 1, (int) ((value - lower) * scale))]++;
            } else {
                droppedFloats++;
            }
        }
        try (Arena arena = Arena.ofShared()) {
            MemorySegment doubleSegment = TestInputs.segment(arena, doubles);
            MemorySegment floatSegment = TestInputs.segment(arena, floats);
            for (CpuHistogram histogram : new CpuHistogram[] {one, many}) {
                Histogram result = histogram.evenBins(doubleSegment, ElementType.FLOAT64, binCount, lower, upper);
                assertThat(result.counts()).isEqualTo(expectedDoubles);
                assertThat(result.dropped()).isEqualTo(droppedDoubles);
                result = histogram.evenBins(floatSegment, ElementType.FLOAT32, binCount, lower, upper);
                assertThat(result.counts()).isEqualTo(expectedFloats);
                assertThat(result.dropped()).isEqualTo(droppedFloats);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dev.forge.primitives.cpu.TestInputs#sizes")
    void customEdgesMatchABinarySearch(int n) {
        long[] values = TestInputs.longs(n + 4L, n, TestInputs.Shape.ZIPF);
        long[] edges = {-2_000_000_000_000L, -9_000_000_000L, -1, 0, 5, 3_000_000_019L, 900_000_000_000L};
        double[] doubles = TestInputs.doubles(n + 5L, n);
        double[] doubleEdges = {-3.0, -0.25, 0.0, 0.5, 2.75, 1e5};
        long[] expected = new long[edges.length - 1];
        long dropped = 0;
        for (long value : values) {
            int bin = -1;
            for (int k = 0; k < edges.length - 1; k++) {
                if (edges[k] <= value && value < edges[k + 1]) {
                    bin = k;
                }
            }
            if (bin < 0) {
                dropped++;
            } else {
                expected[bin]++;
            }
        }
        long[] expectedDoubles = new long[doubleEdges.length - 1];
        long droppedDoubles = 0;
        for (double value : doubles) {
            int bin = -1;
            for (int k = 0; k < doubleEdges.length - 1; k++) {
                if (doubleEdges[k] <= value && value < doubleEdges[k + 1]) {
                    bin = k;
                }
            }
            if (bin < 0) {
                droppedDoubles++;
            } else {
                expectedDoubles[bin]++;
            }
        }
        try (Arena arena = Arena.ofShared()) {
            MemorySegment segment = TestInputs.segment(arena, values);
            MemorySegment doubleSegment = TestInputs.segment(arena, doubles);
            for (CpuHistogram histogram : new CpuHistogram[] {one, many}) {
                Histogram result = histogram.customBins(segment, ElementType.INT64, edges);
                assertThat(result.counts()).isEqualTo(expected);
                assertThat(result.dropped()).isEqualTo(dropped);
                result = histogram.customBins(doubleSegment, ElementType.FLOAT64, doubleEdges);
                assertThat(result.counts()).isEqualTo(expectedDoubles);
                assertThat(result.dropped()).isEqualTo(droppedDoubles);
                assertThat(Arrays.stream(result.counts()).sum() + result.dropped()).isEqualTo(n);
            }
        }
    }

    @Test
    void badArgumentsAreNamed() {
        try (Arena arena = Arena.ofShared()) {
            MemorySegment values = TestInputs.segment(arena, new int[] {1, 2});
            assertThatThrownBy(() -> many.evenBins(values, ElementType.INT32, 1, 0L, 10L))
                    .hasMessageContaining("binCount").hasMessageContaining("got 1");
            assertThatThrownBy(() -> many.evenBins(values, ElementType.INT32, 70_000, 0L, 10L))
                    .hasMessageContaining("binCount");
            assertThatThrownBy(() -> many.evenBins(values, ElementType.INT32, 4, 10L, 10L))
                    .hasMessageContaining("lower (10)");
            assertThatThrownBy(() -> many.customBins(values, ElementType.INT32, new long[] {0, 5, 5}))
                    .hasMessageContaining("edges[2] = 5");
            assertThatThrownBy(() -> many.evenBins(values, ElementType.INT32, 4, 0.0, 1.0))
                    .hasMessageContaining("FLOAT32 or FLOAT64").hasMessageContaining("INT32");
        }
    }
}
