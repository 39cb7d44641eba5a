package dev.forge.engine.statistics;

/**
 * A set of {@code (long, long)} pairs in parallel open-addressing arrays, for 128-bit decimals and for verifying
 * two-column keys exactly.
 */
final class LongPairHashSet {
    private long[] firsts;
    private long[] seconds;
    private boolean[] used;
    private int stored;

    LongPairHashSet() {
        allocate(1024);
    }

    /** Adds the pair; returns whether it was new. */
    boolean add(long first, long second) {
        int mask = used.length - 1;
        int index = (int) hash(first, second) & mask;
        while (used[index]) {
            if (firsts[index] == first && seconds[index] == second) {
                return false;
            }
            index = (index + 1) & mask;
        }
        used[index] = true;
        firsts[index] = first;
        seconds[index] = second;
        if (++stored * 2 > used.length) {
            grow();
        }
        return true;
    }

    long size() {
        return stored;
    }

    static long hash(long first, long second) {
        return Hashing.mix(first * 0x9E3779B97F4A7C15L ^ Hashing.mix(second));
    }

    private void grow() {
        long[] oldFirsts = firsts;
        long[] oldSeconds = seconds;
        boolean[] oldUsed = used;
        allocate(oldUsed.length * 2);
        int mask = used.length - 1;
        for (int i = 0; i < oldUsed.length; i++) {
            if (oldUsed[i]) {
                int index = (int) hash(oldFirsts[i], oldSeconds[i]) & mask;
                while (used[index]) {
                    index = (index + 1) & mask;
                }
                used[index] = true;
                firsts[index] = oldFirsts[i];
                seconds[index] = oldSeconds[i];
            }
        }
    }

    private void allocate(int capacity) {
        firsts = new long[capacity];
        seconds = new long[capacity];
        used = new boolean[capacity];
    }
}
