package dev.forge.columnar.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forge.columnar.NullPattern;
import dev.forge.columnar.Table;
import dev.forge.cuda.testing.NativeLeakCheck;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Damaged files are rejected with a {@link ForgeFileException} naming the file; none returns data or crashes. */
@ExtendWith(NativeLeakCheck.class)
class CorruptFileTest {
    @TempDir
    Path folder;

    private Path good;
    private byte[] bytes;

    @BeforeEach
    void writeGoodFile() throws IOException {
        good = folder.resolve("good.forge");
        try (Table table = ForgeFileRoundTripTest.table(1100, NullPattern.RANDOM, 12)) {
            ForgeFileWriter.withDefaults().rowGroupRows(1024).write(table, good);
        }
        bytes = Files.readAllBytes(good);
        try (ForgeFile file = ForgeFile.open(good); Table table = file.readTable()) {
            assertThat(table.rowCount()).isEqualTo(1100); // the undamaged file reads
        }
    }

    @Test
    void everyTruncationIsRejected() throws IOException {
        Path damaged = folder.resolve("truncated.forge");
        for (int length = 0; length < bytes.length; length += length < 200 || length > bytes.length - 200 ? 1 : 257) {
            Files.write(damaged, Arrays.copyOf(bytes, length));
            assertRejected(damaged, "truncated to " + length + " bytes");
        }
        Files.write(damaged, Arrays.copyOf(bytes, 40));
        assertThatThrownBy(() -> readAll(damaged)).hasMessageContaining("truncated").hasMessageContaining("truncated.forge");
    }

    /** Columns are decoded and checked together, yet a file damaged in two columns always names the first of them. */
    @Test
    void twoDamagedColumnsNameTheFirst() throws IOException {
        ChunkEntry earlier;
        ChunkEntry later;
        String earlierName;
        try (ForgeFile file = ForgeFile.open(good)) {
            earlier = file.chunkEntry(0, 1);
            later = file.chunkEntry(0, file.schema().size() - 1);
            earlierName = file.schema().field(1).name();
        }
        byte[] copy = bytes.clone();
        copy[Math.toIntExact(earlier.offset()) + 8] ^= 1;
        copy[Math.toIntExact(later.offset()) + 8] ^= 1;
        Path damaged = folder.resolve("two-columns.forge");
        Files.write(damaged, copy);
        for (int attempt = 0; attempt < 20; attempt++) {
            assertThatThrownBy(() -> readAll(damaged)).isInstanceOf(ForgeFileException.class)
                    .hasMessageContaining("row group 0, column '" + earlierName + "'");
            try (ForgeFile file = ForgeFile.open(damaged)) {
                assertThatThrownBy(file::verify).isInstanceOf(ForgeFileException.class)
                        .hasMessageContaining("row group 0, column '" + earlierName + "'");
            }
        }
    }

    /**
     * Flips one bit in every byte of the header, footer and trailer, and in one seeded-random byte of every 64-byte
     * unit of the chunks (each chunk's checksum covers all of its units alike, padding included).
     */
    @Test
    void aFlippedByteAnywhereIsRejected() throws IOException {
        Path small = folder.resolve("small.forge");
        try (Table table = ForgeFileRoundTripTest.table(300, NullPattern.RANDOM, 13)) {
            ForgeFileWriter.withDefaults().write(table, small);
        }
        byte[] bytes = Files.readAllBytes(small);
        Path damaged = folder.resolve("flipped.forge");
        long footerOffset = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(bytes.length - FileLayout.TRAILER_BYTES);
        SplittableRandom random = new SplittableRandom(41);
        List<Integer> positions = new ArrayList<>();
        for (int position = 0; position < bytes.length; position++) {
            boolean chunkRegion = position >= FileLayout.HEADER_BYTES && position < footerOffset;
            if (!chunkRegion) {
                positions.add(position);
            } else if (position % 64 == 0) {
                positions.add(position + random.nextInt(64));
            }
        }
        for (int position : positions) {
            byte[] copy = bytes.clone();
            copy[position] ^= (byte) (1 << (position % 8));
            Files.write(damaged, copy);
            assertRejected(damaged, "bit " + (position % 8) + " of byte " + position + " flipped");
        }
        assertThat(positions.size()).isGreaterThan(bytes.length / 64);
    }

    @Test
    void aFlippedChunkByteIsReportedAsAChecksumMismatchOfThatChunk() throws IOException {
        Path damaged = folder.resolve("chunk.forge");
        long chunkOffset;
        try (ForgeFile file = ForgeFile.open(good)) {
            chunkOffset = file.chunkEntry(1, file.schema().indexOf("INT64")).offset();
        }
        byte[] copy = bytes.clone();
        copy[(int) chunkOffset + 70] ^= 0x10;
        Files.write(damaged, copy);
        try (ForgeFile file = ForgeFile.open(damaged)) {
            assertThatThrownBy(file::readTable).isInstanceOf(ForgeFileException.class)
                    .hasMessageContaining("chunk.forge")
                    .hasMessageContaining("row group 1, column 'INT64'")
                    .hasMessageContaining("checksum mismatch");
            assertThatThrownBy(file::verify).isInstanceOf(ForgeFileException.class);
            try (var undamaged = file.readColumn(file.schema().indexOf("INT32"))) {
                assertThat(undamaged.length()).isEqualTo(1100); // undamaged columns still read
            }
        }
    }

    @Test
    void aNewerFormatVersionIsRejectedAsSuch() throws IOException {
        byte[] copy = bytes.clone();
        ByteBuffer header = ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(8, 2);
        header.putInt(FileLayout.HEADER_CRC_OFFSET, ForgeFileWriter.crc32c(copy, FileLayout.HEADER_CRC_OFFSET));
        header.putInt(copy.length - FileLayout.TRAILER_BYTES + 20, 2);
        Path newer = folder.resolve("newer.forge");
        Files.write(newer, copy);
        assertThatThrownBy(() -> ForgeFile.open(newer)).isInstanceOf(ForgeFileException.class)
                .hasMessageContaining("newer.forge")
                .hasMessageContaining("format version 2")
                .hasMessageContaining("newer Forge");
    }

    @Test
    void aFileOfAnotherKindIsRejected() throws IOException {
        Path other = folder.resolve("other.forge");
        Files.writeString(other, "id,name\n1,apple\n".repeat(20));
        assertThatThrownBy(() -> ForgeFile.open(other)).isInstanceOf(ForgeFileException.class)
                .hasMessageContaining("not a .forge file");
    }

    private static void assertRejected(Path path, String damage) {
        assertThatThrownBy(() -> readAll(path)).as(damage).isInstanceOf(ForgeFileException.class)
                .hasMessageContaining(path.getFileName().toString());
    }

    private static void readAll(Path path) throws IOException {
        try (ForgeFile file = ForgeFile.open(path); Table table = file.readTable()) {
            throw new AssertionError("read " + table.rowCount() + " rows from a damaged file");
        }
    }
}
