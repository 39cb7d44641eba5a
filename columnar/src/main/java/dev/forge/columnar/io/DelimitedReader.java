package dev.forge.columnar.io;

import dev.forge.columnar.Column;
import dev.forge.columnar.ColumnBuilder;
import dev.forge.columnar.Concatenation;
import dev.forge.columnar.DataType;
import dev.forge.columnar.Field;
import dev.forge.columnar.Schema;
import dev.forge.columnar.Table;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads a CSV, TSV or {@code .tbl} file into a {@link Table}. The schema comes from a sample of the first rows
 * ({@link SchemaInference}) unless one is given. The file is memory-mapped and cut into chunks at record boundaries
 * (outside quotes), which worker threads parse into column parts that are then concatenated in order.
 */
public final class DelimitedReader {
    /** Records read to infer the schema. */
    public static final int DEFAULT_SAMPLE_ROWS = 1000;
    private static final int SAMPLE_BYTES = 4 << 20;
    private static final int CHUNK_BYTES = 8 << 20;
    private static final int MAX_REPORTED_SKIPS = 10;
    private static final byte[] UTF8_BYTE_ORDER_MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final DelimitedFormat format;
    private final Optional<Schema> schema;
    private final BadRowPolicy badRows;
    private final int threads;
    private final int sampleRows;
    private final int chunkBytes;
    private final ProgressListener progress;

    private DelimitedReader(DelimitedFormat format, Optional<Schema> schema, BadRowPolicy badRows, int threads,
            int sampleRows, int chunkBytes, ProgressListener progress) {
        this.format = format;
        this.schema = schema;
        this.badRows = badRows;
        this.threads = threads;
        this.sampleRows = sampleRows;
        this.chunkBytes = chunkBytes;
        this.progress = progress;
    }

    public static DelimitedReader of(DelimitedFormat format) {
        return new DelimitedReader(format, Optional.empty(), BadRowPolicy.FAIL, Runtime.getRuntime().availableProcessors(),
                DEFAULT_SAMPLE_ROWS, CHUNK_BYTES, ProgressListener.NONE);
    }

    /** Reads with these column names and types instead of inferring them. */
    public DelimitedReader schema(Schema explicit) {
        return new DelimitedReader(format, Optional.of(explicit), badRows, threads, sampleRows, chunkBytes, progress);
    }

    public DelimitedReader badRows(BadRowPolicy policy) {
        return new DelimitedReader(format, schema, policy, threads, sampleRows, chunkBytes, progress);
    }

