package dev.forge.primitives.cpu;

import static dev.forge.primitives.cpu.TestInputs.MANY_THREADS;
import static dev.forge.primitives.cpu.TestInputs.ONE_THREAD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.primitives.ElementType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CpuRunLengthTest {

    @ParameterizedTest
    @MethodSource("dev.forge.primitives.cpu.TestInputs#sizes")
    void uniqueAndRunLengthsMatchALoop(int n) {
        for (TestInputs.Shape shape : TestInputs.Shape.values()) {
            long[] values = runs(TestInputs.longs(n + shape.ordinal(), n, shape), n);
            List<Long> expectedValues = new ArrayList<>();
            List<Long> expectedLengths = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (i == 0 || values[i] != values[i - 1]) {
                    expectedValues.add(values[i]);
                    expectedLengths.add(1L);
                } else {
                    expectedLengths.set(expectedLengths.size() - 1, expectedLengths.getLast() + 1);
                }
            }
            try (Arena arena = Arena.ofShared()) {
                MemorySegment input = TestInputs.segment(arena, values);
                MemorySegment unique = arena.allocate(8L * n);
                MemorySegment lengths = arena.allocate(8L * n);
                for (CpuRunLength runLength : new CpuRunLength[] {new CpuRunLength(ONE_THREAD),
                        new CpuRunLength(MANY_THREADS)}) {
                    long count = runLength.unique(input, ElementType.INT64, unique);
                    assertThat(TestInputs.longArray(unique.asSlice(0, 8 * count))).as("%s n=%d", shape, n)
                            .isEqualTo(expectedValues.stream().mapToLong(Long::longValue).toArray());
                    unique.fill((byte) 0);
                    count = runLength.runLengthEncode(input, ElementType.INT64, unique, lengths);
                    assertThat(TestInputs.longArray(unique.asSlice(0, 8 * count))).isEqualTo(expectedValues.stream().mapToLong(Long::longValue).toArray());
                    assertThat(TestInputs.longArray(lengths.asSlice(0, 8 * count))).isEqualTo(expectedLengths.stream().mapToLong(Long::longValue).toArray());
                }
            }
        }
    }

    @Test
    void floatsAreComparedByTheirBits() {
        try (Arena arena = Arena.ofShared()) {
            MemorySegment input = TestInputs.segment(arena, new double[] {0.0, -0.0, -0.0, Double.NaN, Double.NaN, 1.5});
            MemorySegment unique = arena.allocate(48);
            MemorySegment lengths = arena.allocate(48);
            long count = new CpuRunLength(MANY_THREADS).runLengthEncode(input, ElementType.FLOAT64, unique, lengths);
            assertThat(count).isEqualTo(4);
            assertThat(TestInputs.longArray(lengths.asSlice(0, 32))).containsExactly(1, 2, 2, 1);
            assertThat(Double.doubleToRawLongBits(unique.getAtIndex(Segments.DOUBLE, 1)))
                    .isEqualTo(Double.doubleToRawLongBits(-0.0));
        }
    }

    /** Repeats each value a random 1..40 times (Zipf-like run lengths) so runs are long enough to cross morsels. */
    static long[] runs(long[] values, int n) {
        long[] repeated = new long[n];
        java.util.SplittableRandom random = new java.util.SplittableRandom(n);
        int source = 0;
        for (int i = 0; i < n; ) {
            int length = TestInputs.zipf(random, 40);
            for (int j = 0; j < length && i < n; j++) {
                repeated[i++] = values[source];
            }
            source++;
        }
        return repeated;
    }
}
