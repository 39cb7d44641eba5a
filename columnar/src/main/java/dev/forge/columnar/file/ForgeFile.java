package dev.forge.columnar.file;

import dev.forge.columnar.Column;
import dev.forge.columnar.ColumnsInParallel;
import dev.forge.columnar.Field;
import dev.forge.columnar.HostBuffer;
import dev.forge.columnar.Layouts;
import dev.forge.columnar.PhysicalType;
import dev.forge.columnar.Schema;
import dev.forge.columnar.Table;
import dev.forge.columnar.encoding.EncodedChunk;
import dev.forge.cuda.LeakTracker;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import java.util.zip.CRC32C;

/**
 * An open {@code .forge} file, memory-mapped: {@link #open} checks the header, trailer and footer; each chunk's
 * checksum is checked the first time the chunk is used, so no bad byte is ever returned as data. Chunks can be used
 * where they lie ({@link #encodedChunk}, e.g. to copy to the GPU) or decoded into owned columns ({@link #readTable}).
 * Threads may share an open file: the worst a race does is check a chunk's checksum twice.
 */
public final class ForgeFile implements AutoCloseable {
    private final Path path;
    private final Arena arena;
    private final MemorySegment mapped;
    private final Footer footer;
    private final boolean[][] verified;
    private final boolean[] dictionaryVerified;
    private final LeakTracker.Registration registration;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ForgeFile(Path path, Arena arena, MemorySegment mapped, Footer footer) {
        this.path = path;
        this.arena = arena;
        this.mapped = mapped;
        this.footer = footer;
        this.verified = new boolean[footer.rowGroupRows().length][footer.schema().size()];
        this.dictionaryVerified = new boolean[footer.schema().size()];
        this.registration = LeakTracker.register("mapped file", mapped.byteSize(), path.toString());
    }

