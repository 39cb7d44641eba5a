package dev.forge.primitives.cpu;

import static dev.forge.primitives.cpu.TestInputs.MANY_THREADS;
import static dev.forge.primitives.cpu.TestInputs.ONE_THREAD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forge.primitives.Aggregate;
import dev.forge.primitives.AggregateFunction;
import dev.forge.primitives.ElementType;
import dev.forge.primitives.GroupByResult;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class CpuGroupByTest {

    private record Key(long first, long second) {
    }

    /** What a plain HashMap aggregation finds for one group. */
    private static final class Expected {
        long count;
        long wrappedSum; // the exact sum modulo 2^64
        double approximateSum; // close enough to recover how many times the sum wrapped
        double floatSum;
        double magnitude; // sum of absolute values: bounds the rounding difference of another summation order
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        double floatMin = Double.NaN;
        double floatMax = Double.NEGATIVE_INFINITY;
        long intSum;
        int intMin = Integer.MAX_VALUE;
        int intMax = Integer.MIN_VALUE;
        double singleSum;
        double singleMagnitude;
        float singleMin = Float.NaN;
        float singleMax = Float.NEGATIVE_INFINITY;

        BigInteger exactSum() {
            BigInteger wrapped = BigInteger.valueOf(wrappedSum);
            BigInteger wraps = new java.math.BigDecimal(approximateSum).subtract(new java.math.BigDecimal(wrapped))
                    .divide(new java.math.BigDecimal(BigInteger.ONE.shiftLeft(64))).setScale(0,
                            java.math.RoundingMode.HALF_EVEN).toBigInteger();
            return wrapped.add(wraps.shiftLeft(64));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.forge.primitives.cpu.TestInputs#sizes")
    void groupByMatchesAHashMap(int n) {
        for (TestInputs.Shape shape : TestInputs.Shape.values()) {
            if (n == TestInputs.LARGE && (shape == TestInputs.Shape.ALL_EQUAL || shape == TestInputs.Shape.ZIPF)) {
                // at this size UNIFORM covers the partitioned plan and FEW_DISTINCT the merged one; keeps the suite fast
                continue;
            }
            long[] firstKeys = TestInputs.longs(n * 5L + shape.ordinal(), n, shape);
            long[] secondKeys = TestInputs.longs(n * 7L + shape.ordinal(), n, TestInputs.Shape.FEW_DISTINCT);
            long[] longValues = TestInputs.longs(n + 99L, n, TestInputs.Shape.UNIFORM); // sums overflow 64 bits
            double[] doubleValues = TestInputs.doubles(n + 98L, n);
            int[] intValues = TestInputs.ints(n + 97L, n, TestInputs.Shape.UNIFORM);
            float[] floatValues = TestInputs.floats(n + 96L, n);
            Values values = new Values(longValues, doubleValues, intValues, floatValues);
            check(firstKeys, null, values, shape);
            if (shape == TestInputs.Shape.ZIPF) {
                check(firstKeys, secondKeys, values, shape);
            }
        }
    }

    /** One value column of each type, aggregated together. */
    private record Values(long[] longs, double[] doubles, int[] ints, float[] floats) {
    }

    private static void check(long[] firstKeys, long[] secondKeys, Values values, TestInputs.Shape shape) {
        long[] longValues = values.longs();
        double[] doubleValues = values.doubles();
        int[] intValues = values.ints();
        float[] floatValues = values.floats();
        int n = firstKeys.length;
        Map<Key, Expected> expected = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Expected group = expected.computeIfAbsent(new Key(firstKeys[i], secondKeys == null ? 0 : secondKeys[i]),
                    key -> new Expected());
            group.count++;
            group.wrappedSum += longValues[i];
            group.approximateSum += longValues[i];
            group.floatSum += doubleValues[i];
            group.magnitude += Math.abs(doubleValues[i]);
            group.min = Math.min(group.min, longValues[i]);
            group.max = Math.max(group.max, longValues[i]);
            group.floatMin = Double.compare(doubleValues[i], group.floatMin) < 0 ? doubleValues[i] : group.floatMin;
            group.floatMax = Double.compare(doubleValues[i], group.floatMax) > 0 ? doubleValues[i] : group.floatMax;
            group.intSum += intValues[i];
            group.intMin = Math.min(group.intMin, intValues[i]);
            group.intMax = Math.max(group.intMax, intValues[i]);
            group.singleSum += floatValues[i];
            group.singleMagnitude += Math.abs(floatValues[i]);
            group.singleMin = Float.compare(floatValues[i], group.singleMin) < 0 ? floatValues[i] : group.singleMin;
            group.singleMax = Float.compare(floatValues[i], group.singleMax) > 0 ? floatValues[i] : group.singleMax;
        }
        try (Arena arena = Arena.ofShared()) {
            List<MemorySegment> keys = secondKeys == null ? List.of(TestInputs.segment(arena, firstKeys))
                    : List.of(TestInputs.segment(arena, firstKeys), TestInputs.segment(arena, secondKeys));
            MemorySegment longs = TestInputs.segment(arena, longValues);
            MemorySegment doubles = TestInputs.segment(arena, doubleValues);
            MemorySegment ints = TestInputs.segment(arena, intValues);
            MemorySegment floats = TestInputs.segment(arena, floatValues);
            List<Aggregate> aggregates = List.of(
                    Aggregate.count(),
                    Aggregate.of(AggregateFunction.SUM, longs, ElementType.INT64),
                    Aggregate.of(AggregateFunction.SUM, doubles, ElementType.FLOAT64),
                    Aggregate.of(AggregateFunction.MIN, longs, ElementType.INT64),
                    Aggregate.of(AggregateFunction.MAX, longs, ElementType.INT64),
                    Aggregate.of(AggregateFunction.MIN, doubles, ElementType.FLOAT64),
                    Aggregate.of(AggregateFunction.MAX, doubles, ElementType.FLOAT64),
                    Aggregate.of(AggregateFunction.SUM, ints, ElementType.INT32),
                    Aggregate.of(AggregateFunction.MIN, ints, ElementType.INT32),
                    Aggregate.of(AggregateFunction.MAX, ints, ElementType.INT32),
                    Aggregate.of(AggregateFunction.SUM, floats, ElementType.FLOAT32),
                    Aggregate.of(AggregateFunction.MIN, floats, ElementType.FLOAT32),
                    Aggregate.of(AggregateFunction.MAX, floats, ElementType.FLOAT32));
            GroupByResult result = new CpuGroupBy(MANY_THREADS).groupBy(keys, aggregates, arena);
            assertThat(result.groupCount()).as("groups %s n=%d", shape, n).isEqualTo(expected.size());
            String firstMismatch = "none";
            for (long g = 0; g < result.groupCount() && firstMismatch.equals("none"); g++) {
                Key key = new Key(result.key(0, g), secondKeys == null ? 0 : result.key(1, g));
                Expected group = expected.get(key);
                if (group == null) {
                    firstMismatch = "unexpected group " + key;
                } else if (result.int64At(0, g) != group.count
                        || !result.int128At(1, g).toBigInteger().equals(group.exactSum())
                        || !closeSums(result.float64At(2, g), group.floatSum, group.magnitude)
                        || result.int64At(3, g) != group.min
                        || result.int64At(4, g) != group.max
                        || Double.compare(result.float64At(5, g), group.floatMin) != 0
                        || Double.compare(result.float64At(6, g), group.floatMax) != 0
                        || result.int64At(7, g) != group.intSum
                        || result.int32At(8, g) != group.intMin
                        || result.int32At(9, g) != group.intMax
                        || !closeSums(result.float64At(10, g), group.singleSum, group.singleMagnitude)
                        || Float.floatToRawIntBits(result.float32At(11, g)) != Float.floatToIntBits(group.singleMin)
                        || Float.floatToRawIntBits(result.float32At(12, g)) != Float.floatToIntBits(group.singleMax)) {
                    firstMismatch = "group " + key + " count " + result.int64At(0, g) + " vs " + group.count
                            + ", float sum " + result.float64At(2, g) + " vs " + group.floatSum;
                }
            }
            assertThat(firstMismatch).as("%s n=%d", shape, n).isEqualTo("none");

            GroupByResult single = new CpuGroupBy(ONE_THREAD).groupBy(keys, aggregates, arena);
            for (int c = 0; c < keys.size(); c++) {
                assertThat(single.keyColumns().get(c).mismatch(result.keyColumns().get(c))).isEqualTo(-1);
            }
            for (int a = 0; a < aggregates.size(); a++) {
                assertThat(single.aggregateColumns().get(a).mismatch(result.aggregateColumns().get(a)))
                        .as("aggregate %d is the same for any thread count", a).isEqualTo(-1);
            }
        }
    }

    /** Few-group inputs add per-morsel sums, so finite sums may differ from a left-to-right sum by rounding. */
    private static boolean closeSums(double actual, double expected, double magnitude) {
        if (Double.isFinite(expected) && Double.isFinite(magnitude)) {
            return Math.abs(actual - expected) <= 1e-12 * magnitude;
        }
        return Double.compare(actual, expected) == 0;
    }

    @Test
    void manyGroupsKeepExactLeftToRightFloatSums() {
        int n = 200_000;
        long[] keys = TestInputs.longs(41, n, TestInputs.Shape.UNIFORM); // far more than FEW_GROUPS in a morsel
        for (int i = 0; i < n; i++) {
            keys[i] = keys[i] % 20_000;
        }
        double[] values = TestInputs.finiteDoubles(42, n);
        Map<Long, Double> expected = new HashMap<>();
        for (int i = 0; i < n; i++) {
            expected.merge(keys[i], values[i], Double::sum);
        }
        try (Arena arena = Arena.ofShared()) {
            GroupByResult result = new CpuGroupBy(MANY_THREADS).groupBy(List.of(TestInputs.segment(arena, keys)),
                    List.of(Aggregate.of(AggregateFunction.SUM, TestInputs.segment(arena, values), ElementType.FLOAT64)),
                    arena);
            assertThat(result.groupCount()).isEqualTo(expected.size());
            for (long g = 0; g < result.groupCount(); g++) {
                assertThat(result.float64At(0, g)).isEqualTo(expected.get(result.key(0, g)));
            }
        }
    }

    @Test
    void fewGroupsComeOutInOrderOfFirstAppearance() {
        long[] keys = new long[300_000];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = (i * 7L) % 5 - 2; // -2, 0, 2, -1, 1, ... five groups across several morsels
        }
        try (Arena arena = Arena.ofShared()) {
            GroupByResult result = new CpuGroupBy(MANY_THREADS).groupBy(List.of(TestInputs.segment(arena, keys)),
                    List.of(Aggregate.count()), arena);
            assertThat(TestInputs.longArray(result.keyColumns().getFirst())).containsExactly(-2, 0, 2, -1, 1);
            assertThat(TestInputs.longArray(result.aggregateColumns().getFirst()))
                    .containsExactly(60_000, 60_000, 60_000, 60_000, 60_000);
        }
    }

    @Test
    void mismatchedColumnLengthsAreNamed() {
        try (Arena arena = Arena.ofShared()) {
            MemorySegment keys = TestInputs.segment(arena, new long[] {1, 2, 3});
            MemorySegment values = TestInputs.segment(arena, new long[] {1, 2});
            assertThatThrownBy(() -> new CpuGroupBy(MANY_THREADS).groupBy(List.of(keys),
                    List.of(Aggregate.of(AggregateFunction.SUM, values, ElementType.INT64)), arena))
                    .hasMessageContaining("aggregates[0].values").hasMessageContaining("2 elements");
            assertThatThrownBy(() -> Aggregate.of(AggregateFunction.MAX, values, ElementType.UINT32))
                    .hasMessageContaining("MAX needs INT32, INT64, FLOAT32 or FLOAT64");
        }
    }
}
