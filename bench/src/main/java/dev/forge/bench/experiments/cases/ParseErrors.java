package dev.forge.bench.experiments.cases;

import dev.forge.columnar.Schema;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Optional;

/**
 * What the GPU parser reported about bad rows (text_rows.cuh's ParseErrors, 16 bytes): how many, and the first one,
 * packed as (row << 16) | (column << 8) | code, all ones when there was none.
 *
 * @param badRows rows (or lines beyond the capacity) the GPU rejected
 * @param firstRow 0-based row of the first bad one, -1 when none
 * @param column 0-based column of the first bad row, or {@link #WHOLE_ROW}
 */
record ParseErrors(long badRows, long firstRow, int column, ParseError error) {
    static final long BYTES = 16;
    static final int WHOLE_ROW = 255;
    /** The bytes of a record with no error yet: first all ones, count zero (the GPU fills it so before a parse). */
    static final byte FIRST_UNSET_BYTE = (byte) 0xFF;

    static ParseErrors read(MemorySegment record) {
        long first = record.get(ValueLayout.JAVA_LONG, 0);
        long count = record.get(ValueLayout.JAVA_LONG, 8);
        if (first == -1L) {
            return new ParseErrors(count, -1, WHOLE_ROW, ParseError.OK);
        }
        return new ParseErrors(count, first >>> 16, (int) (first >>> 8 & 0xFF),
                ParseError.ofCode((int) (first & 0xFF)));
    }

    /** "3 bad rows; the first is line 17, column 'price': ..." or empty when the GPU found none. */
    Optional<String> describe(Schema schema) {
        if (badRows == 0 && error == ParseError.OK) {
            return Optional.empty();
        }
        String where = column == WHOLE_ROW ? "" : ", column '" + (column < schema.size() ? schema.field(column).name()
                : "#" + (column + 1)) + "'";
        return Optional.of(badRows + " bad row" + (badRows == 1 ? "" : "s") + "; the first is line " + (firstRow + 1)
                + where + ": " + error.meaning());
    }
}
