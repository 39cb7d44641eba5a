package dev.forge.columnar.file;

import dev.forge.columnar.ColumnView;
import dev.forge.columnar.Layouts;
import dev.forge.columnar.PhysicalType;
import dev.forge.columnar.StringLayout;
import dev.forge.columnar.Table;
import dev.forge.columnar.encoding.Encoding;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.zip.CRC32C;

/**
 * Writes a {@link Table} as a {@code .forge} file (layout in {@link FileLayout}). The file is written to a temporary
 * file in the same folder, forced to disk and renamed into place, so a crash leaves either the old file or the whole
 * new one, never half of one.
 */
public final class ForgeFileWriter {
    /** Rows per row group unless told otherwise: 1024 blocks of 1024 values. */
    public static final int DEFAULT_ROW_GROUP_ROWS = 1 << 20;

    private final int rowGroupRows;
    private final Optional<Encoding> forcedEncoding;

    private ForgeFileWriter(int rowGroupRows, Optional<Encoding> forcedEncoding) {
        if (rowGroupRows <= 0 || rowGroupRows % 1024 != 0) {
            throw new IllegalArgumentException("rows per row group must be a positive multiple of 1024 (whole encoded"
                    + " blocks and byte-aligned bitmaps), got " + rowGroupRows);
        }
        this.rowGroupRows = rowGroupRows;
        this.forcedEncoding = forcedEncoding;
    }

    public static ForgeFileWriter withDefaults() {
        return new ForgeFileWriter(DEFAULT_ROW_GROUP_ROWS, Optional.empty());
    }

    public ForgeFileWriter rowGroupRows(int rows) {
        return new ForgeFileWriter(rows, forcedEncoding);
    }

    /** Encodes every word stream with {@code encoding} instead of choosing (for tests and experiments). */
    public ForgeFileWriter forceEncoding(Encoding encoding) {
        return new ForgeFileWriter(rowGroupRows, Optional.of(encoding));
    }

    public void write(Table table, Path path) throws IOException {
        Path target = path.toAbsolutePath();
        Path folder = target.getParent();
        Path temporary = Files.createTempFile(folder, "." + target.getFileName(), ".partial");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                writeTo(table, channel);
                channel.force(true);
            }
            try {
                // createTempFile makes the file owner-only (0600); the finished file should read like any other
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException notPosix) {
                // not a POSIX file system: its default permissions apply
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException notAtomic) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private void writeTo(Table table, FileChannel channel) throws IOException {
        int columns = table.schema().size();
        long rowCount = table.rowCount();
        int groups = Math.toIntExact((rowCount + rowGroupRows - 1) / rowGroupRows);
        int[] groupRows = new int[groups];
        ChunkEntry[] dictionaries = new ChunkEntry[columns];
        ChunkEntry[][] chunks = new ChunkEntry[groups][columns];

        writeFully(channel, ByteBuffer.wrap(header()));
        long position = FileLayout.HEADER_BYTES;
        for (int c = 0; c < columns; c++) {
            ColumnView column = table.column(c).view();
            if (column.physicalType() == PhysicalType.STRING && column.stringLayout() == StringLayout.DICTIONARY) {
                dictionaries[c] = writeChunk(channel, position, ColumnChunkEncoder.dictionary(column.dictionary(), forcedEncoding));
                position += dictionaries[c].length();
            }
        }
        ColumnView[] views = new ColumnView[columns];
        for (int c = 0; c < columns; c++) {
            views[c] = table.column(c).view();
        }
        for (int g = 0; g < groups; g++) {
            long first = (long) g * rowGroupRows;
            int rows = (int) Math.min(rowGroupRows, rowCount - first);
            groupRows[g] = rows;
            // Encoding (sorting for dictionaries, choosing widths) is most of a write and every column's is
            // independent: encode a row group's columns on all cores, then write them in column order, so the file
            // is the same byte for byte as a one-thread write.
            EncodedColumnChunk[] encoded = IntStream.range(0, columns).parallel()
                    .mapToObj(c -> ColumnChunkEncoder.encode(views[c], first, rows, forcedEncoding))
                    .toArray(EncodedColumnChunk[]::new);
            for (int c = 0; c < columns; c++) {
                chunks[g][c] = writeChunk(channel, position, encoded[c]);
                position += chunks[g][c].length();
            }
        }
        byte[] footer = new Footer(table.schema(), rowCount, groupRows, dictionaries, chunks).serialize();
        writeFully(channel, ByteBuffer.wrap(footer));
        ByteBuffer trailer = ByteBuffer.allocate(FileLayout.TRAILER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        trailer.putLong(position).putLong(footer.length).putInt(crc32c(footer)).putInt(FileLayout.FORMAT_VERSION)
                .put(FileLayout.TRAILER_MAGIC).flip();
        writeFully(channel, trailer);
    }

    private static ChunkEntry writeChunk(FileChannel channel, long position, EncodedColumnChunk chunk) throws IOException {
        // Chunk bytes are already padded to 64, so the next chunk starts aligned.
        byte[] bytes = chunk.bytes().toArray(Layouts.BYTE);
        writeFully(channel, ByteBuffer.wrap(bytes));
        return new ChunkEntry(position, bytes.length, crc32c(bytes), chunk.layout().id, chunk.encodingId(),
                chunk.statistics());
    }

    private static byte[] header() {
        ByteBuffer header = ByteBuffer.allocate(FileLayout.HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        header.put(FileLayout.HEADER_MAGIC).putInt(FileLayout.FORMAT_VERSION).putInt(0);
        byte[] bytes = header.array();
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(FileLayout.HEADER_CRC_OFFSET, crc32c(bytes, FileLayout.HEADER_CRC_OFFSET));
        return bytes;
    }

    static int crc32c(byte[] bytes) {
        return crc32c(bytes, bytes.length);
    }

    static int crc32c(byte[] bytes, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, length);
        return (int) crc.getValue();
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }
}
