package dev.forge.executor.cpu.operator;

import dev.forge.executor.cpu.vector.LongVector;
import dev.forge.executor.cpu.vector.Vector;
import dev.forge.executor.cpu.vector.VectorKind;
import dev.forge.plan.QueryException;
import java.util.Arrays;

/**
 * An open-addressing hash table from composite keys to dense group numbers 0, 1, 2, ... in order of first insertion.
 * Slots hold group numbers; each group's full hash is kept so probes compare keys only on a hash match and the table
 * can grow without rehashing keys. Capacity doubles at half load; there is no limit on the number of groups but
 * memory (and 2^30 slots per table: aggregation and joins split larger inputs into partitions).
 */
final class KeyTable {
    private static final int MAX_SLOTS = 1 << 30;

    private final KeyColumn[] columns;
    /** One plain 64-bit key: slots then live in {@link #entries}, key and group side by side (one cache miss). */
    private final boolean singleLong;
    /** Per slot: the key, then (group + 1) with bit 32 set for the NULL key; 0 means empty. */
    private long[] entries;
    private int[] slots;
    private long[] groupHashes;
    private int groupCount;
    private int mask;
    /** One bit per hash prefix of the keys present, small enough for the cache: most probe misses stop here. */
    private long[] filter;
    private int filterMask;

    KeyTable(VectorKind[] kinds, int expectedGroups) {
        this.columns = new KeyColumn[kinds.length];
        for (int i = 0; i < kinds.length; i++) {
            columns[i] = KeyColumn.of(kinds[i]);
        }
        int capacity = Integer.highestOneBit(Math.max(16, Math.min(MAX_SLOTS / 2, expectedGroups)) * 2 - 1) * 2;
        this.singleLong = kinds.length == 1 && kinds[0] == VectorKind.LONG;
        if (singleLong) {
            this.entries = new long[capacity * 2];
        } else {
            this.slots = new int[capacity];
        }
        this.mask = capacity - 1;
        this.groupHashes = new long[Math.max(16, Math.min(expectedGroups, 1 << 20))];
    }

    int groupCount() {
        return groupCount;
    }

    long groupHash(int group) {
        return groupHashes[group];
    }

    /** Group numbers of rows [0, rows), adding new groups for keys not seen before. */
    void findOrInsert(Vector[] keys, int rows, long[] hashes, int[] groups) {
        findOrInsert(keys, 0, rows, hashes, groups);
    }

    /** Group numbers of rows [from, to), adding new groups for keys not seen before. */
    void findOrInsert(Vector[] keys, int from, int to, long[] hashes, int[] groups) {
        for (int i = from; i < to; i++) {
            groups[i] = findOrInsert(keys, i, hashes[i]);
        }
    }

