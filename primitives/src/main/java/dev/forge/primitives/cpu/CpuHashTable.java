package dev.forge.primitives.cpu;

import static dev.forge.primitives.cpu.Segments.LONG;

import dev.forge.primitives.ElementType;
import dev.forge.primitives.JoinPairs;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * An open-addressing (linear probing) hash table from 32- or 64-bit integer keys to the rows that hold them, built
 * once from a key column and then probed; duplicate keys are kept.
 *
 * <p>Each distinct key takes one slot, which holds the key and the range of its rows in a row array where the rows
 * of one key sit together in ascending order (counted per key, prefix-summed, then scattered). Build and probe are
 * therefore linear in rows plus matches however often a key repeats: many duplicates (Zipf, all-equal) never make a
 * probe walk past other rows of its own key.
 *
 * <p>Rows are first partitioned by hash and each partition gets its own sub-table, filled by one thread in row
 * order, so the table layout, and the order of probe matches, does not depend on the thread count. Keys are equal
 * when their bits are equal. A probe lists, for each probe row in order, its matching build rows in ascending order.
 */
public final class CpuHashTable {

    private static final int MAX_ROWS = 1 << 27; // up to four slots of two longs per row, all in one Java array

    private final CpuWorkers workers;
    private final ElementType keyType;
    private final int partitionBits;
    private final int[] partitionBase;
    private final int[] partitionMask;
    // slot s holds its key at [2s] and, at [2s + 1], its row range: the first index into rows in the high half and
    // the row count (at least 1) in the low half; 0 marks an empty slot. A probe touches one cache line of slots.
    private final long[] slots;
    private final int[] rows; // build rows grouped by key, ascending within a key
    private final long rowCount;
    private final boolean duplicateKeys;

    private CpuHashTable(CpuWorkers workers, ElementType keyType, int partitionBits, int[] partitionBase,
                         int[] partitionMask, long[] slots, int[] rows, long rowCount, boolean duplicateKeys) {
        this.workers = workers;
        this.keyType = keyType;
        this.partitionBits = partitionBits;
        this.partitionBase = partitionBase;
        this.partitionMask = partitionMask;
        this.slots = slots;
        this.rows = rows;
        this.rowCount = rowCount;
        this.duplicateKeys = duplicateKeys;
    }

    /** Builds a table over {@code keys} (INT32, UINT32, INT64 or UINT64); row {@code i} holds {@code keys[i]}. */
    public static CpuHashTable build(CpuWorkers workers, MemorySegment keys, ElementType keyType) {
        requireKeyType(keyType);
        long count = Segments.count(keys, keyType, "keys");
        if (count > MAX_ROWS) {
            throw new IllegalArgumentException("keys holds " + count + " rows; the CPU hash table takes at most "
                    + MAX_ROWS + ": partition the build side");
        }
        int n = (int) count;
        int width = keyType.byteSize();
        long[] rawKeys = new long[n];
        long[] hashes = new long[n];
        Morsels morsels = Morsels.of(n);
        workers.forEach(morsels.count(), m -> {
            for (int i = (int) morsels.start(m); i < morsels.end(m); i++) {
                rawKeys[i] = Segments.rawBits(keys, width, i);
                hashes[i] = HashPartitioning.mix(rawKeys[i]);
            }
        });
        HashPartitioning.Partitioned partitioned =
                HashPartitioning.partition(workers, hashes, HashPartitioning.bitsFor(n));
        int partitionCount = partitioned.partitionCount();
        int[] base = new int[partitionCount + 1];
        int[] mask = new int[partitionCount];
        for (int p = 0; p < partitionCount; p++) {
            int rows = partitioned.starts()[p + 1] - partitioned.starts()[p];
            // the next power of two above 4/3 of the rows: load factor between 3/8 and 3/4 even with no duplicate,
            // so a partition a row over a power of two does not double its table
            int capacity = Math.max(8, Integer.highestOneBit(rows + rows / 3) << 1);
            mask[p] = capacity - 1;
            base[p + 1] = base[p] + capacity;
        }
        long[] slots = new long[2 * base[partitionCount]];
        int[] rows = new int[n];
        boolean[] duplicates = new boolean[partitionCount];
        int[] rowsInPartitionOrder = HashPartitioning.rowsInPartitionOrder(workers, partitioned);
        long[] partitionedHashes = HashPartitioning.scatter(workers, partitioned, hashes);
        long[] partitionedKeys = HashPartitioning.scatter(workers, partitioned, rawKeys);
        workers.forEach(partitionCount, p -> duplicates[p] = buildPartition(slots, base[p], mask[p], rows,
                partitioned.starts()[p], partitioned.starts()[p + 1], rowsInPartitionOrder, partitionedKeys,
                partitionedHashes));
        boolean anyDuplicate = false;
        for (boolean duplicate : duplicates) {
            anyDuplicate |= duplicate;
        }
        return new CpuHashTable(workers, keyType, partitioned.bits(), base, mask, slots, rows, n, anyDuplicate);
    }

