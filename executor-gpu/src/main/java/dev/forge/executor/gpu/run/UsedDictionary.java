package dev.forge.executor.gpu.run;

import dev.forge.columnar.Bitmaps;
import dev.forge.columnar.Column;
import dev.forge.columnar.ColumnView;
import dev.forge.columnar.DataType;
import dev.forge.columnar.HostBuffer;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * The dictionary of a result column (groups read back, or rows a kernel materialized) whose int32 codes index a table's
 * sorted string dictionary: the entries its codes use, as a dictionary of its own that keeps their order (so codes
 * still order like the strings), with the codes renumbered into it. How depends on the dictionary's size against the
 * rows, so that the work stays near the result's size whichever is larger:
 * <ul>
 * <li>no larger than the rows (TPC-H Q16's 150 part types over millions of groups): the whole dictionary, copied, and
 *     the codes left as they are. Marking and renumbering row by row cost more than the entries, and took 10-250 ms a
 *     run on the H100 machine's host;</li>
 * <li>up to {@value #ENTRIES_PER_ROW_FOR_BITMAP} entries a row (Q10's 1.5M customer names over 381K groups): one bit
 *     per entry marks the used ones, and a code's new number is the count of marked bits before it;</li>
 * <li>larger still (Q20's 8M partsupp comments over the groups its HAVING keeps): the used codes, sorted, with a
 *     binary search per row, so no pass over the entries at all.</li>
 * </ul>
 */
final class UsedDictionary {
    /** Above this many dictionary entries per row, a bitmap over the entries costs more than sorting the codes. */
    static final long ENTRIES_PER_ROW_FOR_BITMAP = 16;

    private UsedDictionary() {
    }

    /**
     * The dictionary for {@code rows} int32 codes in {@code codes} that index {@code dictionary} (a plain string view
     * without NULLs), after renumbering the codes into it where it is not the whole dictionary. Rows that {@code
     * validity} (null: none) marks NULL are not looked at; where codes are renumbered they get code 0.
     */
    static Column compact(ColumnView dictionary, MemorySegment codes, long rows, MemorySegment validity) {
        long entries = dictionary.length();
        if (entries <= rows) {
            return copy(dictionary, null);
        }
        if (entries <= ENTRIES_PER_ROW_FOR_BITMAP * rows) {
            return byBitmap(dictionary, codes, rows, validity);
        }
        return bySortedCodes(dictionary, codes, rows, validity);
    }

    private static Column byBitmap(ColumnView dictionary, MemorySegment codes, long rows, MemorySegment validity) {
        long[] used = new long[Math.toIntExact((dictionary.length() + 63) >>> 6)];
        for (long row = 0; row < rows; row++) {
            if (validity == null || Bitmaps.get(validity, row)) {
                int code = codes.getAtIndex(ValueLayout.JAVA_INT, row);
                used[code >>> 6] |= 1L << code;
            }
        }
        int[] usedBefore = new int[used.length]; // used entries in the words before each word: the new code's base
        int count = 0;
        for (int word = 0; word < used.length; word++) {
            usedBefore[word] = count;
            count += Long.bitCount(used[word]);
        }
        int[] kept = new int[count];
        int next = 0;
        for (int word = 0; word < used.length; word++) {
            for (long bits = used[word]; bits != 0; bits &= bits - 1) {
                kept[next++] = (word << 6) + Long.numberOfTrailingZeros(bits);
            }
        }
        Column compacted = copy(dictionary, kept);
        for (long row = 0; row < rows; row++) {
            int renumbered = 0;
            if (validity == null || Bitmaps.get(validity, row)) {
                int code = codes.getAtIndex(ValueLayout.JAVA_INT, row);
                renumbered = usedBefore[code >>> 6] + Long.bitCount(used[code >>> 6] & ((1L << code) - 1));
            }
            codes.setAtIndex(ValueLayout.JAVA_INT, row, renumbered);
        }
        return compacted;
    }

    private static Column bySortedCodes(ColumnView dictionary, MemorySegment codes, long rows,
            MemorySegment validity) {
        int[] used = new int[Math.toIntExact(rows)];
        int valid = 0;
        for (long row = 0; row < rows; row++) {
            if (validity == null || Bitmaps.get(validity, row)) {
                used[valid++] = codes.getAtIndex(ValueLayout.JAVA_INT, row);
            }
        }
        Arrays.parallelSort(used, 0, valid);
        int distinct = 0;
        for (int i = 0; i < valid; i++) {
            if (distinct == 0 || used[distinct - 1] != used[i]) {
                used[distinct++] = used[i];
            }
        }
        int[] kept = Arrays.copyOf(used, distinct);
        Column compacted = copy(dictionary, kept);
        for (long row = 0; row < rows; row++) {
            int renumbered = validity == null || Bitmaps.get(validity, row)
                    ? Arrays.binarySearch(kept, codes.getAtIndex(ValueLayout.JAVA_INT, row)) : 0;
            codes.setAtIndex(ValueLayout.JAVA_INT, row, renumbered);
        }
        return compacted;
    }

    /** A new dictionary of the entries {@code kept} names (ascending codes), or of every entry where it is null. */
    private static Column copy(ColumnView dictionary, int[] kept) {
        MemorySegment oldOffsets = dictionary.values();
        long count = kept == null ? dictionary.length() : kept.length;
        long byteCount = 0;
        for (long i = 0; i < count; i++) {
            long entry = kept == null ? i : kept[(int) i];
            byteCount += oldOffsets.getAtIndex(ValueLayout.JAVA_LONG, entry + 1)
                    - oldOffsets.getAtIndex(ValueLayout.JAVA_LONG, entry);
        }
        HostBuffer newOffsets = HostBuffer.allocate((count + 1) * Long.BYTES, "GPU group dictionary offsets");
        HostBuffer newBytes;
        try {
            newBytes = HostBuffer.allocate(Math.max(8, byteCount), "GPU group dictionary bytes");
        } catch (RuntimeException failed) {
            newOffsets.close();
            throw failed;
        }
        MemorySegment offsets = newOffsets.segment();
        long position = 0;
        for (long i = 0; i < count; i++) {
            long entry = kept == null ? i : kept[(int) i];
            long start = oldOffsets.getAtIndex(ValueLayout.JAVA_LONG, entry);
            long length = oldOffsets.getAtIndex(ValueLayout.JAVA_LONG, entry + 1) - start;
            offsets.setAtIndex(ValueLayout.JAVA_LONG, i, position);
            MemorySegment.copy(dictionary.bytes(), start, newBytes.segment(), position, length);
            position += length;
        }
        offsets.setAtIndex(ValueLayout.JAVA_LONG, count, position);
        return new Column(DataType.VARCHAR, count, 0, null, newOffsets, newBytes, null);
    }
}
