package dev.forge.bench.experiments.cases;

import dev.forge.primitives.cpu.CpuWorkers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.LongFunction;

/**
 * The parse experiment's text, made on all cores straight into the memory it is parsed from: blocks of rows are
 * formatted once to learn their sizes, then again into their place, so no second copy of the text is ever held.
 */
final class ParseText {
    private static final int ROWS_PER_BLOCK = 16_384;
    private static final long FILE_WRITE_BYTES = 1L << 28;

    private ParseText() {
    }

    /** Most bytes {@code rows} rows of {@code format} take. */
    static long maxBytes(TextFormat format, long rows) {
        return rows * switch (format) {
            case CSV -> ParseRecords.MAX_CSV_ROW_BYTES;
            case NDJSON -> ParseRecords.MAX_NDJSON_ROW_BYTES;
        };
    }

    /** Rows 0 to {@code rows} - 1 in {@code format}, each ending with '\n', in memory {@code allocate} gives. */
    static MemorySegment generate(TextFormat format, long rows, CpuWorkers workers,
            LongFunction<MemorySegment> allocate) {
        int blocks = Math.toIntExact((rows + ROWS_PER_BLOCK - 1) / ROWS_PER_BLOCK);
        long[] blockBytes = new long[blocks];
        workers.forEach(blocks, block -> {
            TextBuffer row = new TextBuffer(256);
            long bytes = 0;
            for (long r = firstRow(block); r < endRow(block, rows); r++) {
                row.clear();
                ParseRecords.write(r, format, row);
                bytes += row.length();
            }
            blockBytes[block] = bytes;
        });
        long[] offsets = new long[blocks + 1];
        for (int b = 0; b < blocks; b++) {
            offsets[b + 1] = offsets[b] + blockBytes[b];
        }
        MemorySegment text = allocate.apply(offsets[blocks]);
        workers.forEach(blocks, block -> {
            TextBuffer rowsOfBlock = new TextBuffer((int) blockBytes[block]);
            for (long r = firstRow(block); r < endRow(block, rows); r++) {
                ParseRecords.write(r, format, rowsOfBlock);
            }
            rowsOfBlock.copyTo(text, offsets[block]);
        });
        return text;
    }

    private static long firstRow(int block) {
        return (long) block * ROWS_PER_BLOCK;
    }

    private static long endRow(int block, long rows) {
        return Math.min(rows, firstRow(block) + ROWS_PER_BLOCK);
    }

    /** Writes {@code text} to a file at {@code path} (replacing one there), for the CPU readers, which read paths. */
    static void writeFile(MemorySegment text, Path path) {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (long at = 0; at < text.byteSize(); at += FILE_WRITE_BYTES) {
                ByteBuffer slice = text.asSlice(at, Math.min(FILE_WRITE_BYTES, text.byteSize() - at)).asByteBuffer();
                while (slice.hasRemaining()) {
                    channel.write(slice);
                }
            }
        } catch (IOException failed) {
            throw new UncheckedIOException("cannot write the parse experiment's text to " + path, failed);
        }
    }
}
