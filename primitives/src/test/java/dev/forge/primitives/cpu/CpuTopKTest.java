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
import java.util.Comparator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CpuTopKTest {

    @ParameterizedTest
    @MethodSource("dev.forge.primitives.cpu.TestInputs#sizes")
    void topKMatchesAFullSortWithIndexTieBreak(int n) {
        double[] doubles = TestInputs.doubles(n + 8L, n);
        long[] longs = TestInputs.longs(n + 9L, n, TestInputs.Shape.FEW_DISTINCT);
        try (Arena arena = Arena.ofShared()) {
            MemorySegment doubleSegment = TestInputs.segment(arena, doubles);
            MemorySegment longSegment = TestInputs.segment(arena, longs);
            MemorySegment topValues = arena.allocate(8L * CpuTopK.MAX_K);
            MemorySegment topIndices = arena.allocate(8L * CpuTopK.MAX_K);
            for (SortOrder order : SortOrder.values()) {
                Integer[] byDouble = sortedIndices(n, Comparator.comparing(i -> doubles[i], Double::compare), order);
                Integer[] byLong = sortedIndices(n, Comparator.comparing(i -> longs[i]), order);
                for (int k : new int[] {1, 10, 1024, CpuTopK.MAX_K}) {
                    int expectedCount = Math.min(k, n);
                    long[] expectedDoubleIndices = Arrays.stream(byDouble).limit(expectedCount).mapToLong(i -> i).toArray();
                    long[] expectedLongIndices = Arrays.stream(byLong).limit(expectedCount).mapToLong(i -> i).toArray();
                    for (CpuWorkers workers : new CpuWorkers[] {ONE_THREAD, MANY_THREADS}) {
                        CpuTopK topK = new CpuTopK(workers);
                        int count = topK.topK(doubleSegment, ElementType.FLOAT64, k, order, topValues, topIndices);
                        assertThat(count).isEqualTo(expectedCount);
                        assertThat(TestInputs.longArray(topIndices.asSlice(0, 8L * count)))
                                .as("float64 k=%d %s n=%d", k, order, n).isEqualTo(expectedDoubleIndices);
                        for (int j = 0; j < count; j++) {
                            assertThat(Double.compare(topValues.getAtIndex(Segments.DOUBLE, j),
                                    doubles[(int) expectedDoubleIndices[j]])).isZero();
                        }
                        count = topK.topK(longSegment, ElementType.INT64, k, order, topValues, topIndices);
                        assertThat(TestInputs.longArray(topIndices.asSlice(0, 8L * count)))
                                .as("int64 k=%d %s n=%d", k, order, n).isEqualTo(expectedLongIndices);
                    }
                }
            }
        }
    }

    @Test
    void kOutOfRangeIsRejected() {
        try (Arena arena = Arena.ofShared()) {
            MemorySegment values = TestInputs.segment(arena, new int[] {1});
            assertThatThrownBy(() -> new CpuTopK(MANY_THREADS).topK(values, ElementType.INT32, 5000,
                    SortOrder.ASCENDING, arena.allocate(4), arena.allocate(8)))
                    .hasMessageContaining("k must be").hasMessageContaining("5000");
        }
    }

    private static Integer[] sortedIndices(int n, Comparator<Integer> byValue, SortOrder order) {
        Integer[] indices = new Integer[n];
        Arrays.setAll(indices, i -> i);
        Comparator<Integer> direction = order == SortOrder.ASCENDING ? byValue : byValue.reversed();
        Arrays.sort(indices, direction.thenComparing(Comparator.naturalOrder()));
        return indices;
    }
}
