package dev.forge.columnar.io;

import dev.forge.columnar.Bitmaps;
import dev.forge.columnar.Column;
import dev.forge.columnar.ColumnBuilder;
import dev.forge.columnar.DataType;
import dev.forge.columnar.HostBuffer;
import dev.forge.columnar.Layouts;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * Collects the UTF-8 values of one VARCHAR column of a chunk straight from the parser's bytes (no {@link String}
 * per value), counting distinct values in an open-addressing table until they are too many to be worth a dictionary,
 * then builds a dictionary or plain {@link Column} by the same rule as {@link ColumnBuilder}.
 */
final class StringColumnAccumulator {
    /** Distinct values beyond this (or beyond half the rows) stop the counting: the column will be plain. */
    private static final int MAX_TRACKED = 1 << 16;

    private byte[] bytes;
    private int byteLength;
    private long[] offsets;
    private long[] validity;
    private int rows;
    private int nulls;
    /** Row of the first occurrence of each distinct value, +1 (0 = empty slot); null once counting stopped. */
    private int[] slots = new int[1024];
    private int distinct;
    private int[] codeOfRow;

    StringColumnAccumulator(int expectedRows, int expectedBytes) {
        this.bytes = new byte[Math.max(64, expectedBytes)];
        this.offsets = new long[Math.max(16, expectedRows) + 1];
        this.codeOfRow = new int[Math.max(16, expectedRows)];
    }

