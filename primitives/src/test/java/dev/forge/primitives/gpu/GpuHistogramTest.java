package dev.forge.primitives.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forge.cuda.Cuda;
import dev.forge.cuda.CudaDevice;
import dev.forge.cuda.DeviceBuffer;
import dev.forge.cuda.Stream;
import dev.forge.cuda.testing.RequiresGpu;
import dev.forge.primitives.ElementType;
import dev.forge.primitives.Histogram;
import dev.forge.primitives.cpu.CpuHistogram;
import dev.forge.primitives.cpu.CpuWorkers;
import dev.forge.primitives.gpu.GpuInputs.Shape;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream.Builder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@RequiresGpu
class GpuHistogramTest {
    private static final ElementType[] TYPES = {ElementType.INT32, ElementType.INT64, ElementType.FLOAT32, ElementType.FLOAT64};
    /** Bin counts on both sides of the shared-memory limit: 48K bins count in shared memory, 65,536 in global. */
    private static final int[] BIN_COUNTS = {2, 1000, GpuHistogram.MAX_SHARED_BINS, GpuHistogram.MAX_BINS};
    private static final byte POISON = (byte) 0xA5;
    /** Threads per block in histogram.cu: one grid-stride step of a block. */
    private static final int BLOCK = 256;

    private static CpuWorkers workers;
    private static CpuHistogram cpu;

    @BeforeAll
    static void startWorkers() {
        workers = CpuWorkers.allCores();
        cpu = new CpuHistogram(workers);
    }

    @AfterAll
    static void stopWorkers() {
        workers.close();
    }

    static java.util.stream.Stream<Arguments> cases() {
        Builder<Arguments> cases = java.util.stream.Stream.builder();
        for (ElementType type : TYPES) {
            for (int binCount : BIN_COUNTS) {
                for (int size : new int[] {0, 1, BLOCK - 1, BLOCK, BLOCK + 1, (1 << 20) + 7}) {
                    for (Shape shape : Shape.values()) {
                        cases.add(Arguments.of(type, binCount, size, shape));
                    }
                }
            }
            cases.add(Arguments.of(type, 1000, 1 << 24, Shape.ZIPF));
            cases.add(Arguments.of(type, GpuHistogram.MAX_BINS, 1 << 24, Shape.UNIFORM));
        }
        return cases.build();
    }

    @ParameterizedTest(name = "{0}, {1} bins, {2} values {3}")
    @MethodSource("cases")
    void evenAndCustomBinsMatchTheCpuTwin(ElementType type, int binCount, int size, Shape shape) {
        CudaDevice device = Cuda.defaultDevice();
        GpuHistogram histogram = new GpuHistogram(device);
        long bytes = (long) size * type.byteSize();
        long resultBytes = GpuHistogram.resultBytes(binCount);
        try (Arena arena = Arena.ofShared(); Stream stream = device.createStream();
                DeviceBuffer values = device.allocate(bytes); DeviceBuffer result = device.allocate(resultBytes + 64);
                DeviceBuffer edges = device.allocate(8L * (binCount + 1))) {
            long seed = 13L * size + 5L * binCount + shape.ordinal() + type.ordinal();
            MemorySegment host = GpuInputs.values(arena, type, size, shape, seed);
            // everything on the test's stream, so nothing lands during or after the primitive (GpuInputs.upload)
            GpuInputs.upload(arena, host, values, stream);
            boolean integer = type == ElementType.INT32 || type == ElementType.INT64;

            for (Range range : ranges(type, shape)) {
                Histogram expected = integer
                        ? cpu.evenBins(host, type, binCount, range.lower(), range.upper())
                        : cpu.evenBins(host, type, binCount, range.floatingLower(), range.floatingUpper());
                result.fillAsync(POISON, stream);
                if (integer) {
                    histogram.evenBins(values, type, binCount, range.lower(), range.upper(), result, stream);
                } else {
                    histogram.evenBins(values, type, binCount, range.floatingLower(), range.floatingUpper(), result, stream);
                }
                assertResult("even bins " + range, expected, result, arena, stream);
            }

            SplittableRandom random = new SplittableRandom(seed);
            if (integer) {
                long[] customEdges = integerEdges(random, binCount + 1, type == ElementType.INT32 ? 1L << 32 : 1L << 62);
                GpuInputs.upload(arena, MemorySegment.ofArray(customEdges), edges, stream);
                Histogram expected = cpu.customBins(host, type, customEdges);
                result.fillAsync(POISON, stream);
                histogram.customBins(values, type, edges, binCount + 1, result, stream);
                assertResult("custom integer edges", expected, result, arena, stream);
            } else {
                double[] customEdges = floatingEdges(random, binCount + 1);
                GpuInputs.upload(arena, MemorySegment.ofArray(customEdges), edges, stream);
                Histogram expected = cpu.customBins(host, type, customEdges);
                result.fillAsync(POISON, stream);
                histogram.customBins(values, type, edges, binCount + 1, result, stream);
                assertResult("custom floating edges", expected, result, arena, stream);
            }
        }
    }

    /** Bounds that take in some of the data and drop the rest; integer ones include ranges wider than a long. */
    private record Range(long lower, long upper, double floatingLower, double floatingUpper) {
        @Override
        public String toString() {
            return "[" + lower + ", " + upper + ") / [" + floatingLower + ", " + floatingUpper + ")";
        }
    }

