package dev.forge.columnar.file;

import dev.forge.columnar.Bitmaps;
import dev.forge.columnar.Column;
import dev.forge.columnar.DataType;
import dev.forge.columnar.Field;
import dev.forge.columnar.HostBuffer;
import dev.forge.columnar.Layouts;
import dev.forge.columnar.PhysicalType;
import dev.forge.columnar.encoding.ChunkDecoder;
import dev.forge.columnar.encoding.EncodedChunk;
import dev.forge.columnar.encoding.InvalidChunkException;
import java.lang.foreign.MemorySegment;

/**
 * Decodes a column of a {@link ForgeFile}, row group by row group, into one owned {@link Column}; every stream is
 * checked against what the footer says before it is used, and any mismatch names the file, column and row group.
 */
final class ChunkDecoding {
    private ChunkDecoding() {
    }

    static EncodedChunk parseEncoded(ForgeFile file, MemorySegment stream, String where) throws ForgeFileException {
        try {
            return EncodedChunk.parse(stream);
        } catch (InvalidChunkException invalid) {
            throw file.corrupt(where + ": " + invalid.getMessage());
        }
    }

    static Column readColumn(ForgeFile file, int column) throws ForgeFileException {
        Field field = file.schema().field(column);
        long rows = file.rowCount();
        PhysicalType physical = field.type().physicalType();
        boolean anyNulls = false;
        long nullCount = 0;
        for (int g = 0; g < file.rowGroupCount(); g++) {
            long nulls = file.chunkEntry(g, column).statistics().nullCount();
            anyNulls |= nulls > 0;
            nullCount += nulls;
        }
        Column dictionary = null;
        HostBuffer validity = null;
        HostBuffer values = null;
        HostBuffer bytes = null;
        try {
            if (file.footer().dictionaries()[column] != null) {
                dictionary = readDictionary(file, column);
            }
            validity = anyNulls ? HostBuffer.allocate(Bitmaps.byteSize(rows), field.name() + " validity") : null;
            values = HostBuffer.allocate(valueBytes(physical, dictionary != null, rows), field.name() + " values");
            if (physical == PhysicalType.STRING && dictionary == null) {
                bytes = HostBuffer.allocate(totalStringBytes(file, column), field.name() + " bytes");
            }
            long first = 0;
            long byteBase = 0;
            for (int g = 0; g < file.rowGroupCount(); g++) {
                int groupRows = file.rowGroupRows(g);
                String where = "row group " + g + ", column '" + field.name() + "'";
                MemorySegment[] streams = file.streams(g, column);
                copyValidity(file, streams[0], validity, first, groupRows, file.chunkEntry(g, column).statistics().nullCount(), where);
                switch (file.layoutOf(g, column)) {
                    case WORDS -> decodeWords(file, streams[1], physical.valueBytes(), values.segment(), first, groupRows, where);
                    case STRING_CODES -> {
                        decodeWords(file, streams[1], 4, values.segment(), first, groupRows, where);
                        checkCodes(file, values.segment(), first, groupRows, dictionary.length(), where);
                    }
                    case BITS -> copyExact(file, streams[1], Bitmaps.byteSize(groupRows), values.segment(), first >>> 3, where, "booleans");
                    case INT128 -> copyExact(file, streams[1], groupRows * 16L, values.segment(), first * 16, where, "decimals");
                    case STRING_PLAIN -> byteBase = decodePlainStrings(file, streams, values.segment(), bytes.segment(), first,
                            groupRows, byteBase, where);
                    case DICTIONARY -> throw file.corrupt(where + ": a dictionary chunk stands where values belong");
                }
                first += groupRows;
            }
            return new Column(field.type(), rows, nullCount, validity, values, bytes, dictionary);
        } catch (ForgeFileException | RuntimeException failed) {
            for (AutoCloseable owned : new AutoCloseable[] {dictionary, validity, values, bytes}) {
                closeQuietly(owned);
            }
            throw failed;
        }
    }

    private static long valueBytes(PhysicalType physical, boolean dictionary, long rows) {
        return switch (physical) {
            case BIT -> Bitmaps.byteSize(rows);
            case INT32, INT64, FLOAT32, FLOAT64, INT128 -> rows * physical.valueBytes();
            case STRING -> dictionary ? rows * 4 : (rows + 1) * 8;
        };
    }

    private static long totalStringBytes(ForgeFile file, int column) throws ForgeFileException {
        long total = 0;
        for (int g = 0; g < file.rowGroupCount(); g++) {
            total += file.streams(g, column)[2].byteSize();
        }
        return total;
    }

    private static void copyValidity(ForgeFile file, MemorySegment stream, HostBuffer validity, long first, int rows,
            long expectedNulls, String where) throws ForgeFileException {
        if (validity == null) {
            if (stream.byteSize() != 0) {
                throw file.corrupt(where + ": a validity bitmap in a column the footer says has no nulls");
            }
            return;
        }
        MemorySegment target = validity.segment().asSlice(first >>> 3, Bitmaps.byteSize(rows));
        if (stream.byteSize() == 0) {
            if (expectedNulls != 0) {
                throw file.corrupt(where + ": " + expectedNulls + " nulls but no validity bitmap");
            }
            Bitmaps.setAll(target, rows);
            return;
        }
        copyExact(file, stream, Bitmaps.byteSize(rows), validity.segment(), first >>> 3, where, "validity");
        long nulls = Bitmaps.countClear(target, rows);
        if (nulls != expectedNulls) {
            throw file.corrupt(where + ": validity bitmap has " + nulls + " nulls, the footer says " + expectedNulls);
        }
    }