    int findOrInsert(Vector[] keys, int row, long hash) {
        if (singleLong) {
            return findOrInsertLong(keys, row, hash);
        }
        int slot = (int) hash & mask;
        while (true) {
            int entry = slots[slot];
            if (entry == 0) {
                int group = insert(keys, row, hash);
                slots[slot] = group + 1;
                if (groupCount * 2L > slots.length) {
                    grow();
                }
                return group;
            }
            int group = entry - 1;
            if (groupHashes[group] == hash && keysEqual(group, keys, row)) {
                return group;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** Builds the filter {@link #mayContain} reads; call once all keys are in (a join's build). */
    void buildFilter() {
        int bits = Math.max(6, 64 - Long.numberOfLeadingZeros(Math.max(1, (long) groupCount * 16 - 1)));
        bits = Math.min(bits, 31);
        filterMask = (1 << bits) - 1;
        filter = new long[1 << (bits - 6)];
        for (int group = 0; group < groupCount; group++) {
            int bit = filterBit(groupHashes[group]);
            filter[bit >>> 6] |= 1L << bit;
        }
    }

    /** False when no key with this hash is in the table; true when one may be (or no filter was built). */
    boolean mayContain(long hash) {
        if (filter == null) {
            return true;
        }
        int bit = filterBit(hash);
        return (filter[bit >>> 6] & 1L << bit) != 0;
    }

    /** Bits 26 to 56 of the hash: apart from the top bits that pick a partition and mostly from the slot bits. */
    private int filterBit(long hash) {
        return (int) (hash >>> 26) & filterMask;
    }

    /** The group of the row's key, or -1. */
    int find(Vector[] keys, int row, long hash) {
        if (singleLong) {
            LongVector vector = (LongVector) keys[0];
            boolean isNull = vector.isNull(row);
            long key = isNull ? 0 : vector.values()[row];
            long nullFlag = isNull ? 1L << 32 : 0;
            int slot = (int) hash & mask;
            while (true) {
                long meta = entries[2 * slot + 1];
                if (meta == 0) {
                    return -1;
                }
                if (entries[2 * slot] == key && (meta & (1L << 32)) == nullFlag) {
                    return (int) meta - 1;
                }
                slot = (slot + 1) & mask;
            }
        }
        int slot = (int) hash & mask;
        while (true) {
            int entry = slots[slot];
            if (entry == 0) {
                return -1;
            }
            int group = entry - 1;
            if (groupHashes[group] == hash && keysEqual(group, keys, row)) {
                return group;
            }
            slot = (slot + 1) & mask;
        }
    }

    private int findOrInsertLong(Vector[] keys, int row, long hash) {
        LongVector vector = (LongVector) keys[0];
        boolean isNull = vector.isNull(row);
        long key = isNull ? 0 : vector.values()[row];
        long nullFlag = isNull ? 1L << 32 : 0;
        int slot = (int) hash & mask;
        while (true) {
            long meta = entries[2 * slot + 1];
            if (meta == 0) {
                int group = insert(keys, row, hash);
                entries[2 * slot] = key;
                entries[2 * slot + 1] = (group + 1) | nullFlag;
                if (groupCount * 2L > entries.length / 2) {
                    grow();
                }
                return group;
            }
            if (entries[2 * slot] == key && (meta & (1L << 32)) == nullFlag) {
                return (int) meta - 1;
            }
            slot = (slot + 1) & mask;
        }
    }

    private boolean keysEqual(int group, Vector[] keys, int row) {
        for (int c = 0; c < columns.length; c++) {
            if (!columns[c].equalsRow(group, keys[c], row)) {
                return false;
            }
        }
        return true;
    }

    private int insert(Vector[] keys, int row, long hash) {
        int group = groupCount;
        if (group >= groupHashes.length) {
            groupHashes = Arrays.copyOf(groupHashes, (int) Math.min(Integer.MAX_VALUE - 16, groupHashes.length * 2L));
        }
        groupHashes[group] = hash;
        for (int c = 0; c < columns.length; c++) {
            columns[c].append(group, keys[c], row);
        }
        groupCount++;
        return group;
    }

    private void grow() {
        if (singleLong) {
            int capacity = entries.length / 2;
            if (capacity >= MAX_SLOTS) {
                throw new QueryException("a hash table partition passed " + (MAX_SLOTS / 2) + " distinct keys");
            }
            long[] larger = new long[capacity * 4];
            int largerMask = capacity * 2 - 1;
            for (int slot = 0; slot < capacity; slot++) {
                long meta = entries[2 * slot + 1];
                if (meta != 0) {
                    int target = (int) groupHashes[(int) meta - 1] & largerMask;
                    while (larger[2 * target + 1] != 0) {
                        target = (target + 1) & largerMask;
                    }
                    larger[2 * target] = entries[2 * slot];
                    larger[2 * target + 1] = meta;
                }
            }
            entries = larger;
            mask = largerMask;
            return;
        }
        if (slots.length >= MAX_SLOTS) {
            throw new QueryException("a hash table partition passed " + (MAX_SLOTS / 2) + " distinct keys");
        }
        int[] larger = new int[slots.length * 2];
        int largerMask = larger.length - 1;
        for (int group = 0; group < groupCount; group++) {
            int slot = (int) groupHashes[group] & largerMask;
            while (larger[slot] != 0) {
                slot = (slot + 1) & largerMask;
            }
            larger[slot] = group + 1;
        }
        slots = larger;
        mask = largerMask;
    }

    /** The keys of all groups, one vector per key column. */
    Vector[] keyVectors() {
        Vector[] vectors = new Vector[columns.length];
        for (int c = 0; c < columns.length; c++) {
            vectors[c] = columns[c].toVector(groupCount);
        }
        return vectors;
    }
}
