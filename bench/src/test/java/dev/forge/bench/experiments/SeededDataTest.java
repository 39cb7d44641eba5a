package dev.forge.bench.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.primitives.cpu.CpuWorkers;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeededDataTest {

    @Test
    void theGeneratorIsSplitMix64OverTheIndex() {
        // SplitMix64's first outputs for state 0 (the reference sequence starts at state + golden ratio)
        assertThat(SeededData.bits(0, 1)).isEqualTo(0xE220A8397B1DCDAFL);
        assertThat(SeededData.bits(0, 2)).isEqualTo(0x6E789E6AA1B965F4L);
    }

    @Test
    void derivedValuesStayInTheirRanges() {
        int kept = 0;
        for (long i = 0; i < 100_000; i++) {
            assertThat(SeededData.between(7, i, -1000, 1001)).isBetween(-1000L, 1000L);
            double unit = SeededData.unit(7, i);
            assertThat(unit).isGreaterThanOrEqualTo(0).isLessThan(1);
            kept += SeededData.chance(7, i, 10) ? 1 : 0;
        }
        assertThat(kept).isBetween(9_500, 10_500);
        assertThat(SeededData.chance(7, 0, 0)).isFalse();
        assertThat(SeededData.chance(7, 0, 100)).isTrue();
    }

    @Test
    void distinctIndicesGiveDistinctBits() {
        Set<Long> seen = new HashSet<>();
        for (long i = 0; i < 200_000; i++) {
            assertThat(seen.add(SeededData.bits(0x5EED, i))).isTrue();
        }
    }

    @Test
    void theDataAndItsChecksumDoNotDependOnTheThreadCount() {
        long count = 300_001;
        try (Arena arena = Arena.ofShared(); CpuWorkers one = CpuWorkers.withThreads(1);
                CpuWorkers three = CpuWorkers.withThreads(3)) {
            MemorySegment first = arena.allocate(8 * count, 64);
            MemorySegment second = arena.allocate(8 * count, 64);
            SeededData.fillInt64(one, first, i -> SeededData.bits(42, i));
            SeededData.fillInt64(three, second, i -> SeededData.bits(42, i));
            assertThat(first.mismatch(second)).isEqualTo(-1);
            long expected = 0;
            for (long i = 0; i < count; i++) {
                expected += SeededData.bits(42, i);
            }
            assertThat(SeededData.checksum(one, first, 8)).isEqualTo(expected);
            assertThat(SeededData.checksum(three, first, 8)).isEqualTo(expected);
            MemorySegment ints = arena.allocate(4 * count, 64);
            SeededData.fillInt32(three, ints, i -> -1);
            assertThat(SeededData.checksum(three, ints, 4)).isEqualTo(count * 0xFFFF_FFFFL);
        }
    }
}
