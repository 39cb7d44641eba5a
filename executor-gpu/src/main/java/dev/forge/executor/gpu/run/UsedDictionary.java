package dev.forge.executor.gpu.run;

import dev.forge.columnar.Bitmaps;
import dev.forge.columnar.Column;
import dev.forge.columnar.ColumnView;
import dev.forge.columnar.DataType;
import dev.forge.columnar.HostBuffer;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The entries of a sorted string dictionary that a result column's codes use, as a dictionary of their own, with the
 * codes renumbered into it. A grouped result of a few hundred thousand rows over a table's 1.5M-entry dictionaries
 * (TPC-H Q10's customer names, addresses and comments) uses a fraction of each: copying only those keeps the bytes
 * copied near the result's size. The used entries keep their order, so the new codes still order like the strings.
 */
final class UsedDictionary {
    private UsedDictionary() {
    }

    /**
     * The used entries of {@code dictionary} (a plain string view without NULLs) as a new dictionary column, after
     * renumbering {@code rows} int32 codes in {@code codes} into it. Rows that {@code validity} (null: none) marks NULL
     * are not looked at and get code 0.
     */
    static Column compact(ColumnView dictionary, MemorySegment codes, long rows, MemorySegment validity) {
        long[] used = new long[Math.toIntExact((dictionary.length() + 63) >>> 6)];
        for (long row = 0; row < rows; row++) {
            if (validity == null || Bitmaps.get(validity, row)) {
                int code = codes.getAtIndex(ValueLayout.JAVA_INT, row);
                used[code >>> 6] |= 1L << code;
            }
        }
        int[] usedBefore = new int[used.length]; // used entries in the words before each word: the new code's base
        int count = 0;
        long byteCount = 0;
        MemorySegment offsets = dictionary.values();
        for (int word = 0; word < used.length; word++) {
            usedBefore[word] = count;
            count += Long.bitCount(used[word]);
            for (long bits = used[word]; bits != 0; bits &= bits - 1) {
                long entry = ((long) word << 6) + Long.numberOfTrailingZeros(bits);
                byteCount += offsets.getAtIndex(ValueLayout.JAVA_LONG, entry + 1)
                        - offsets.getAtIndex(ValueLayout.JAVA_LONG, entry);
            }
        }
        HostBuffer newOffsets = HostBuffer.allocate((count + 1L) * Long.BYTES, "GPU group dictionary offsets");
        HostBuffer newBytes;
        try {
            newBytes = HostBuffer.allocate(Math.max(8, byteCount), "GPU group dictionary bytes");
        } catch (RuntimeException failed) {
            newOffsets.close();
            throw failed;
        }
        copyUsed(dictionary, used, newOffsets.segment(), newBytes.segment());
        for (long row = 0; row < rows; row++) {
            int renumbered = 0;
            if (validity == null || Bitmaps.get(validity, row)) {
                int code = codes.getAtIndex(ValueLayout.JAVA_INT, row);
                renumbered = usedBefore[code >>> 6] + Long.bitCount(used[code >>> 6] & ((1L << code) - 1));
            }
            codes.setAtIndex(ValueLayout.JAVA_INT, row, renumbered);
        }
        return new Column(DataType.VARCHAR, count, 0, null, newOffsets, newBytes, null);
    }

    /** Copies the used entries' bytes in order, writing their offsets (and the end offset) into {@code offsets}. */
    private static void copyUsed(ColumnView dictionary, long[] used, MemorySegment offsets, MemorySegment bytes) {
        MemorySegment oldOffsets = dictionary.values();
        long position = 0;
        long next = 0;
        for (int word = 0; word < used.length; word++) {
            for (long bits = used[word]; bits != 0; bits &= bits - 1) {
                long entry = ((long) word << 6) + Long.numberOfTrailingZeros(bits);
                long start = oldOffsets.getAtIndex(ValueLayout.JAVA_LONG, entry);
                long length = oldOffsets.getAtIndex(ValueLayout.JAVA_LONG, entry + 1) - start;
                offsets.setAtIndex(ValueLayout.JAVA_LONG, next++, position);
                MemorySegment.copy(dictionary.bytes(), start, bytes, position, length);
                position += length;
            }
        }
        offsets.setAtIndex(ValueLayout.JAVA_LONG, next, position);
    }
}
