package dev.forge.primitives.cpu;

import static dev.forge.primitives.cpu.TestInputs.MANY_THREADS;
import static dev.forge.primitives.cpu.TestInputs.ONE_THREAD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forge.primitives.ElementType;
import dev.forge.primitives.SortOrder;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CpuRadixSortTest {

    private final CpuRadixSort one = new CpuRadixSort(ONE_THREAD);
    private final CpuRadixSort many = new CpuRadixSort(MANY_THREADS);

    @ParameterizedTest
    @MethodSource("dev.forge.primitives.cpu.TestInputs#sizes")
    void everyKeyTypeSortsLikeArraysSortInBothOrders(int n) {
        for (ElementType type : ElementType.values()) {
            for (TestInputs.Shape shape : TestInputs.Shape.values()) {
                TestInputs.Shape largeShape = type.ordinal() % 2 == 0 ? TestInputs.Shape.UNIFORM : TestInputs.Shape.ZIPF;
                if (n == TestInputs.LARGE && shape != largeShape) {
                    continue; // covered at the smaller sizes; keeps the suite fast
                }
                long[] raw = rawKeys(type, shape, n * 7L + type.ordinal() * 3 + shape.ordinal(), n);
                for (SortOrder order : SortOrder.values()) {
                    checkSort(type, raw, order, shape);
                }
            }
        }
    }

    private void checkSort(ElementType type, long[] raw, SortOrder order, TestInputs.Shape shape) {
        int n = raw.length;
        long[] expected = expectedSortedBits(type, raw, order);
        try (Arena arena = Arena.ofShared()) {
            MemorySegment keys = arena.allocate((long) type.byteSize() * n);
            for (int i = 0; i < n; i++) {
                Segments.setRawBits(keys, type.byteSize(), i, raw[i]);
            }
            MemorySegment oneSorted = arena.allocate(keys.byteSize());
            MemorySegment manySorted = arena.allocate(keys.byteSize());
            one.sortKeys(keys, type, order, oneSorted);
            many.sortKeys(keys, type, order, manySorted);
            assertThat(bits(oneSorted, type, n)).as("%s %s %s n=%d", type, order, shape, n).isEqualTo(expected);
            assertThat(manySorted.mismatch(oneSorted)).as("threads agree").isEqualTo(-1);

            MemorySegment indices = arena.allocate(4L * n);
            many.argsort(keys, type, order, indices, ElementType.INT32);
            int[] permutation = TestInputs.intArray(indices);
            assertThat(permutationViolation(type, raw, expected, permutation)).as("argsort %s %s", type, order)
                    .isEqualTo("none");

            MemorySegment longValues = arena.allocate(8L * n);
            for (int i = 0; i < n; i++) {
                longValues.setAtIndex(Segments.LONG, i, i * 3L + 1);
            }
            MemorySegment sortedKeys = arena.allocate(keys.byteSize());
            MemorySegment sortedValues = arena.allocate(8L * n);
            one.sortPairs(keys, type, longValues, ElementType.INT64, order, sortedKeys, sortedValues);
            assertThat(bits(sortedKeys, type, n)).isEqualTo(expected);
            long[] expectedValues = new long[n];
            for (int i = 0; i < n; i++) {
                expectedValues[i] = permutation[i] * 3L + 1;
            }
            assertThat(TestInputs.longArray(sortedValues)).isEqualTo(expectedValues);
        }
    }

    @Test
    void pairsWithInt32ValuesSortInPlace() {
        long[] keys = TestInputs.longs(5, 5000, TestInputs.Shape.FEW_DISTINCT);
        int[] values = new int[keys.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = -i;
        }
        try (Arena arena = Arena.ofShared()) {
            MemorySegment keySegment = TestInputs.segment(arena, keys);
            MemorySegment valueSegment = TestInputs.segment(arena, values);
            many.sortPairs(keySegment, ElementType.INT64, valueSegment, ElementType.INT32, SortOrder.DESCENDING,
                    keySegment, valueSegment);
            long[] sortedKeys = TestInputs.longArray(keySegment);
            int[] sortedValues = TestInputs.intArray(valueSegment);
            for (int i = 0; i < keys.length; i++) {
                assertThat(sortedKeys[i]).isEqualTo(keys[-sortedValues[i]]);
                if (i > 0) {
                    assertThat(sortedKeys[i]).isLessThanOrEqualTo(sortedKeys[i - 1]);
                    if (sortedKeys[i] == sortedKeys[i - 1]) {
                        assertThat(-sortedValues[i]).isGreaterThan(-sortedValues[i - 1]);
                    }
                }
            }
        }
    }

    @Test
    void narrowRangesOfWideKeysSortExactly() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(17);
        for (long base : new long[] {-3, 5_000_000_000_000L, Long.MIN_VALUE, Long.MAX_VALUE - 0xFFFF_FFFFL}) {
            long[] keys = new long[200_000];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = base + (random.nextLong() & 0xFFFF_FFFFL); // the range needs all 32 bits
            }
            long[] expected = keys.clone();
            Arrays.sort(expected);
            assertThat(many.sortedInt64(keys, SortOrder.ASCENDING)).as("base %d", base).isEqualTo(expected);
        }
    }

    @Test
    void arrayConvenienceSortsACopy() {
        long[] keys = {5, -3, 9, -3, Long.MIN_VALUE, Long.MAX_VALUE};
        assertThat(many.sortedInt64(keys, SortOrder.ASCENDING))
                .containsExactly(Long.MIN_VALUE, -3, -3, 5, 9, Long.MAX_VALUE);
        assertThat(keys[0]).isEqualTo(5);
    }

    @Test
    void rejectsAnIndexTypeThatIsNotAnInteger() {
        try (Arena arena = Arena.ofShared()) {
            MemorySegment keys = TestInputs.segment(arena, new int[] {3, 1});
            assertThatThrownBy(() -> many.argsort(keys, ElementType.INT32, SortOrder.ASCENDING, arena.allocate(8),
                    ElementType.FLOAT32)).hasMessageContaining("indexType").hasMessageContaining("FLOAT32");
        }
    }

    /** Why {@code permutation} is not the stable sorting permutation, or "none". */
    private static String permutationViolation(ElementType type, long[] raw, long[] expected, int[] permutation) {
        boolean[] seen = new boolean[raw.length];
        for (int i = 0; i < raw.length; i++) {
            int row = permutation[i];
            if (seen[row]) {
                return "row " + row + " appears twice";
            }
            seen[row] = true;
            if (canonical(type, raw[row]) != expected[i]) {
                return "position " + i + " holds row " + row + " whose key is out of order";
            }
            if (i > 0 && expected[i] == expected[i - 1] && row < permutation[i - 1]) {
                return "equal keys at " + i + " are not in input order";
            }
        }
        return "none";
    }

    static long[] rawKeys(ElementType type, TestInputs.Shape shape, long seed, int n) {
        long[] raw = new long[n];
        switch (type) {
            case INT32, UINT32 -> {
                int[] ints = TestInputs.ints(seed, n, shape);
                for (int i = 0; i < n; i++) {
                    raw[i] = ints[i] & 0xFFFF_FFFFL;
                }
            }
            case INT64, UINT64 -> raw = TestInputs.longs(seed, n, shape);
            case FLOAT32 -> {
                float[] floats = TestInputs.floats(seed, n);
                for (int i = 0; i < n; i++) {
                    raw[i] = Float.floatToRawIntBits(shape == TestInputs.Shape.ALL_EQUAL ? -1.5f : floats[i])
                            & 0xFFFF_FFFFL;
                }
            }
            case FLOAT64 -> {
                double[] doubles = TestInputs.doubles(seed, n);
                for (int i = 0; i < n; i++) {
                    raw[i] = Double.doubleToRawLongBits(shape == TestInputs.Shape.ALL_EQUAL ? -2.5 : doubles[i]);
                }
            }
        }
        return raw;
    }

    /** Sorted with the JDK: Arrays.sort on the natural type, unsigned types through a sign flip. */
    private static long[] expectedSortedBits(ElementType type, long[] raw, SortOrder order) {
        int n = raw.length;
        long[] expected = new long[n];
        switch (type) {
            case INT32, UINT32 -> {
                int flip = type == ElementType.UINT32 ? Integer.MIN_VALUE : 0;
                int[] values = new int[n];
                for (int i = 0; i < n; i++) {
                    values[i] = (int) raw[i] ^ flip;
                }
                Arrays.sort(values);
                for (int i = 0; i < n; i++) {
                    expected[i] = (values[i] ^ flip) & 0xFFFF_FFFFL;
                }
            }
            case INT64, UINT64 -> {
                long flip = type == ElementType.UINT64 ? Long.MIN_VALUE : 0;
                for (int i = 0; i < n; i++) {
                    expected[i] = raw[i] ^ flip;
                }
                Arrays.sort(expected);
                for (int i = 0; i < n; i++) {
                    expected[i] ^= flip;
                }
            }
            case FLOAT32 -> {
                float[] values = new float[n];
                for (int i = 0; i < n; i++) {
                    values[i] = Float.intBitsToFloat((int) raw[i]);
                }
                Arrays.sort(values);
                for (int i = 0; i < n; i++) {
                    expected[i] = Float.floatToIntBits(values[i]) & 0xFFFF_FFFFL;
                }
            }
            case FLOAT64 -> {
                double[] values = new double[n];
                for (int i = 0; i < n; i++) {
                    values[i] = Double.longBitsToDouble(raw[i]);
                }
                Arrays.sort(values);
                for (int i = 0; i < n; i++) {
                    expected[i] = Double.doubleToLongBits(values[i]);
                }
            }
        }
        if (order == SortOrder.DESCENDING) {
            for (int i = 0, j = n - 1; i < j; i++, j--) {
                long swap = expected[i];
                expected[i] = expected[j];
                expected[j] = swap;
            }
        }
        return expected;
    }

    private static long canonical(ElementType type, long raw) {
        return switch (type) {
            case FLOAT32 -> Float.floatToIntBits(Float.intBitsToFloat((int) raw)) & 0xFFFF_FFFFL;
            case FLOAT64 -> Double.doubleToLongBits(Double.longBitsToDouble(raw));
            case INT32, UINT32, INT64, UINT64 -> raw;
        };
    }

    private static long[] bits(MemorySegment segment, ElementType type, int n) {
        long[] bits = new long[n];
        for (int i = 0; i < n; i++) {
            bits[i] = Segments.rawBits(segment, type.byteSize(), i);
        }
        return bits;
    }
}
