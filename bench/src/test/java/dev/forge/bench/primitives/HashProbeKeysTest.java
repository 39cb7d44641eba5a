package dev.forge.bench.primitives;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.primitives.ElementType;
import dev.forge.primitives.cpu.CpuWorkers;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

class HashProbeKeysTest {
    /** The inverse of murmur3's fmix32, step by step: a probe key tells which build row it hits, if any. */
    private static int unmix32(int h) {
        h ^= h >>> 16;
        h *= inverse(0xC2B2AE35);
        h ^= (h >>> 13) ^ (h >>> 26);
        h *= inverse(0x85EBCA6B);
        return h ^ (h >>> 16);
    }

    /** The multiplicative inverse of an odd number modulo 2^32 (Newton's iteration doubles the correct bits). */
    private static int inverse(int odd) {
        int x = odd;
        for (int i = 0; i < 5; i++) {
            x *= 2 - odd * x;
        }
        return x;
    }

    @Test
    void theMixIsInvertible() {
        for (int i = -5000; i < 5000; i++) {
            assertThat(unmix32(HashProbeKeys.mix32(i * 104_729))).isEqualTo(i * 104_729);
        }
    }

    @Test
    void buildKeysAreTheEvenPreimagesOfTheirRows() {
        try (CpuWorkers workers = CpuWorkers.withThreads(2); Arena arena = Arena.ofConfined()) {
            MemorySegment keys = arena.allocate(4 * 4096);
            HashProbeKeys.fillBuild(workers, keys, ElementType.INT32);
            for (int i = 0; i < 4096; i++) {
                assertThat(unmix32(keys.getAtIndex(ValueLayout.JAVA_INT, i))).isEqualTo(2 * i);
            }
        }
    }

    @Test
    void aboutHalfTheProbeKeysHitABuildRowAndTheRestNone() {
        int count = 1 << 16;
        try (CpuWorkers workers = CpuWorkers.withThreads(2); Arena arena = Arena.ofConfined()) {
            MemorySegment keys = arena.allocate(4L * count);
            HashProbeKeys.fillProbe(workers, keys, ElementType.INT32);
            int hits = 0;
            for (int j = 0; j < count; j++) {
                int preimage = unmix32(keys.getAtIndex(ValueLayout.JAVA_INT, j));
                assertThat(preimage).isBetween(0, (int) (2 * HashProbeKeys.BUILD_ROWS - 1));
                hits += (preimage & 1) == 0 ? 1 : 0;
            }
            // 50% of 65,536: a standard deviation is 128
            assertThat(hits).isBetween(count / 2 - 1000, count / 2 + 1000);
        }
    }

    @Test
    void int64KeysAreFilledToo() {
        try (CpuWorkers workers = CpuWorkers.withThreads(2); Arena arena = Arena.ofConfined()) {
            MemorySegment build = arena.allocate(8 * 1024);
            MemorySegment probe = arena.allocate(8 * 1024);
            HashProbeKeys.fillBuild(workers, build, ElementType.INT64);
            HashProbeKeys.fillProbe(workers, probe, ElementType.INT64);
            assertThat(build.getAtIndex(ValueLayout.JAVA_LONG, 1)).isNotEqualTo(build.getAtIndex(ValueLayout.JAVA_LONG, 0));
            assertThat(probe.getAtIndex(ValueLayout.JAVA_LONG, 1023)).isNotZero();
        }
    }
}
