package dev.forge.bench.experiments.cases;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.bench.experiments.SeededData;
import dev.forge.primitives.cpu.CpuWorkers;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.Test;

class CpuFilterMasksTest {
    private static final long[] SIZES = {1, 63, 64, 65, 1000, 64 * 1024 + 1, 200_003};

    /** The mask bit for every row must be the predicate on that row, and bits past the last row clear. */
    private static void assertMask(MemorySegment mask, long rows, LongPredicate expected) {
        for (long row = 0; row < 64 * ((rows + 63) / 64); row++) {
            long word = mask.getAtIndex(ValueLayout.JAVA_LONG, row / 64);
            boolean set = (word >>> (row % 64) & 1) != 0;
            assertThat(set).as("row %d of %d", row, rows).isEqualTo(row < rows && expected.test(row));
        }
    }

    @Test
    void everyPredicateSetsExactlyTheBitsOfTheRowsThatPass() {
        CpuFilterMasks masks = new CpuFilterMasks(CpuWorkers.allCores());
        for (long rows : SIZES) {
            try (Arena arena = Arena.ofShared()) {
                MemorySegment first = arena.allocate(8 * rows, 64);
                MemorySegment second = arena.allocate(8 * rows, 64);
                MemorySegment floats = arena.allocate(8 * rows, 64);
                MemorySegment mask = arena.allocate(CpuFilterMasks.maskBytes(rows), 64);
                SeededData.fillInt64(CpuWorkers.allCores(), first, i -> SeededData.between(1, i, -50, 50));
                SeededData.fillInt64(CpuWorkers.allCores(), second, i -> SeededData.between(2, i, -50, 50));
                SeededData.fillFloat64(CpuWorkers.allCores(), floats, i -> SeededData.unit(3, i));
                LongPredicate a = row -> first.getAtIndex(ValueLayout.JAVA_LONG, row) < 7;
                LongPredicate b = row -> second.getAtIndex(ValueLayout.JAVA_LONG, row) < -3;

                mask.fill((byte) 0xFF);
                masks.lessInt64(first, 7, mask);
                assertMask(mask, rows, a);
                mask.fill((byte) 0xFF);
                masks.lessFloat64(floats, 0.25, mask);
                assertMask(mask, rows, row -> floats.getAtIndex(ValueLayout.JAVA_DOUBLE, row) < 0.25);
                mask.fill((byte) 0xFF);
                masks.bothLessInt64(first, second, 7, -3, mask);
                assertMask(mask, rows, a.and(b));
                mask.fill((byte) 0xFF);
                masks.eitherLessInt64(first, second, 7, -3, mask);
                assertMask(mask, rows, a.or(b));
            }
        }
    }
}