    public DelimitedReader threads(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("a reader needs at least one thread, got " + count);
        }
        return new DelimitedReader(format, schema, badRows, count, sampleRows, chunkBytes, progress);
    }

    public DelimitedReader sampleRows(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("type inference needs at least one sample row, got " + rows);
        }
        return new DelimitedReader(format, schema, badRows, threads, rows, chunkBytes, progress);
    }

    /** Bytes per parallel work unit; small values exercise the splitting in tests. */
    public DelimitedReader chunkBytes(int bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("chunks need at least one byte, got " + bytes);
        }
        return new DelimitedReader(format, schema, badRows, threads, sampleRows, bytes, progress);
    }

    /** Reports bytes parsed out of the file's size. */
    public DelimitedReader progress(ProgressListener listener) {
        return new DelimitedReader(format, schema, badRows, threads, sampleRows, chunkBytes, listener);
    }

    public ReadResult read(Path path) throws IOException {
        try (Arena arena = Arena.ofShared(); FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            MemorySegment file = size == 0 ? MemorySegment.NULL : channel.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
            return read(path, size == 0 ? MemorySegment.ofArray(new byte[0]) : file);
        }
    }

    private ReadResult read(Path path, MemorySegment file) throws IOException {
        long size = file.byteSize();
        long textStart = startsWithByteOrderMark(file) ? UTF8_BYTE_ORDER_MARK.length : 0;
        Sample sample = sample(file, textStart);
        Schema resolved;
        boolean header;
        if (schema.isPresent()) {
            resolved = schema.get();
            header = switch (format.header()) {
                case PRESENT -> true;
                case ABSENT -> false;
                case DETECT -> !sample.records.isEmpty() && namesMatch(sample.records.getFirst(), resolved);
            };
        } else {
            SchemaInference.Inferred inferred = SchemaInference.infer(sample.records, format.header());
            resolved = inferred.schema();
            header = inferred.hasHeader();
        }
        long dataStart = header ? sample.firstRecordEnd : textStart;
        long[] bounds = chunkBounds(file, dataStart);
        List<ChunkResult> results = parseChunks(path, file, resolved, bounds, size, sample);
        return assemble(path, file, resolved, bounds, results);
    }

    private static boolean startsWithByteOrderMark(MemorySegment file) {
        if (file.byteSize() < 3) {
            return false;
        }
        for (int i = 0; i < 3; i++) {
            if (file.get(ValueLayout.JAVA_BYTE, i) != UTF8_BYTE_ORDER_MARK[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean namesMatch(List<String> record, Schema schema) {
        if (record.size() != schema.size()) {
            return false;
        }
        for (int c = 0; c < record.size(); c++) {
            if (record.get(c) == null || !record.get(c).trim().equalsIgnoreCase(schema.field(c).name())) {
                return false;
            }
        }
        return true;
    }

    /** The first records of the file as text, and where the first one ends (the data start when it is a header). */
    private record Sample(List<List<String>> records, long firstRecordEnd, double bytesPerRecord,
            double[] bytesPerField) {
        /** The sample's average field size of column {@code c}, a first guess at a chunk's string bytes. */
        double fieldBytes(int c) {
            return c < bytesPerField.length ? bytesPerField[c] : 16;
        }
    }

    private Sample sample(MemorySegment file, long textStart) {
        long available = file.byteSize() - textStart;
        int length = (int) Math.min(available, SAMPLE_BYTES);
        byte[] text = new byte[length];
        MemorySegment.copy(file, ValueLayout.JAVA_BYTE, textStart, text, 0, length);
        boolean wholeFile = length == available;
        RecordCursor cursor = new RecordCursor(text, 0, length, format);
        List<List<String>> records = new ArrayList<>();
        long firstEnd = textStart;
        while (records.size() <= sampleRows && cursor.next()) {
            boolean complete = wholeFile || (cursor.position() < length && cursor.position() > 0
                    && text[cursor.position() - 1] == '\n');
            if (!complete) {
                break; // the record runs past the sampled bytes
            }
            List<String> fields = new ArrayList<>(cursor.fieldCount());
            for (int f = 0; f < cursor.fieldCount(); f++) {
                fields.add(cursor.isNull(f) ? null : cursor.fieldText(f));
            }
            if (records.isEmpty()) {
                firstEnd = textStart + cursor.position();
            }
            records.add(fields);
        }
        double[] fieldBytes = new double[records.isEmpty() ? 0 : records.getFirst().size()];
        for (List<String> record : records) {
            for (int f = 0; f < Math.min(fieldBytes.length, record.size()); f++) {
                fieldBytes[f] += record.get(f) == null ? 0 : record.get(f).length();
            }
        }
        for (int f = 0; f < fieldBytes.length; f++) {
            fieldBytes[f] /= Math.max(1, records.size());
        }
        double perRecord = records.isEmpty() ? 64 : Math.max(1, (double) cursor.position() / records.size());
        return new Sample(records, firstEnd, perRecord, fieldBytes);
    }

    /** Offsets where chunks start, plus the file size: each chunk is whole records. */
    private long[] chunkBounds(MemorySegment file, long dataStart) {
        long size = file.byteSize();
        int chunks = (int) Math.max(1, (size - dataStart + chunkBytes - 1) / chunkBytes);
        long[] raw = new long[chunks + 1];
        for (int k = 0; k < chunks; k++) {
            raw[k] = dataStart + (long) k * chunkBytes;
        }
        raw[chunks] = size;
        int[] states = format.quoting() ? quoteStatesAtBounds(file, raw, dataStart) : new int[chunks + 1];
        long[] bounds = new long[chunks + 1];
        bounds[0] = dataStart;
        bounds[chunks] = size;
        for (int k = 1; k < chunks; k++) {
            bounds[k] = Math.max(bounds[k - 1], recordStartAtOrAfter(file, raw[k], states[k], dataStart));
        }
        return bounds;
    }

    // Quoting states of the splitter. A quote opens a field only at its start (after a delimiter or line end), so
    // a stray quote inside an unquoted field (5" screen) is text, as the record cursor reads it.
    private static final int OUTSIDE = 0;
    private static final int INSIDE = 1;
    private static final int INSIDE_AFTER_QUOTE = 2;

    /**
     * The quoting state at each raw bound. Each chunk is scanned in parallel from all three possible starting states
     * (which one holds is not known until the chunks before it are done), then the results are chained in order.
     * Must agree with {@link #nextState}, which finds the record start after a bound.
     */
    private int[] quoteStatesAtBounds(MemorySegment file, long[] raw, long dataStart) {
        int chunks = raw.length - 1;
        int[][] endStates = new int[chunks][3];
        inParallel(chunks, k -> {
            // one pass over bulk-copied blocks follows all three starting states at once
            int[] state = {OUTSIDE, INSIDE, INSIDE_AFTER_QUOTE};
            byte quote = (byte) format.quote();
            byte[] block = new byte[1 << 20];
            byte previous = raw[k] == dataStart ? (byte) '\n' : file.get(ValueLayout.JAVA_BYTE, raw[k] - 1);
            for (long at = raw[k]; at < raw[k + 1]; at += block.length) {
                int length = (int) Math.min(block.length, raw[k + 1] - at);
                MemorySegment.copy(file, ValueLayout.JAVA_BYTE, at, block, 0, length);
                for (int i = 0; i < length; i++) {
                    byte b = block[i];
                    if (b == quote) {
                        boolean fieldStart = previous == format.delimiter() || previous == '\n';
                        for (int s = 0; s < 3; s++) {
                            state[s] = switch (state[s]) {
                                case OUTSIDE -> fieldStart ? INSIDE : OUTSIDE;
                                case INSIDE -> INSIDE_AFTER_QUOTE;
                                default -> INSIDE;
                            };
                        }
                    } else {
                        for (int s = 0; s < 3; s++) {
                            if (state[s] == INSIDE_AFTER_QUOTE) {
                                state[s] = OUTSIDE;
                            }
                        }
                    }
                    previous = b;
                }
            }
            endStates[k] = state;
        });
        int[] states = new int[chunks + 1];
        for (int k = 0; k < chunks; k++) {
            states[k + 1] = endStates[k][states[k]];
        }
        return states;
    }

    private int nextState(MemorySegment file, long i, int state, long dataStart) {
        byte b = file.get(ValueLayout.JAVA_BYTE, i);
        byte quote = (byte) format.quote();
        return switch (state) {
            case OUTSIDE -> b == quote && atFieldStart(file, i, dataStart) ? INSIDE : OUTSIDE;
            case INSIDE -> b == quote ? INSIDE_AFTER_QUOTE : INSIDE;
            default -> b == quote ? INSIDE : OUTSIDE; // a doubled quote is an escaped one; anything else closed it
        };
    }

    private boolean atFieldStart(MemorySegment file, long i, long dataStart) {
        if (i == dataStart) {
            return true;
        }
        byte previous = file.get(ValueLayout.JAVA_BYTE, i - 1);
        return previous == format.delimiter() || previous == '\n';
    }

    /** One past the first line end at or after {@code from} that lies outside quotes. */
    private long recordStartAtOrAfter(MemorySegment file, long from, int startState, long dataStart) {
        long size = file.byteSize();
        int state = startState;
        for (long i = from; i < size; i++) {
            state = format.quoting() ? nextState(file, i, state, dataStart) : OUTSIDE;
            if (state == OUTSIDE && file.get(ValueLayout.JAVA_BYTE, i) == '\n') {
                return i + 1;
            }
        }
        return size;
    }

    private interface ChunkTask {
        void run(int chunk) throws Exception;
    }

    private void inParallel(int count, ChunkTask task) {
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, Math.max(count, 1)))) {
            List<Future<?>> futures = new ArrayList<>(count);
            for (int k = 0; k < count; k++) {
                int chunk = k;
                futures.add(pool.submit(() -> {
                    task.run(chunk);
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                try {
                    future.get();
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while reading", interrupted);
                } catch (ExecutionException failed) {
                    throw new IllegalStateException(failed.getCause().getMessage(), failed.getCause());
                }
            }
        }
    }

    /** A bad row found in a chunk: its line counted from the chunk's first line, its 1-based column, the reason. */
    private record BadRow(long lineInChunk, int column, String problem) {
    }

    /** What one worker made of one chunk: a table part (null after a bad row under FAIL), and the bad rows. */
    private record ChunkResult(Table part, long skipped, List<BadRow> badRows) {
    }

    private List<ChunkResult> parseChunks(Path path, MemorySegment file, Schema resolved, long[] bounds, long size,
            Sample sample) {
        int chunks = bounds.length - 1;
        ChunkResult[] results = new ChunkResult[chunks];
        AtomicLong done = new AtomicLong();
        try {
            inParallel(chunks, k -> {
                results[k] = parseChunk(file, resolved, bounds[k], bounds[k + 1], sample);
                progress.update(path.getFileName().toString(), done.addAndGet(bounds[k + 1] - bounds[k]), size);
            });
        } catch (RuntimeException failed) {
            for (ChunkResult result : results) {
                if (result != null && result.part != null) {
                    result.part.close();
                }
            }
            throw failed;
        }
        return List.of(results);
    }

    private ChunkResult parseChunk(MemorySegment file, Schema resolved, long start, long end, Sample sample) {
        int length = Math.toIntExact(end - start);
        byte[] text = new byte[length];
        MemorySegment.copy(file, ValueLayout.JAVA_BYTE, start, text, 0, length);
        int columns = resolved.size();
        // sized from the sample so that buffers rarely grow; a little extra covers longer records later on
        int expectedRows = (int) Math.min(Integer.MAX_VALUE - 16, length / sample.bytesPerRecord() * 1.1 + 16);
        ColumnBuilder[] builders = new ColumnBuilder[columns];
        StringColumnAccumulator[] strings = new StringColumnAccumulator[columns];
        try {
            for (int c = 0; c < columns; c++) {
                DataType type = resolved.field(c).type();
                if (type instanceof DataType.Varchar) {
                    strings[c] = new StringColumnAccumulator(expectedRows,
                            (int) Math.min(length, expectedRows * sample.fieldBytes(c) * 1.1 + 64));
                } else {
                    builders[c] = ColumnBuilder.of(type, expectedRows);
                }
            }
            RowStager stager = new RowStager(resolved);
            RecordCursor cursor = new RecordCursor(text, 0, length, format);
            List<BadRow> bad = new ArrayList<>();
            long skipped = 0;
            while (cursor.next()) {
                BadRow problem = stage(cursor, stager, resolved);
                if (problem == null) {
                    stager.append(builders, strings);
                    continue;
                }
                if (badRows == BadRowPolicy.FAIL) {
                    return new ChunkResult(null, 1, List.of(problem));
                }
                skipped++;
                if (bad.size() < MAX_REPORTED_SKIPS) {
                    bad.add(problem);
                }
            }
            List<Column> built = new ArrayList<>(columns);
            try {
                for (int c = 0; c < columns; c++) {
                    built.add(strings[c] != null ? strings[c].build() : builders[c].build());
                }
            } catch (RuntimeException failed) {
                built.forEach(Column::close);
                throw failed;
            }
            return new ChunkResult(new Table(nullableCopy(resolved), built), skipped, bad);
        } finally {
            closeAll(builders);
        }
    }

    /** Parts are nullable whatever the schema says; the final table checks the schema's nullability once. */
    private static Schema nullableCopy(Schema schema) {
        return new Schema(schema.fields().stream().map(field -> Field.nullable(field.name(), field.type())).toList());
    }

    private static void closeAll(ColumnBuilder[] builders) {
        for (ColumnBuilder builder : builders) {
            if (builder != null) {
                builder.close();
            }
        }
    }

    private static BadRow stage(RecordCursor cursor, RowStager stager, Schema schema) {
        if (cursor.malformed() != null) {
            return new BadRow(cursor.line(), 0, cursor.malformed());
        }
        int columns = schema.size();
        if (cursor.fieldCount() != columns) {
            return new BadRow(cursor.line(), Math.min(cursor.fieldCount(), columns) + 1,
                    "has " + cursor.fieldCount() + " fields, expected " + columns + " (" + schema.fields().stream()
                            .map(Field::name).toList() + ")");
        }
        for (int c = 0; c < columns; c++) {
            try {
                stager.stage(cursor, c);
            } catch (TextValues.InvalidValue invalid) {
                Field field = schema.field(c);
                return new BadRow(cursor.line(), c + 1, "'" + abbreviate(cursor.fieldText(c)) + "' is not a "
                        + field.type() + " (" + invalid.getMessage() + ") for column '" + field.name() + "'");
            }
            if (!schema.field(c).nullable() && cursor.isNull(c)) {
                return new BadRow(cursor.line(), c + 1, "empty value for column '" + schema.field(c).name()
                        + "', which is not nullable");
            }
        }
        return null;
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }

    private ReadResult assemble(Path path, MemorySegment file, Schema resolved, long[] bounds, List<ChunkResult> results)
            throws IOException {
        List<Table> parts = new ArrayList<>(results.size());
        for (ChunkResult result : results) {
            if (result.part != null) {
                parts.add(result.part);
            }
        }
        try {
            long skipped = 0;
            List<String> reported = new ArrayList<>();
            String typeHint = schema.isPresent() ? "" : " (types were inferred from the first " + sampleRows
                    + " rows: give a schema to read it differently)";
            for (int k = 0; k < results.size(); k++) {
                ChunkResult result = results.get(k);
                if (result.part == null) {
                    BadRow bad = result.badRows.getFirst();
                    throw new BadInputException(path, lineAt(file, bounds[k]) + bad.lineInChunk - 1, bad.column,
                            bad.problem + (bad.problem.contains(" is not a ") ? typeHint : ""));
                }
                skipped += result.skipped;
                for (BadRow bad : result.badRows) {
                    if (reported.size() < MAX_REPORTED_SKIPS) {
                        reported.add(new BadInputException(path, lineAt(file, bounds[k]) + bad.lineInChunk - 1,
                                bad.column, bad.problem).getMessage());
                    }
                }
            }
            Table table = Concatenation.tables(resolved, parts);
            return new ReadResult(table, skipped, reported);
        } finally {
            parts.forEach(Table::close);
        }
    }

    /** The 1-based line number of the byte at {@code offset}; counted only when a bad row must be named. */
    private static long lineAt(MemorySegment file, long offset) {
        long line = 1;
        for (long i = 0; i < offset; i++) {
            if (file.get(ValueLayout.JAVA_BYTE, i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
