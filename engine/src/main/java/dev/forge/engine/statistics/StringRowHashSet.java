package dev.forge.engine.statistics;

import java.lang.foreign.MemorySegment;

/**
 * The distinct strings of a plain (offsets + bytes) VARCHAR column, held as row numbers into the column's own memory:
 * no string is copied, and equality is an exact byte comparison, so the count is exact whatever the hash does.
 */
final class StringRowHashSet {
    private final MemorySegment offsets;
    private final MemorySegment bytes;
    private long[] rows;
    private long[] hashes;
    private int stored;

    StringRowHashSet(MemorySegment offsets, MemorySegment bytes) {
        this.offsets = offsets;
        this.bytes = bytes;
        allocate(1024);
    }

    /** Adds the string of {@code row}; returns whether no earlier row had the same bytes. */
    boolean add(long row) {
        long start = start(row);
        long length = start(row + 1) - start;
        long hash = Hashing.bytes(bytes, start, length);
        int mask = rows.length - 1;
        int index = (int) hash & mask;
        while (rows[index] != 0) {
            if (hashes[index] == hash && sameBytes(rows[index] - 1, start, length)) {
                return false;
            }
            index = (index + 1) & mask;
        }
        rows[index] = row + 1;
        hashes[index] = hash;
        if (++stored * 2 > rows.length) {
            grow();
        }
        return true;
    }

    long size() {
        return stored;
    }

    private boolean sameBytes(long otherRow, long start, long length) {
        long otherStart = start(otherRow);
        if (start(otherRow + 1) - otherStart != length) {
            return false;
        }
        return MemorySegment.mismatch(bytes, start, start + length, bytes, otherStart, otherStart + length) == -1;
    }

    private long start(long row) {
        return offsets.getAtIndex(dev.forge.columnar.Layouts.LONG, row);
    }

    private void grow() {
        long[] oldRows = rows;
        long[] oldHashes = hashes;
        allocate(oldRows.length * 2);
        int mask = rows.length - 1;
        for (int i = 0; i < oldRows.length; i++) {
            if (oldRows[i] != 0) {
                int index = (int) oldHashes[i] & mask;
                while (rows[index] != 0) {
                    index = (index + 1) & mask;
                }
                rows[index] = oldRows[i];
                hashes[index] = oldHashes[i];
            }
        }
    }

    private void allocate(int capacity) {
        rows = new long[capacity];
        hashes = new long[capacity];
    }
}