    /**
     * Fills one partition's sub-table from its entries {@code from .. to} (rows in ascending order): counts the rows
     * of each distinct key in its slot, gives each key its range of {@code rows} (those of this partition, in slot
     * order), then places the rows in their key's range in entry order. Returns whether any key repeats.
     */
    private static boolean buildPartition(long[] slots, int base, int mask, int[] rows, int from, int to,
                                          int[] rowsInPartitionOrder, long[] partitionedKeys,
                                          long[] partitionedHashes) {
        int[] slotOfEntry = new int[to - from];
        boolean duplicate = false;
        for (int j = from; j < to; j++) {
            long key = partitionedKeys[j];
            int slot = (int) partitionedHashes[j] & mask;
            while (slots[2 * (base + slot) + 1] != 0 && slots[2 * (base + slot)] != key) {
                slot = (slot + 1) & mask;
            }
            duplicate |= slots[2 * (base + slot) + 1] != 0;
            slots[2 * (base + slot)] = key;
            slots[2 * (base + slot) + 1]++; // the count, in the low half until the ranges are laid out
            slotOfEntry[j - from] = slot;
        }
        int[] next = new int[mask + 1]; // where each slot's next row goes
        int start = from;
        for (int slot = 0; slot <= mask; slot++) {
            long count = slots[2 * (base + slot) + 1];
            if (count != 0) {
                slots[2 * (base + slot) + 1] = (long) start << 32 | count;
                next[slot] = start;
                start += (int) count;
            }
        }
        for (int j = from; j < to; j++) {
            rows[next[slotOfEntry[j - from]]++] = rowsInPartitionOrder[j];
        }
        return duplicate;
    }

    public long rowCount() {
        return rowCount;
    }

    public ElementType keyType() {
        return keyType;
    }

    public boolean hasDuplicateKeys() {
        return duplicateKeys;
    }

    /** Every (probe row, build row) pair with equal keys, allocated from {@code arena}. */
    public JoinPairs probe(MemorySegment probeKeys, Arena arena) {
        return probe(probeKeys, false, arena);
    }

    /**
     * Like {@link #probe(MemorySegment, Arena)}, and when {@code keepUnmatched} each probe row without a match also
     * appears once, paired with build row -1 (a left outer join).
     */
    JoinPairs probe(MemorySegment probeKeys, boolean keepUnmatched, Arena arena) {
        long n = Segments.count(probeKeys, keyType, "probeKeys");
        Morsels morsels = Morsels.of(n);
        RowPairBuffer[] buffers = new RowPairBuffer[morsels.count()];
        workers.forEach(morsels.count(), m -> {
            RowPairBuffer buffer = new RowPairBuffer();
            ProbeBatch batch = new ProbeBatch();
            for (long start = morsels.start(m); start < morsels.end(m); start += ProbeBatch.SIZE) {
                int count = (int) Math.min(ProbeBatch.SIZE, morsels.end(m) - start);
                locate(probeKeys, start, count, batch);
                for (int j = 0; j < count; j++) {
                    long before = buffer.size;
                    addMatches(start + j, batch.keys[j], batch.partitions[j], batch.slots[j], buffer);
                    if (keepUnmatched && buffer.size == before) {
                        buffer.add(start + j, -1);
                    }
                }
            }
            buffers[m] = buffer;
        });
        return concatenate(buffers, arena);
    }