    public static ForgeFile open(Path path) throws IOException {
        Arena arena = Arena.ofShared();
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            long minimum = FileLayout.HEADER_BYTES + FileLayout.TRAILER_BYTES;
            if (size < minimum) {
                throw new ForgeFileException(path, "truncated: " + size + " bytes, but a .forge file has at least " + minimum);
            }
            MemorySegment mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
            Footer footer = FileValidator.readFooter(path, mapped);
            return new ForgeFile(path, arena, mapped, footer);
        } catch (IOException | RuntimeException failed) {
            arena.close();
            throw failed;
        }
    }

    public Path path() {
        return path;
    }

    public Schema schema() {
        return footer.schema();
    }

    public long rowCount() {
        return footer.rowCount();
    }

    public int rowGroupCount() {
        return footer.rowGroupRows().length;
    }

    public int rowGroupRows(int rowGroup) {
        return footer.rowGroupRows()[rowGroup];
    }

    /** The footer's entry (place, checksum, encoding, statistics) for one chunk. */
    public ChunkEntry chunkEntry(int rowGroup, int column) {
        return footer.chunks()[rowGroup][column];
    }

    /**
     * The encoded values of a chunk of a numeric, date, timestamp or dictionary-string column, as a view of the
     * mapped file (no copy), after checking the chunk's checksum.
     */
    public EncodedChunk encodedChunk(int rowGroup, int column) throws ForgeFileException {
        ChunkLayout layout = layoutOf(rowGroup, column);
        if (layout != ChunkLayout.WORDS && layout != ChunkLayout.STRING_CODES) {
            throw new IllegalArgumentException("column '" + schema().field(column).name() + "' is stored as " + layout
                    + ", not as one encoded chunk");
        }
        return ChunkDecoding.parseEncoded(this, streams(rowGroup, column)[1], "row group " + rowGroup + ", column '"
                + schema().field(column).name() + "'");
    }

    /**
     * Checks every chunk's checksum now, the chunks on all cores; a damaged file reports the first damaged chunk of
     * column 0's dictionary and row groups, then column 1's, and so on.
     */
    public void verify() throws ForgeFileException {
        int perColumn = rowGroupCount() + 1; // the dictionary, then the row groups
        Optional<ForgeFileException> damaged = IntStream.range(0, schema().size() * perColumn).parallel()
                .mapToObj(index -> {
                    int column = index / perColumn;
                    int rowGroup = index % perColumn - 1;
                    try {
                        if (rowGroup >= 0) {
                            streams(rowGroup, column);
                        } else if (footer.dictionaries()[column] != null) {
                            dictionaryStreams(column);
                        }
                        return Optional.<ForgeFileException>empty();
                    } catch (ForgeFileException corrupt) {
                        return Optional.of(corrupt);
                    }
                })
                .flatMap(Optional::stream).findFirst();
        if (damaged.isPresent()) {
            throw damaged.get();
        }
    }

    /**
     * Decodes every column into a table the caller owns, the columns concurrently (a second start of Forge waits on
     * this); a damaged file reports its lowest-numbered damaged column, as a column-at-a-time read would.
     */
    public Table readTable() throws ForgeFileException {
        return new Table(schema(), ColumnsInParallel.make(schema().size(), this::readColumn));
    }

    /** Decodes one column of every row group into a new column the caller owns. */
    public Column readColumn(int column) throws ForgeFileException {
        return ChunkDecoding.readColumn(this, column);
    }

    ChunkLayout layoutOf(int rowGroup, int column) {
        return ChunkLayout.fromId(chunkEntry(rowGroup, column).layoutId()); // checked at open
    }

    Footer footer() {
        return footer;
    }

    /** The streams of a chunk, after its checksum is checked. */
    MemorySegment[] streams(int rowGroup, int column) throws ForgeFileException {
        ChunkEntry entry = chunkEntry(rowGroup, column);
        String what = "row group " + rowGroup + ", column '" + schema().field(column).name() + "'";
        if (!verified[rowGroup][column]) {
            checkCrc(entry, what);
            verified[rowGroup][column] = true;
        }
        return parseStreams(entry, what);
    }

    MemorySegment[] dictionaryStreams(int column) throws ForgeFileException {
        ChunkEntry entry = footer.dictionaries()[column];
        String what = "dictionary of column '" + schema().field(column).name() + "'";
        if (!dictionaryVerified[column]) {
            checkCrc(entry, what);
            dictionaryVerified[column] = true;
        }
        return parseStreams(entry, what);
    }

    private MemorySegment[] parseStreams(ChunkEntry entry, String what) throws ForgeFileException {
        ChunkLayout layout = ChunkLayout.fromId(entry.layoutId());
        try {
            return StreamTable.parse(chunkMemory(entry), layout.streamCount);
        } catch (IllegalStateException invalid) {
            throw corrupt(what + ": " + invalid.getMessage());
        }
    }

    private void checkCrc(ChunkEntry entry, String what) throws ForgeFileException {
        CRC32C crc = new CRC32C();
        crc.update(chunkMemory(entry).asByteBuffer().order(ByteOrder.LITTLE_ENDIAN));
        if ((int) crc.getValue() != entry.crc32c()) {
            throw corrupt(what + ": checksum mismatch in bytes [" + entry.offset() + ", " + (entry.offset() + entry.length())
                    + ") (stored " + Integer.toHexString(entry.crc32c()) + ", computed "
                    + Integer.toHexString((int) crc.getValue()) + "); the file is damaged");
        }
    }

    private MemorySegment chunkMemory(ChunkEntry entry) {
        requireOpen();
        return mapped.asSlice(entry.offset(), entry.length());
    }

    ForgeFileException corrupt(String problem) {
        return new ForgeFileException(path, problem);
    }

    private void requireOpen() {
        if (closed.get()) {
            throw new IllegalStateException(path + " was already closed");
        }
    }

    /** Unmaps the file; views from {@link #encodedChunk} end with it, columns read from it do not. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            registration.release();
            arena.close();
        }
    }

    /** Checks of the fixed parts and of the footer's consistency, done once at open. */
    static final class FileValidator {
        private FileValidator() {
        }

        static Footer readFooter(Path path, MemorySegment file) throws ForgeFileException {
            long size = file.byteSize();
            byte[] header = file.asSlice(0, FileLayout.HEADER_BYTES).toArray(Layouts.BYTE);
            if (!Arrays.equals(header, 0, 8, FileLayout.HEADER_MAGIC, 0, 8)) {
                throw new ForgeFileException(path, "not a .forge file: it does not start with \"FORGECOL\"");
            }
            int version = file.get(Layouts.INT, 8);
            if (version > FileLayout.FORMAT_VERSION || version < 0) {
                throw new ForgeFileException(path, "written in .forge format version " + Integer.toUnsignedString(version)
                        + ", but this Forge reads versions up to " + FileLayout.FORMAT_VERSION
                        + ": open it with a newer Forge");
            }
            if (version == 0) {
                throw new ForgeFileException(path, "header names format version 0, which never existed: the file is damaged");
            }
            if (ForgeFileWriter.crc32c(header, FileLayout.HEADER_CRC_OFFSET) != file.get(Layouts.INT, FileLayout.HEADER_CRC_OFFSET)) {
                throw new ForgeFileException(path, "header checksum mismatch: the file is damaged");
            }
            long trailer = size - FileLayout.TRAILER_BYTES;
            byte[] endMagic = file.asSlice(trailer + 24, 8).toArray(Layouts.BYTE);
            if (!Arrays.equals(endMagic, FileLayout.TRAILER_MAGIC)) {
                throw new ForgeFileException(path, "truncated or damaged: the last 8 bytes are not \"FORGEEND\"");
            }
            long footerOffset = file.get(Layouts.LONG, trailer);
            long footerLength = file.get(Layouts.LONG, trailer + 8);
            int footerCrc = file.get(Layouts.INT, trailer + 16);
            int trailerVersion = file.get(Layouts.INT, trailer + 20);
            if (trailerVersion != version) {
                throw new ForgeFileException(path, "trailer names format version " + trailerVersion + " but the header "
                        + version + ": the file is damaged");
            }
            if (footerOffset < FileLayout.HEADER_BYTES || footerLength < 0 || footerLength > Integer.MAX_VALUE
                    || footerOffset != trailer - footerLength) {
                throw new ForgeFileException(path, "trailer places the footer at [" + footerOffset + ", +" + footerLength
                        + "), which does not end where the trailer starts (" + trailer + "): truncated or damaged");
            }
            byte[] footerBytes = file.asSlice(footerOffset, footerLength).toArray(Layouts.BYTE);
            if (ForgeFileWriter.crc32c(footerBytes) != footerCrc) {
                throw new ForgeFileException(path, "footer checksum mismatch: the file is damaged");
            }
            Footer footer;
            try {
                footer = Footer.parse(footerBytes);
            } catch (IllegalStateException invalid) {
                throw new ForgeFileException(path, "footer is invalid: " + invalid.getMessage());
            }
            checkChunks(path, footer, footerOffset);
            return footer;
        }

        /** Chunks must tile the bytes between header and footer exactly, with layouts that fit their columns. */
        private static void checkChunks(Path path, Footer footer, long footerOffset) throws ForgeFileException {
            int[] groupRows = footer.rowGroupRows();
            for (int g = 0; g + 1 < groupRows.length; g++) {
                // Whole blocks per group keep bitmaps byte-aligned and encoded blocks whole when groups are joined.
                if (groupRows[g] == 0 || groupRows[g] % 1024 != 0) {
                    throw new ForgeFileException(path, "row group " + g + " has " + groupRows[g]
                            + " rows; every row group but the last holds a positive multiple of 1024");
                }
            }
            List<ChunkEntry> entries = new ArrayList<>();
            Schema schema = footer.schema();
            for (int c = 0; c < schema.size(); c++) {
                ChunkEntry dictionary = footer.dictionaries()[c];
                if (dictionary != null) {
                    requireLayout(path, schema.field(c), dictionary, ChunkLayout.DICTIONARY, "its dictionary");
                    entries.add(dictionary);
                }
            }
            for (int g = 0; g < footer.rowGroupRows().length; g++) {
                for (int c = 0; c < schema.size(); c++) {
                    ChunkEntry entry = footer.chunks()[g][c];
                    Field field = schema.field(c);
                    ChunkLayout expected = expectedLayout(field, footer.dictionaries()[c] != null);
                    requireLayout(path, field, entry, expected, "row group " + g);
                    if (entry.statistics().count() != footer.rowGroupRows()[g]
                            || entry.statistics().nullCount() < 0
                            || entry.statistics().nullCount() > entry.statistics().count()
                            || (!field.nullable() && entry.statistics().nullCount() > 0)) {
                        throw new ForgeFileException(path, "row group " + g + ", column '" + field.name() + "': "
                                + entry.statistics().count() + " values with " + entry.statistics().nullCount()
                                + " nulls do not fit a row group of " + footer.rowGroupRows()[g] + " rows");
                    }
                    entries.add(entry);
                }
            }
            entries.sort(Comparator.comparingLong(ChunkEntry::offset));
            long expectedOffset = FileLayout.HEADER_BYTES;
            for (ChunkEntry entry : entries) {
                if (entry.offset() != expectedOffset || entry.length() <= 0 || entry.length() % HostBuffer.ALIGNMENT != 0) {
                    throw new ForgeFileException(path, "chunk at [" + entry.offset() + ", +" + entry.length()
                            + ") does not follow the previous one at " + expectedOffset + " in whole 64-byte units");
                }
                expectedOffset += entry.length();
            }
            if (expectedOffset != footerOffset) {
                throw new ForgeFileException(path, "chunks end at " + expectedOffset + " but the footer starts at "
                        + footerOffset);
            }
        }

        private static ChunkLayout expectedLayout(Field field, boolean hasDictionary) {
            PhysicalType physical = field.type().physicalType();
            return switch (physical) {
                case INT32, INT64, FLOAT32, FLOAT64 -> ChunkLayout.WORDS;
                case BIT -> ChunkLayout.BITS;
                case INT128 -> ChunkLayout.INT128;
                case STRING -> hasDictionary ? ChunkLayout.STRING_CODES : ChunkLayout.STRING_PLAIN;
            };
        }

        private static void requireLayout(Path path, Field field, ChunkEntry entry, ChunkLayout expected, String where)
                throws ForgeFileException {
            if (entry.layoutId() != expected.id) {
                ChunkLayout actual = ChunkLayout.fromId(entry.layoutId());
                throw new ForgeFileException(path, "column '" + field.name() + "' (" + field.type() + "), " + where
                        + ": chunk layout " + (actual == null ? "id " + entry.layoutId() : actual) + ", expected " + expected);
            }
        }
    }
}
