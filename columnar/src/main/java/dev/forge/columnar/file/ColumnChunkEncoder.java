package dev.forge.columnar.file;

import dev.forge.columnar.Bitmaps;
import dev.forge.columnar.ColumnView;
import dev.forge.columnar.Layouts;
import dev.forge.columnar.PhysicalType;
import dev.forge.columnar.StringLayout;
import dev.forge.columnar.encoding.ChunkEncoder;
import dev.forge.columnar.encoding.ChunkStatistics;
import dev.forge.columnar.encoding.ChunkValues;
import dev.forge.columnar.encoding.Encoding;
import java.lang.foreign.MemorySegment;
import java.util.Optional;

/** Encodes rows {@code [first, first + rows)} of a column into one chunk of the streams its {@link ChunkLayout} names. */
final class ColumnChunkEncoder {
    private ColumnChunkEncoder() {
    }

    /** {@code first} must be a multiple of 8, so the chunk's validity starts at a byte boundary. */
    static EncodedColumnChunk encode(ColumnView column, long first, int rows, Optional<Encoding> forced) {
        MemorySegment validity = validitySlice(column.validity(), first, rows);
        long nullCount = validity.byteSize() == 0 ? 0 : Bitmaps.countClear(validity, rows);
        if (nullCount == 0) {
            validity = MemorySegment.ofArray(new byte[0]);
        }
        PhysicalType physical = column.physicalType();
        return switch (physical) {
            case INT32, INT64, FLOAT32, FLOAT64 -> {
                ChunkValues values = ChunkValues.read(physical, column.values(), first, rows);
                yield words(ChunkLayout.WORDS, validity, values, nullCount, forced);
            }
            case BIT -> new EncodedColumnChunk(StreamTable.assemble(validity, bitSlice(column.values(), first, rows)),
                    ChunkLayout.BITS, -1, ChunkStatistics.withoutRange(rows, nullCount));
            case INT128 -> new EncodedColumnChunk(
                    StreamTable.assemble(validity, column.values().asSlice(first * 16, rows * 16L)),
                    ChunkLayout.INT128, -1, ChunkStatistics.withoutRange(rows, nullCount));
            case STRING -> column.stringLayout() == StringLayout.DICTIONARY
                    ? words(ChunkLayout.STRING_CODES, validity,
                            ChunkValues.read(PhysicalType.INT32, column.values(), first, rows), nullCount, forced)
                    : plainStrings(column, validity, first, rows, nullCount, forced);
        };
    }

    /** A column's string dictionary as one chunk. */
    static EncodedColumnChunk dictionary(ColumnView dictionary, Optional<Encoding> forced) {
        int entries = Math.toIntExact(dictionary.length());
        ChunkValues offsets = ChunkValues.read(PhysicalType.INT64, dictionary.values(), 0, entries + 1);
        MemorySegment bytes = dictionary.bytes().asSlice(0, offsets.get(entries));
        ChunkEncoder.Result encoded = ChunkEncoder.encode(offsets, 0, null, forced);
        return new EncodedColumnChunk(StreamTable.assemble(encoded.chunk().memory(), bytes), ChunkLayout.DICTIONARY,
                encoded.chunk().encoding().id(), ChunkStatistics.withoutRange(entries, 0));
    }

    private static EncodedColumnChunk words(ChunkLayout layout, MemorySegment validity, ChunkValues values, long nullCount,
            Optional<Encoding> forced) {
        boolean[] valid = null;
        if (nullCount > 0) {
            valid = new boolean[values.count()];
            for (int i = 0; i < valid.length; i++) {
                valid[i] = Bitmaps.get(validity, i);
            }
            fillNulls(values, valid);
        }
        ChunkEncoder.Result encoded = ChunkEncoder.encode(values, nullCount, valid, forced);
        return new EncodedColumnChunk(StreamTable.assemble(validity, encoded.chunk().memory()), layout,
                encoded.chunk().encoding().id(), encoded.statistics());
    }

    /**
     * Gives null slots the value of the nearest valid one before them (after, for leading nulls), so nulls neither
     * widen a frame of reference nor break runs, differences or dictionaries.
     */
    private static void fillNulls(ChunkValues values, boolean[] valid) {
        long[] raw = values.values();
        int firstValid = 0;
        while (firstValid < valid.length && !valid[firstValid]) {
            firstValid++;
        }
        long previous = firstValid < valid.length ? raw[firstValid] : 0;
        for (int i = 0; i < valid.length; i++) {
            if (valid[i]) {
                previous = raw[i];
            } else {
                raw[i] = previous;
            }
        }
    }

    private static EncodedColumnChunk plainStrings(ColumnView column, MemorySegment validity, long first, int rows,
            long nullCount, Optional<Encoding> forced) {
        long start = column.values().getAtIndex(Layouts.LONG, first);
        long[] offsets = new long[rows + 1];
        for (int i = 0; i <= rows; i++) {
            offsets[i] = column.values().getAtIndex(Layouts.LONG, first + i) - start;
        }
        MemorySegment bytes = column.bytes().asSlice(start, offsets[rows]);
        ChunkEncoder.Result encoded = ChunkEncoder.encode(ChunkValues.of(PhysicalType.INT64, offsets, rows + 1), 0, null,
                forced);
        return new EncodedColumnChunk(StreamTable.assemble(validity, encoded.chunk().memory(), bytes),
                ChunkLayout.STRING_PLAIN, encoded.chunk().encoding().id(), ChunkStatistics.withoutRange(rows, nullCount));
    }

    private static MemorySegment validitySlice(MemorySegment validity, long first, int rows) {
        return validity == null ? MemorySegment.ofArray(new byte[0]) : bitSlice(validity, first, rows);
    }

    /** Bits {@code [first, first + rows)} as a fresh bitmap, with the unused bits of its last byte cleared. */
    private static MemorySegment bitSlice(MemorySegment bitmap, long first, int rows) {
        MemorySegment slice = MemorySegment.ofArray(bitmap.asSlice(first >>> 3, Bitmaps.byteSize(rows)).toArray(Layouts.BYTE));
        if (rows % 8 != 0) {
            long last = slice.byteSize() - 1;
            slice.set(Layouts.BYTE, last, (byte) (slice.get(Layouts.BYTE, last) & ((1 << (rows % 8)) - 1)));
        }
        return slice;
    }
}
