package dev.forge.primitives.cpu;

import dev.forge.primitives.ElementType;
import java.lang.foreign.MemorySegment;

/**
 * Splits rows into 2^bits partitions by the top bits of their 64-bit hash, stably (rows keep input order inside a
 * partition); hash tables and group-by then give each partition to one thread, which makes their layout, and so every
 * output order, independent of the thread count.
 */
final class HashPartitioning {

    /** Rows per partition the partition count aims at: a partition's table then stays in the L2 cache. */
    private static final int TARGET_ROWS_PER_PARTITION = 1 << 14;
    private static final int MAX_BITS = 10;

    /**
     * Where each row goes in partition order ({@code positions[row]}), and where each partition starts
     * ({@code starts[p] .. starts[p + 1]}).
     */
    record Partitioned(int[] positions, int[] starts, int bits) {
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
        int[] positions = new int[n];
        workers.forEach(morsels.count(), m -> {
            int[] next = counts[m];
            for (int i = (int) morsels.start(m); i < morsels.end(m); i++) {
                positions[i] = next[partitionOf(hashes[i], bits)]++;
            }
        });
        return new Partitioned(positions, starts, bits);
    }

    /**
     * Copies {@code source} into partition order; reads are sequential and writes go to one cursor per partition,
     * so the partitions are then read contiguously instead of gathered row by row.
     */
    static long[] scatter(CpuWorkers workers, Partitioned partitioned, long[] source) {
        long[] target = new long[source.length];
        int[] positions = partitioned.positions();
        Morsels morsels = Morsels.of(source.length);
        workers.forEach(morsels.count(), m -> {
            for (int i = (int) morsels.start(m); i < morsels.end(m); i++) {
                target[positions[i]] = source[i];
            }
        });
        return target;
    }

    /** Like {@link #scatter(CpuWorkers, Partitioned, long[])} for a column of 8-byte elements, as raw bits. */
    static long[] scatter(CpuWorkers workers, Partitioned partitioned, MemorySegment column) {
        return scatter(workers, partitioned, column, ElementType.INT64);
    }

    /** Like {@link #scatter(CpuWorkers, Partitioned, long[])} for a column of {@code type}, widened to 8 bytes. */
    static long[] scatter(CpuWorkers workers, Partitioned partitioned, MemorySegment column, ElementType type) {
        int n = partitioned.positions().length;
        long[] target = new long[n];
        int[] positions = partitioned.positions();
        Morsels morsels = Morsels.of(n);
        workers.forEach(morsels.count(), m -> {
            for (int i = (int) morsels.start(m); i < morsels.end(m); i++) {
                target[positions[i]] = Segments.widenedBits(column, type, i);
            }
        });
        return target;
    }

    /** The row numbers in partition order: {@code rows[positions[row]] = row}. */
    static int[] rowsInPartitionOrder(CpuWorkers workers, Partitioned partitioned) {
        int[] positions = partitioned.positions();
        int[] rows = new int[positions.length];
        Morsels morsels = Morsels.of(positions.length);
        workers.forEach(morsels.count(), m -> {
            for (int i = (int) morsels.start(m); i < morsels.end(m); i++) {
                rows[positions[i]] = i;
            }
        });
        return rows;
    }
}
