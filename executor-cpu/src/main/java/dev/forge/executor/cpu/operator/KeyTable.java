package dev.forge.executor.cpu.operator;

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
    private int[] slots;
    private long[] groupHashes;
    private int groupCount;
    private int mask;

    KeyTable(VectorKind[] kinds, int expectedGroups) {
        this.columns = new KeyColumn[kinds.length];
        for (int i = 0; i < kinds.length; i++) {
            columns[i] = KeyColumn.of(kinds[i]);
        }
        int capacity = Integer.highestOneBit(Math.max(16, Math.min(MAX_SLOTS / 2, expectedGroups)) * 2 - 1) * 2;
        this.slots = new int[capacity];
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
        for (int i = 0; i < rows; i++) {
            groups[i] = findOrInsert(keys, i, hashes[i]);
        }
    }

    int findOrInsert(Vector[] keys, int row, long hash) {
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

    /** The group of the row's key, or -1. */
    int find(Vector[] keys, int row, long hash) {
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
