package dev.forge.primitives.cpu;

/**
 * Splits rows into 2^bits partitions by the top bits of their 64-bit hash, stably (rows keep input order inside a
 * partition); hash tables and group-by then give each partition to one thread, which makes their layout, and so every
 * output order, independent of the thread count.
 */
final class HashPartitioning {

    /** Rows per partition the partition count aims at: a partition's table then stays in the L2 cache. */
    private static final int TARGET_ROWS_PER_PARTITION = 1 << 14;
    private static final int MAX_BITS = 10;

    /** Rows in partition order, and where each partition starts ({@code starts[p] .. starts[p + 1]}). */
    record Partitioned(int[] rows, int[] starts, int bits) {
        int partitionCount() {
            return starts.length - 1;
        }
    }

    private HashPartitioning() {
    }

    /** The murmur3 64-bit finalizer: every key bit affects every hash bit, so top and low bits are both usable. */
    static long mix(long key) {
        long h = key;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    /** Folds one more key column into a running hash. */
    static long combine(long hash, long key) {
        return mix(hash * 0x9E37_79B9_7F4A_7C15L + key);
    }

    static int bitsFor(long rowCount) {
        long partitions = Math.max(1, rowCount / TARGET_ROWS_PER_PARTITION);
        return Math.min(MAX_BITS, 63 - Long.numberOfLeadingZeros(partitions));
    }

    static int partitionOf(long hash, int bits) {
        return bits == 0 ? 0 : (int) (hash >>> (64 - bits));
    }

    static Partitioned partition(CpuWorkers workers, long[] hashes, int bits) {
        int n = hashes.length;
        int partitionCount = 1 << bits;
        Morsels morsels = Morsels.of(n);
        int[][] counts = new int[morsels.count()][];
        workers.forEach(morsels.count(), m -> {
            int[] histogram = new int[partitionCount];
            for (int i = (int) morsels.start(m); i < morsels.end(m); i++) {
                histogram[partitionOf(hashes[i], bits)]++;
            }
            counts[m] = histogram;
        });
        int[] starts = new int[partitionCount + 1];
        int running = 0;
        for (int p = 0; p < partitionCount; p++) {
            starts[p] = running;
            for (int m = 0; m < morsels.count(); m++) {
                int count = counts[m][p];
                counts[m][p] = running;
                running += count;
            }
        }
        starts[partitionCount] = running;
        int[] rows = new int[n];
        workers.forEach(morsels.count(), m -> {
            int[] next = counts[m];
            for (int i = (int) morsels.start(m); i < morsels.end(m); i++) {
                rows[next[partitionOf(hashes[i], bits)]++] = i;
            }
        });
        return new Partitioned(rows, starts, bits);
    }
}
