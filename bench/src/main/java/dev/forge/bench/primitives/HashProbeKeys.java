package dev.forge.bench.primitives;

import dev.forge.bench.experiments.SeededData;
import dev.forge.primitives.ElementType;
import dev.forge.primitives.cpu.CpuWorkers;
import java.lang.foreign.MemorySegment;

/**
 * The keys of the hash-probe benchmark: {@value #BUILD_ROWS_LOG2}-power-of-two distinct build keys and probe keys of
 * which about {@value #HIT_PERCENT}% are among them. Build key {@code i} is a bijection of {@code 2 i} (murmur3's
 * 32-bit finalizer for int32 keys, SplitMix64's for int64), so the build keys are distinct; a probe key is the same
 * bijection of {@code 2 r} (a hit, on build row r, drawn at random) or of {@code 2 r + 1}, which no build key has.
 */
final class HashProbeKeys {
    static final int BUILD_ROWS_LOG2 = 26;
    static final long BUILD_ROWS = 1L << BUILD_ROWS_LOG2;
    static final int HIT_PERCENT = 50;
    private static final long KEY_SEED = 0x5EED_0201L;
    private static final long ROW_SEED = 0x5EED_0202L;
    private static final long HIT_SEED = 0x5EED_0203L;

    private HashProbeKeys() {
    }

    static void fillBuild(CpuWorkers workers, MemorySegment keys, ElementType type) {
        fill(workers, keys, type, i -> 2 * i);
    }

    static void fillProbe(CpuWorkers workers, MemorySegment keys, ElementType type) {
        fill(workers, keys, type, j -> 2 * SeededData.between(ROW_SEED, j, 0, BUILD_ROWS)
                + (SeededData.chance(HIT_SEED, j, HIT_PERCENT) ? 0 : 1));
    }

    private static void fill(CpuWorkers workers, MemorySegment keys, ElementType type,
            java.util.function.LongUnaryOperator preimage) {
        switch (type) {
            case INT32 -> SeededData.fillInt32(workers, keys, i -> mix32((int) preimage.applyAsLong(i)));
            case INT64 -> SeededData.fillInt64(workers, keys, i -> SeededData.bits(KEY_SEED, preimage.applyAsLong(i)));
            default -> throw new IllegalArgumentException("hash-probe keys are INT32 or INT64, not " + type);
        }
    }

    /** murmur3's 32-bit finalizer: every step is invertible, so distinct inputs give distinct keys. */
    static int mix32(int h) {
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        return h ^ (h >>> 16);
    }
}