    private static Range[] ranges(ElementType type, Shape shape) {
        return switch (type) {
            case INT32 -> new Range[] {
                    new Range(-5_000_000, 40_000_000, 0, 0),
                    new Range(Integer.MIN_VALUE, Integer.MAX_VALUE + 1L, 0, 0),
                    new Range(-42, -41, 0, 0)}; // one value wide: all-equal data fills bin 0, the others stay empty
            case INT64 -> new Range[] {
                    new Range(-5_000_000, 40_000_000, 0, 0),
                    new Range(Long.MIN_VALUE, Long.MAX_VALUE, 0, 0), // wider than Long.MAX_VALUE
                    new Range(Long.MIN_VALUE / 3, 7, 0, 0)};
            case FLOAT32, FLOAT64 -> new Range[] {
                    new Range(0, 0, -100.0, 250.0),
                    new Range(0, 0, -0.0, 1e6), // -0.0 and +0.0 values both land in bin 0
                    new Range(0, 0, -4.25, 1.0 / 3.0), // all-equal data sits on the lower bound
                    new Range(0, 0, -Double.MAX_VALUE, Double.MAX_VALUE)}; // the width overflows to infinity
            case UINT32, UINT64 -> throw new IllegalArgumentException(type + " with " + shape);
        };
    }

    private static long[] integerEdges(SplittableRandom random, int edgeCount, long spread) {
        long[] edges = new long[edgeCount];
        for (int k = 0; k < edgeCount; k++) {
            edges[k] = random.nextLong(-spread / 2, spread / 2);
        }
        return distinctSorted(edges);
    }

    /** Sorted edges around the data's values, with -Infinity, -0.0 and a few exact data values among them. */
    private static double[] floatingEdges(SplittableRandom random, int edgeCount) {
        double[] edges = new double[edgeCount];
        for (int k = 0; k < edgeCount; k++) {
            edges[k] = switch (k % 97) {
                case 0 -> Double.NEGATIVE_INFINITY;
                case 1 -> -0.0;
                case 2 -> -4.25;
                case 3 -> random.nextInt(-5, 5) * 0.25;
                default -> (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-6, 7));
            };
        }
        Arrays.sort(edges);
        // strictly increasing as numbers compare (so -0.0 drops a following 0.0), padded above to the edge count
        double[] increasing = new double[edgeCount];
        int next = 0;
        for (double edge : edges) {
            if (next == 0 || edge > increasing[next - 1]) {
                increasing[next++] = edge;
            }
        }
        for (; next < edgeCount; next++) {
            increasing[next] = Math.max(increasing[next - 1], 2e7) + 1;
        }
        return increasing;
    }

    private static long[] distinctSorted(long[] edges) {
        Arrays.sort(edges);
        long[] distinct = Arrays.stream(edges).distinct().toArray();
        long[] padded = Arrays.copyOf(distinct, edges.length);
        for (int k = distinct.length; k < edges.length; k++) {
            padded[k] = padded[k - 1] + 1;
        }
        return padded;
    }

    private static void assertResult(String what, Histogram expected, DeviceBuffer result, Arena arena, Stream stream) {
        stream.synchronize();
        int binCount = expected.binCount();
        MemorySegment actual = arena.allocate(result.byteSize(), 8);
        result.copyTo(actual);
        long[] counts = actual.asSlice(0, 8L * binCount).toArray(ValueLayout.JAVA_LONG);
        for (int bin = 0; bin < binCount; bin++) {
            if (counts[bin] != expected.counts()[bin]) {
                assertThat(counts[bin]).as(what + ": bin " + bin).isEqualTo(expected.counts()[bin]);
            }
        }
        assertThat(actual.get(ValueLayout.JAVA_LONG, 8L * binCount)).as(what + ": dropped").isEqualTo(expected.dropped());
        MemorySegment after = actual.asSlice(GpuHistogram.resultBytes(binCount));
        assertThat(after.mismatch(arena.allocate(after.byteSize()).fill(POISON))).as(what + ": first changed byte past the end")
                .isEqualTo(-1L);
    }

    @Test
    void badBinCountsBoundsAndTypesAreRefused() {
        CudaDevice device = Cuda.defaultDevice();
        GpuHistogram histogram = new GpuHistogram(device);
        try (Stream stream = device.createStream(); DeviceBuffer values = device.allocate(64);
                DeviceBuffer result = device.allocate(GpuHistogram.resultBytes(4))) {
            assertThatThrownBy(() -> histogram.evenBins(values, ElementType.INT32, 1, 0L, 10L, result, stream))
                    .hasMessageContaining("binCount must be between 2 and 65536");
            assertThatThrownBy(() -> histogram.evenBins(values, ElementType.INT64, 4, 10L, 10L, result, stream))
                    .hasMessageContaining("must be below upper");
            assertThatThrownBy(() -> histogram.evenBins(values, ElementType.FLOAT64, 4, 0.0, Double.POSITIVE_INFINITY,
                    result, stream)).hasMessageContaining("must be finite");
            assertThatThrownBy(() -> histogram.evenBins(values, ElementType.FLOAT32, 4, 0L, 10L, result, stream))
                    .hasMessageContaining("integer bins need INT32 or INT64");
            assertThatThrownBy(() -> histogram.evenBins(values, ElementType.INT32, 5, 0L, 10L, result, stream))
                    .hasMessageContaining("result holds 40 bytes");
            assertThatThrownBy(() -> histogram.customBins(values, ElementType.INT64, values, 9, result, stream))
                    .hasMessageContaining("edges hold 64 bytes");
        }
    }
}
