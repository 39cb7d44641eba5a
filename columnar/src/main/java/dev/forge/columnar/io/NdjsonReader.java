package dev.forge.columnar.io;

import dev.forge.columnar.Column;
import dev.forge.columnar.ColumnBuilder;
import dev.forge.columnar.Concatenation;
import dev.forge.columnar.DataType;
import dev.forge.columnar.Field;
import dev.forge.columnar.Schema;
import dev.forge.columnar.Table;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads newline-delimited JSON (one object per line) into a {@link Table}: one column per top-level key, in the
 * order keys first appear in a sample of lines; JSON numbers become INT32/INT64/DECIMAL/FLOAT64, strings DATE,
 * TIMESTAMP or VARCHAR, nested objects and arrays VARCHAR holding their JSON text. A key missing from a line is null.
 * Groups of lines are parsed on several threads (a JSON line holds no raw line end, so any line end splits); the file
 * is read whole, so it must be under 2 GB.
 */
public final class NdjsonReader {
    private final Optional<Schema> schema;
    private final BadRowPolicy badRows;
    private final int sampleRows;
    private final int threads;

    private NdjsonReader(Optional<Schema> schema, BadRowPolicy badRows, int sampleRows, int threads) {
        this.schema = schema;
        this.badRows = badRows;
        this.sampleRows = sampleRows;
        this.threads = threads;
    }

    public static NdjsonReader create() {
        return new NdjsonReader(Optional.empty(), BadRowPolicy.FAIL, DelimitedReader.DEFAULT_SAMPLE_ROWS,
                Runtime.getRuntime().availableProcessors());
    }

    public NdjsonReader schema(Schema explicit) {
        return new NdjsonReader(Optional.of(explicit), badRows, sampleRows, threads);
    }

    public NdjsonReader badRows(BadRowPolicy policy) {
        return new NdjsonReader(schema, policy, sampleRows, threads);
    }

    public NdjsonReader sampleRows(int rows) {
        return new NdjsonReader(schema, badRows, rows, threads);
    }