    void append(byte[] source, int start, int end) {
        int length = end - start;
        if (byteLength + length > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, byteLength + length));
        }
        System.arraycopy(source, start, bytes, byteLength, length);
        byteLength += length;
        ensureRow();
        offsets[rows + 1] = byteLength;
        if (slots != null) {
            track();
        }
        rows++;
    }

    void appendNull() {
        ensureRow();
        if (validity == null) {
            validity = new long[(offsets.length >> 6) + 1];
            for (int row = 0; row < rows; row++) {
                validity[row >> 6] |= 1L << row;
            }
        }
        validity[rows >> 6] &= ~(1L << rows);
        offsets[rows + 1] = byteLength;
        nulls++;
        rows++;
    }

    private void ensureRow() {
        if (rows + 2 > offsets.length) {
            offsets = Arrays.copyOf(offsets, offsets.length * 2);
            if (codeOfRow != null) {
                codeOfRow = Arrays.copyOf(codeOfRow, offsets.length);
            }
            if (validity != null) {
                validity = Arrays.copyOf(validity, (offsets.length >> 6) + 1);
            }
        }
        if (validity != null) {
            // rows appended from here on are valid unless appendNull clears them (it never sets)
            validity[(rows) >> 6] |= 1L << rows;
        }
    }

    /** Finds or adds the value of row {@code rows} in the distinct table. */
    private void track() {
        int start = (int) offsets[rows];
        int end = (int) offsets[rows + 1];
        int hash = 1;
        for (int i = start; i < end; i++) {
            hash = 31 * hash + bytes[i];
        }
        hash ^= hash >>> 16;
        int mask = slots.length - 1;
        for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
            int occupant = slots[slot];
            if (occupant == 0) {
                slots[slot] = rows + 1;
                codeOfRow[rows] = distinct++;
                break;
            }
            int other = occupant - 1;
            if (Arrays.equals(bytes, start, end, bytes, (int) offsets[other], (int) offsets[other + 1])) {
                codeOfRow[rows] = codeOfRow[other];
                break;
            }
        }
        if (distinct > MAX_TRACKED || (rows >= 4096 && distinct > rows / 2)) {
            slots = null; // too many distinct values: this chunk's column will be plain
            codeOfRow = null;
        } else if (distinct * 2 > slots.length) {
            rehash();
        }
    }

    private void rehash() {
        int[] old = slots;
        slots = new int[old.length * 2];
        int mask = slots.length - 1;
        for (int occupant : old) {
            if (occupant == 0) {
                continue;
            }
            int row = occupant - 1;
            int hash = 1;
            for (int i = (int) offsets[row]; i < offsets[row + 1]; i++) {
                hash = 31 * hash + bytes[i];
            }
            hash ^= hash >>> 16;
            int slot = hash & mask;
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = occupant;
        }
    }

    Column build() {
        HostBuffer validityBuffer = null;
        if (nulls > 0) {
            validityBuffer = HostBuffer.allocate(Bitmaps.byteSize(rows), "VARCHAR validity");
            MemorySegment.copy(validity, 0, validityBuffer.segment(), Layouts.LONG, 0, (int) Bitmaps.byteSize(rows) / 8);
            for (long row = (Bitmaps.byteSize(rows) / 8) * 64; row < rows; row++) {
                Bitmaps.set(validityBuffer.segment(), row, (validity[(int) (row >> 6)] >>> row & 1) != 0);
            }
        }
        if (slots != null && rows > 0 && distinct <= Math.max(1, rows / 2) && distinct > 0) {
            return buildDictionary(validityBuffer);
        }
        HostBuffer offsetBuffer = HostBuffer.allocate((rows + 1L) * 8, "VARCHAR offsets");
        MemorySegment.copy(offsets, 0, offsetBuffer.segment(), Layouts.LONG, 0, rows + 1);
        HostBuffer byteBuffer = HostBuffer.allocate(byteLength, "VARCHAR bytes");
        MemorySegment.copy(bytes, 0, byteBuffer.segment(), Layouts.BYTE, 0, byteLength);
        return new Column(DataType.VARCHAR, rows, nulls, validityBuffer, offsetBuffer, byteBuffer, null);
    }

    /** Sorts the distinct values by their bytes, so codes compare like the strings, and renumbers the rows. */
    private Column buildDictionary(HostBuffer validityBuffer) {
        int[] firstRows = new int[distinct];
        for (int occupant : slots) {
            if (occupant != 0) {
                firstRows[codeOfRow[occupant - 1]] = occupant - 1;
            }
        }
        Integer[] order = new Integer[distinct];
        for (int code = 0; code < distinct; code++) {
            order[code] = code;
        }
        Arrays.sort(order, (left, right) -> Arrays.compareUnsigned(bytes, (int) offsets[firstRows[left]],
                (int) offsets[firstRows[left] + 1], bytes, (int) offsets[firstRows[right]], (int) offsets[firstRows[right] + 1]));
        int[] sortedCode = new int[distinct];
        long dictionaryBytes = 0;
        for (int position = 0; position < distinct; position++) {
            sortedCode[order[position]] = position;
            int row = firstRows[order[position]];
            dictionaryBytes += offsets[row + 1] - offsets[row];
        }
        HostBuffer dictionaryOffsets = HostBuffer.allocate((distinct + 1L) * 8, "dictionary offsets");
        HostBuffer dictionaryUtf8 = HostBuffer.allocate(dictionaryBytes, "dictionary bytes");
        long at = 0;
        for (int position = 0; position < distinct; position++) {
            int row = firstRows[order[position]];
            int length = (int) (offsets[row + 1] - offsets[row]);
            MemorySegment.copy(bytes, (int) offsets[row], dictionaryUtf8.segment(), Layouts.BYTE, at, length);
            at += length;
            dictionaryOffsets.segment().setAtIndex(Layouts.LONG, position + 1, at);
        }
        Column dictionary = new Column(DataType.VARCHAR, distinct, 0, null, dictionaryOffsets, dictionaryUtf8, null);
        HostBuffer codes = HostBuffer.allocate(rows * 4L, "VARCHAR dictionary codes");
        MemorySegment codeMemory = codes.segment();
        boolean hasNulls = nulls > 0;
        for (int row = 0; row < rows; row++) {
            boolean isNull = hasNulls && (validity[row >> 6] >>> row & 1) == 0;
            codeMemory.setAtIndex(Layouts.INT, row, isNull ? 0 : sortedCode[codeOfRow[row]]);
        }
        return new Column(DataType.VARCHAR, rows, nulls, validityBuffer, codes, null, dictionary);
    }
}