    /** The probe rows (INT64, ascending) that have at least one match, or, when {@code matched} is false, none. */
    MemorySegment probeRowsWhere(MemorySegment probeKeys, boolean matched, Arena arena) {
        long n = Segments.count(probeKeys, keyType, "probeKeys");
        Morsels morsels = Morsels.of(n);
        RowPairBuffer[] buffers = new RowPairBuffer[morsels.count()];
        workers.forEach(morsels.count(), m -> {
            RowPairBuffer buffer = new RowPairBuffer();
            ProbeBatch batch = new ProbeBatch();
            for (long start = morsels.start(m); start < morsels.end(m); start += ProbeBatch.SIZE) {
                int count = (int) Math.min(ProbeBatch.SIZE, morsels.end(m) - start);
                locate(probeKeys, start, count, batch);
                for (int j = 0; j < count; j++) {
                    if (contains(batch.keys[j], batch.partitions[j], batch.slots[j]) == matched) {
                        buffer.add(start + j, 0);
                    }
                }
            }
            buffers[m] = buffer;
        });
        return concatenate(buffers, arena).leftRows();
    }

    /** Probe keys with their partition and first slot, located a batch at a time. */
    private static final class ProbeBatch {
        static final int SIZE = 128;
        final long[] keys = new long[SIZE];
        final int[] partitions = new int[SIZE];
        final int[] slots = new int[SIZE];
        long touched;
    }

    /**
     * Finds every probe's first slot and loads it before any probe follows its chain: the cache misses of a batch
     * then overlap, instead of each waiting behind the mispredicted match branches of the one before.
     */
    private void locate(MemorySegment probeKeys, long start, int count, ProbeBatch batch) {
        int width = keyType.byteSize();
        long touched = 0;
        for (int j = 0; j < count; j++) {
            long key = Segments.rawBits(probeKeys, width, start + j);
            long hash = HashPartitioning.mix(key);
            int partition = HashPartitioning.partitionOf(hash, partitionBits);
            int slot = (int) hash & partitionMask[partition];
            batch.keys[j] = key;
            batch.partitions[j] = partition;
            batch.slots[j] = slot;
            touched += slots[2 * (partitionBase[partition] + slot)];
        }
        batch.touched = touched; // kept, so the compiler cannot drop the loads
    }

    private void addMatches(long probeRow, long key, int partition, int firstSlot, RowPairBuffer buffer) {
        long range = find(key, partition, firstSlot);
        int first = (int) (range >>> 32);
        int end = first + (int) range;
        for (int r = first; r < end; r++) {
            buffer.add(probeRow, rows[r]);
        }
    }

    private boolean contains(long key, int partition, int firstSlot) {
        return find(key, partition, firstSlot) != 0;
    }

    /** The row range of {@code key}'s slot (first row index in the high half, count in the low), or 0 if absent. */
    private long find(long key, int partition, int firstSlot) {
        int base = partitionBase[partition];
        int mask = partitionMask[partition];
        int slot = firstSlot;
        long range;
        while ((range = slots[2 * (base + slot) + 1]) != 0) {
            if (slots[2 * (base + slot)] == key) {
                return range;
            }
            slot = (slot + 1) & mask;
        }
        return 0;
    }

    private static void requireKeyType(ElementType keyType) {
        switch (keyType) {
            case INT32, UINT32, INT64, UINT64 -> {
            }
            case FLOAT32, FLOAT64 -> throw new IllegalArgumentException(
                    "keyType must be an integer type (INT32, UINT32, INT64, UINT64), got " + keyType
                            + ": hash floating keys by their bits or dictionary-encode them first");
        }
    }

    private JoinPairs concatenate(RowPairBuffer[] buffers, Arena arena) {
        long[] offsets = new long[buffers.length + 1];
        for (int m = 0; m < buffers.length; m++) {
            offsets[m + 1] = offsets[m] + buffers[m].size;
        }
        long total = offsets[buffers.length];
        MemorySegment left = arena.allocate(8 * total, 8);
        MemorySegment right = arena.allocate(8 * total, 8);
        workers.forEach(buffers.length, m -> {
            MemorySegment.copy(buffers[m].left, 0, left, LONG, 8 * offsets[m], buffers[m].size);
            MemorySegment.copy(buffers[m].right, 0, right, LONG, 8 * offsets[m], buffers[m].size);
        });
        return new JoinPairs(total, left, right);
    }

    /** One morsel's output pairs, growing by doubling. */
    private static final class RowPairBuffer {
        long[] left = new long[64];
        long[] right = new long[64];
        int size;

        void add(long leftRow, long rightRow) {
            if (size == left.length) {
                left = Arrays.copyOf(left, size * 2);
                right = Arrays.copyOf(right, size * 2);
            }
            left[size] = leftRow;
            right[size] = rightRow;
            size++;
        }
    }
}