    private static void decodeWords(ForgeFile file, MemorySegment stream, int valueBytes, MemorySegment values,
            long first, int rows, String where) throws ForgeFileException {
        EncodedChunk chunk = parseEncoded(file, stream, where);
        if (chunk.count() != rows || chunk.valueBytes() != valueBytes) {
            throw file.corrupt(where + ": encoded chunk holds " + chunk.count() + " values of " + chunk.valueBytes()
                    + " bytes, expected " + rows + " of " + valueBytes);
        }
        ChunkDecoder.decode(chunk, values.asSlice(first * valueBytes, (long) rows * valueBytes));
    }

    private static void checkCodes(ForgeFile file, MemorySegment codes, long first, int rows, long dictionarySize,
            String where) throws ForgeFileException {
        for (long i = first; i < first + rows; i++) {
            int code = codes.getAtIndex(Layouts.INT, i);
            if (code < 0 || (code >= dictionarySize && dictionarySize > 0) || (dictionarySize == 0 && code != 0)) {
                throw file.corrupt(where + ": dictionary code " + code + " at row " + i + " is outside the dictionary of "
                        + dictionarySize + " strings");
            }
        }
    }

    private static void copyExact(ForgeFile file, MemorySegment stream, long expectedBytes, MemorySegment target,
            long targetOffset, String where, String what) throws ForgeFileException {
        if (stream.byteSize() != expectedBytes) {
            throw file.corrupt(where + ": " + what + " stream is " + stream.byteSize() + " bytes, expected " + expectedBytes);
        }
        MemorySegment.copy(stream, 0, target, targetOffset, expectedBytes);
    }

    /** Decodes a chunk's offsets into the column's, shifted by the bytes of earlier chunks; returns the new total. */
    private static long decodePlainStrings(ForgeFile file, MemorySegment[] streams, MemorySegment offsets,
            MemorySegment bytes, long first, int rows, long byteBase, String where) throws ForgeFileException {
        EncodedChunk chunk = parseEncoded(file, streams[1], where);
        if (chunk.count() != rows + 1 || chunk.valueBytes() != 8) {
            throw file.corrupt(where + ": string offsets chunk holds " + chunk.count() + " values, expected " + (rows + 1));
        }
        long[] local = ChunkDecoder.decodeToLongs(chunk);
        long length = streams[2].byteSize();
        long previous = 0;
        for (int i = 0; i <= rows; i++) {
            if (local[i] < previous || local[i] > length || (i == 0 && local[0] != 0)) {
                throw file.corrupt(where + ": string offset " + local[i] + " at row " + (first + i)
                        + " does not ascend within the chunk's " + length + " bytes");
            }
            previous = local[i];
        }
        if (previous != length) {
            throw file.corrupt(where + ": string offsets end at " + previous + " but the chunk has " + length + " bytes");
        }
        for (int i = 0; i <= rows; i++) {
            offsets.setAtIndex(Layouts.LONG, first + i, byteBase + local[i]);
        }
        MemorySegment.copy(streams[2], 0, bytes, byteBase, length);
        return byteBase + length;
    }

    private static Column readDictionary(ForgeFile file, int column) throws ForgeFileException {
        String where = "dictionary of column '" + file.schema().field(column).name() + "'";
        MemorySegment[] streams = file.dictionaryStreams(column);
        EncodedChunk chunk = parseEncoded(file, streams[0], where);
        long entries = file.footer().dictionaries()[column].statistics().count();
        if (chunk.count() != entries + 1 || chunk.valueBytes() != 8) {
            throw file.corrupt(where + ": offsets chunk holds " + chunk.count() + " values, expected " + (entries + 1));
        }
        HostBuffer offsets = HostBuffer.allocate((entries + 1) * 8, where + " offsets");
        HostBuffer bytes = null;
        try {
            ChunkDecoder.decode(chunk, offsets.segment());
            long previous = 0;
            for (long i = 0; i <= entries; i++) {
                long offset = offsets.segment().getAtIndex(Layouts.LONG, i);
                if (offset < previous || offset > streams[1].byteSize() || (i == 0 && offset != 0)) {
                    throw file.corrupt(where + ": offset " + offset + " of entry " + i + " is out of order or range");
                }
                previous = offset;
            }
            if (previous != streams[1].byteSize()) {
                throw file.corrupt(where + ": offsets end at " + previous + " but the dictionary has "
                        + streams[1].byteSize() + " bytes");
            }
            bytes = HostBuffer.copyOf(streams[1], where + " bytes");
        } catch (ForgeFileException | RuntimeException failed) {
            offsets.close();
            throw failed;
        }
        return new Column(DataType.VARCHAR, entries, 0, null, offsets, bytes, null);
    }

    private static void closeQuietly(AutoCloseable owned) {
        if (owned != null) {
            try {
                owned.close();
            } catch (Exception ignored) {
                // already failing; the first error is the one to report
            }
        }
    }
}