    public NdjsonReader threads(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("a reader needs at least one thread, got " + count);
        }
        return new NdjsonReader(schema, badRows, sampleRows, count);
    }

    public ReadResult read(Path path) throws IOException {
        byte[] text = Files.readAllBytes(path);
        List<int[]> lines = lines(text);
        Schema resolved = schema.isPresent() ? schema.get() : infer(path, text, lines);
        Map<String, Integer> columnOf = new HashMap<>();
        for (int c = 0; c < resolved.size(); c++) {
            columnOf.put(resolved.field(c).name(), c);
        }
        int groups = Math.max(1, (lines.size() + LINES_PER_PART - 1) / LINES_PER_PART);
        List<Part> parts = new ArrayList<>(groups);
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, groups))) {
            List<Future<Part>> futures = new ArrayList<>(groups);
            for (int g = 0; g < groups; g++) {
                List<int[]> group = lines.subList(g * LINES_PER_PART, Math.min(lines.size(), (g + 1) * LINES_PER_PART));
                futures.add(pool.submit(() -> readPart(path, text, group, resolved, columnOf)));
            }
            for (Future<Part> future : futures) {
                parts.add(await(future));
            }
            long skipped = 0;
            List<String> reported = new ArrayList<>();
            List<Table> tables = new ArrayList<>(groups);
            for (Part part : parts) {
                if (part.failure != null) {
                    throw part.failure;
                }
                skipped += part.skipped;
                part.reported.stream().limit(MAX_REPORTED_SKIPS - reported.size()).forEach(reported::add);
                tables.add(part.table);
            }
            return new ReadResult(Concatenation.tables(resolved, tables), skipped, reported);
        } finally {
            for (Part part : parts) {
                if (part.table != null) {
                    part.table.close();
                }
            }
        }
    }

    private static final int LINES_PER_PART = 20_000;
    private static final int MAX_REPORTED_SKIPS = 10;

    /** The rows of one group of lines: a table part, or under FAIL the first bad line. */
    private record Part(Table table, long skipped, List<String> reported, BadInputException failure) {
    }

    private static <T> T await(Future<T> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading", interrupted);
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(failed.getCause().getMessage(), failed.getCause());
        }
    }

    private Part readPart(Path path, byte[] text, List<int[]> lines, Schema resolved, Map<String, Integer> columnOf) {
        ColumnBuilder[] builders = new ColumnBuilder[resolved.size()];
        try {
            for (int c = 0; c < builders.length; c++) {
                builders[c] = ColumnBuilder.of(resolved.field(c).type(), lines.size());
            }
            long skipped = 0;
            List<String> reported = new ArrayList<>();
            Object[] row = new Object[resolved.size()];
            for (int[] line : lines) {
                try {
                    stage(text, line, resolved, columnOf, row);
                } catch (RowProblem bad) {
                    BadInputException named = new BadInputException(path, line[2], bad.column, bad.getMessage());
                    if (badRows == BadRowPolicy.FAIL) {
                        return new Part(null, 0, List.of(), named);
                    }
                    skipped++;
                    if (reported.size() < MAX_REPORTED_SKIPS) {
                        reported.add(named.getMessage());
                    }
                    continue;
                }
                append(row, resolved, builders);
            }
            List<Column> columns = new ArrayList<>(builders.length);
            try {
                for (ColumnBuilder builder : builders) {
                    columns.add(builder.build());
                }
            } catch (RuntimeException failed) {
                columns.forEach(Column::close);
                throw failed;
            }
            // parts are nullable; the concatenated table is checked against the schema's nullability
            return new Part(new Table(nullable(resolved), columns), skipped, reported, null);
        } finally {
            for (ColumnBuilder builder : builders) {
                if (builder != null) {
                    builder.close();
                }
            }
        }
    }

    private static Schema nullable(Schema schema) {
        return new Schema(schema.fields().stream().map(field -> Field.nullable(field.name(), field.type())).toList());
    }

    /** Non-blank lines as {start, end, 1-based line number}. */
    private static List<int[]> lines(byte[] text) {
        List<int[]> lines = new ArrayList<>();
        int start = 0;
        int number = 1;
        for (int i = 0; i <= text.length; i++) {
            if (i == text.length || text[i] == '\n') {
                int end = i > start && text[i - 1] == '\r' ? i - 1 : i;
                if (!blank(text, start, end)) {
                    lines.add(new int[] {start, end, number});
                }
                number++;
                start = i + 1;
            }
        }
        return lines;
    }

    private static boolean blank(byte[] text, int start, int end) {
        for (int i = start; i < end; i++) {
            if (text[i] != ' ' && text[i] != '\t' && text[i] != '\r') {
                return false;
            }
        }
        return true;
    }

    private Schema infer(Path path, byte[] text, List<int[]> lines) throws BadInputException {
        Map<String, JsonTypeGuess> guesses = new LinkedHashMap<>();
        for (int[] line : lines.subList(0, Math.min(sampleRows, lines.size()))) {
            List<JsonLine.Member> members;
            try {
                members = JsonLine.parse(text, line[0], line[1]);
            } catch (JsonLine.SyntaxError syntax) {
                if (badRows == BadRowPolicy.FAIL) {
                    throw new BadInputException(path, line[2], syntax.column, syntax.getMessage());
                }
                continue;
            }
            for (JsonLine.Member member : members) {
                guesses.computeIfAbsent(member.key(), key -> new JsonTypeGuess()).observe(member);
            }
        }
        List<Field> fields = new ArrayList<>();
        guesses.forEach((key, guess) -> fields.add(Field.nullable(key, guess.type())));
        return new Schema(fields);
    }

    private static void stage(byte[] text, int[] line, Schema schema, Map<String, Integer> columnOf, Object[] row)
            throws RowProblem {
        java.util.Arrays.fill(row, null);
        List<JsonLine.Member> members;
        try {
            members = JsonLine.parse(text, line[0], line[1]);
        } catch (JsonLine.SyntaxError syntax) {
            throw new RowProblem(syntax.column, syntax.getMessage());
        }
        for (JsonLine.Member member : members) {
            Integer column = columnOf.get(member.key());
            if (column == null) {
                throw new RowProblem(member.column(), "key '" + member.key() + "' is not a column of "
                        + schema.fields().stream().map(Field::name).toList()
                        + " (give a schema, or a larger sample, to read it)");
            }
            if (member.kind() == JsonLine.Kind.NULL) {
                continue;
            }
            Field field = schema.field(column);
            try {
                row[column] = convert(member, field.type());
            } catch (TextValues.InvalidValue invalid) {
                throw new RowProblem(member.column(), "'" + member.text() + "' is not a " + field.type()
                        + " (" + invalid.getMessage() + ") for key '" + member.key() + "'");
            }
        }
        for (int c = 0; c < schema.size(); c++) {
            if (row[c] == null && !schema.field(c).nullable()) {
                throw new RowProblem(0, "no value for key '" + schema.field(c).name()
                        + "', which is not nullable");
            }
        }
    }

    private static Object convert(JsonLine.Member member, DataType type) throws TextValues.InvalidValue {
        byte[] bytes = member.text().getBytes(StandardCharsets.UTF_8);
        int end = bytes.length;
        boolean isString = member.kind() == JsonLine.Kind.STRING;
        return switch (type) {
            case DataType.Varchar ignored -> member.text();
            case DataType.Boolean ignored -> TextValues.parseBoolean(bytes, 0, end);
            case DataType.Int32 ignored -> TextValues.parseInt(bytes, 0, end);
            case DataType.Int64 ignored -> TextValues.parseLong(bytes, 0, end);
            case DataType.Float32 ignored -> (float) TextValues.parseDouble(bytes, 0, end);
            case DataType.Float64 ignored -> TextValues.parseDouble(bytes, 0, end);
            case DataType.Date ignored -> TextValues.parseDate(bytes, 0, end);
            case DataType.Timestamp ignored -> TextValues.parseTimestamp(bytes, 0, end);
            case DataType.Decimal decimal -> {
                if (isString && TextValues.decimalScale(bytes, 0, end) < 0) {
                    throw new TextValues.InvalidValue("not a decimal number");
                }
                if (decimal.precision() <= DataType.MAX_INT64_DECIMAL_PRECISION) {
                    yield TextValues.parseDecimal(bytes, 0, end, decimal.precision(), decimal.scale());
                }
                yield new BigDecimal(member.text());
            }
        };
    }

    private static void append(Object[] row, Schema schema, ColumnBuilder[] builders) {
        for (int c = 0; c < builders.length; c++) {
            Object value = row[c];
            if (value == null) {
                builders[c].appendNull();
                continue;
            }
            switch (schema.field(c).type()) {
                case DataType.Varchar ignored -> builders[c].appendString((String) value);
                case DataType.Boolean ignored -> builders[c].appendBoolean((Boolean) value);
                case DataType.Int32 ignored -> builders[c].appendInt((Integer) value);
                case DataType.Date ignored -> builders[c].appendInt((Integer) value);
                case DataType.Int64 ignored -> builders[c].appendLong((Long) value);
                case DataType.Timestamp ignored -> builders[c].appendLong((Long) value);
                case DataType.Float32 ignored -> builders[c].appendFloat((Float) value);
                case DataType.Float64 ignored -> builders[c].appendDouble((Double) value);
                case DataType.Decimal ignored -> {
                    if (value instanceof Long unscaled) {
                        builders[c].appendLong(unscaled);
                    } else {
                        builders[c].appendDecimal((BigDecimal) value);
                    }
                }
            }
        }
    }

    /** Why one line cannot be read, at a 1-based character column (0 for the whole line). */
    private static final class RowProblem extends Exception {
        final int column;

        RowProblem(int column, String problem) {
            super(problem, null, false, false);
            this.column = column;
        }
    }

    /** A column's type from JSON values: numbers, strings and booleans each keep to their own family of types. */
    private static final class JsonTypeGuess {
        private final ColumnTypeGuess text = new ColumnTypeGuess();
        private final java.util.EnumSet<JsonLine.Kind> kinds = java.util.EnumSet.noneOf(JsonLine.Kind.class);

        void observe(JsonLine.Member member) {
            if (member.kind() == JsonLine.Kind.NULL) {
                return;
            }
            kinds.add(member.kind());
            text.observe(member.text());
        }

        DataType type() {
            if (kinds.size() != 1) {
                return DataType.VARCHAR;
            }
            DataType guessed = text.type();
            return switch (kinds.iterator().next()) {
                case NUMBER -> guessed instanceof DataType.Int32 || guessed instanceof DataType.Int64
                        || guessed instanceof DataType.Decimal || guessed instanceof DataType.Float64 ? guessed : DataType.VARCHAR;
                case STRING -> guessed instanceof DataType.Date || guessed instanceof DataType.Timestamp ? guessed : DataType.VARCHAR;
                case BOOLEAN -> DataType.BOOLEAN;
                case NESTED, NULL -> DataType.VARCHAR;
            };
        }
    }
}
