package dev.forge.engine.corpus;

import dev.forge.columnar.Column;
import dev.forge.columnar.ColumnBuilder;
import dev.forge.columnar.DataType;
import dev.forge.columnar.Field;
import dev.forge.columnar.Schema;
import dev.forge.columnar.Table;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Small hand-written tables in a text file: {@code table <name>}, a line of columns ({@code name TYPE [NOT NULL]}
 * separated by {@code |}), then one line per row in {@link TextCells}' syntax, up to a blank line. {@code #} starts
 * a comment line. Types are Forge's: BOOLEAN, INT32, INT64, FLOAT32, FLOAT64, DECIMAL(p,s), DATE, TIMESTAMP, VARCHAR.
 */
final class FeatureTables {
    private static final Pattern COLUMN = Pattern.compile("(\\w+)\\s+(\\w+(?:\\(\\d+,\\s*\\d+\\))?)(\\s+NOT NULL)?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DECIMAL = Pattern.compile("DECIMAL\\((\\d+),\\s*(\\d+)\\)", Pattern.CASE_INSENSITIVE);

    private FeatureTables() {
    }

    /** The tables of a class-path resource; the caller owns them. */
    static Map<String, Table> load(String resource) {
        try (InputStream in = FeatureTables.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Table> parse(String source, String text) {
        Map<String, Table> tables = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        try {
            int i = 0;
            while (i < lines.length) {
                String line = lines[i].strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    i++;
                    continue;
                }
                if (!line.startsWith("table ")) {
                    throw new IllegalArgumentException(source + ":" + (i + 1) + ": expected 'table <name>', got: " + line);
                }
                String name = line.substring(6).strip().toLowerCase(Locale.ROOT);
                Schema schema = schema(source, i + 2, lines[i + 1]);
                i += 2;
                List<List<String>> rows = new ArrayList<>();
                List<Integer> lineNumbers = new ArrayList<>();
                while (i < lines.length && !lines[i].isBlank()) {
                    if (!lines[i].strip().startsWith("#")) {
                        rows.add(TextCells.split(lines[i]));
                        lineNumbers.add(i + 1);
                    }
                    i++;
                }
                tables.put(name, build(source, schema, rows, lineNumbers));
            }
        } catch (RuntimeException failed) {
            tables.values().forEach(Table::close);
            throw failed;
        }
        return tables;
    }

    private static Schema schema(String source, int lineNumber, String line) {
        List<Field> fields = new ArrayList<>();
        for (String column : line.split("\\|")) {
            Matcher matcher = COLUMN.matcher(column.strip());
            if (!matcher.matches()) {
                throw new IllegalArgumentException(source + ":" + lineNumber + ": bad column '" + column.strip()
                        + "'; write 'name TYPE [NOT NULL]'");
            }
            fields.add(new Field(matcher.group(1).toLowerCase(Locale.ROOT), type(matcher.group(2)),
                    matcher.group(3) == null));
        }
        return new Schema(fields);
    }

    static DataType type(String text) {
        Matcher decimal = DECIMAL.matcher(text);
        if (decimal.matches()) {
            return DataType.decimal(Integer.parseInt(decimal.group(1)), Integer.parseInt(decimal.group(2)));
        }
        return switch (text.toUpperCase(Locale.ROOT)) {
            case "BOOLEAN" -> DataType.BOOLEAN;
            case "INT32" -> DataType.INT32;
            case "INT64" -> DataType.INT64;
            case "FLOAT32" -> DataType.FLOAT32;
            case "FLOAT64" -> DataType.FLOAT64;
            case "DATE" -> DataType.DATE;
            case "TIMESTAMP" -> DataType.TIMESTAMP;
            case "VARCHAR" -> DataType.VARCHAR;
            default -> throw new IllegalArgumentException("unknown type " + text);
        };
    }

    private static Table build(String source, Schema schema, List<List<String>> rows, List<Integer> lineNumbers) {
        List<Column> columns = new ArrayList<>();
        try {
            for (int c = 0; c < schema.size(); c++) {
                Field field = schema.field(c);
                try (ColumnBuilder builder = ColumnBuilder.of(field.type(), rows.size())) {
                    for (int r = 0; r < rows.size(); r++) {
                        List<String> row = rows.get(r);
                        String where = source + ":" + lineNumbers.get(r);
                        if (row.size() != schema.size()) {
                            throw new IllegalArgumentException(where + ": " + row.size() + " values for "
                                    + schema.size() + " columns");
                        }
                        append(builder, field, row.get(c), where);
                    }
                    columns.add(builder.build());
                }
            }
            return new Table(schema, columns);
        } catch (RuntimeException failed) {
            columns.forEach(Column::close);
            throw failed;
        }
    }

    private static void append(ColumnBuilder builder, Field field, String text, String where) {
        if (text == null) {
            if (!field.nullable()) {
                throw new IllegalArgumentException(where + ": NULL in NOT NULL column " + field.name());
            }
            builder.appendNull();
            return;
        }
        try {
            switch (field.type()) {
                case DataType.Boolean _ -> builder.appendBoolean(Boolean.parseBoolean(text));
                case DataType.Int32 _ -> builder.appendInt(Integer.parseInt(text));
                case DataType.Int64 _ -> builder.appendLong(Long.parseLong(text));
                case DataType.Float32 _ -> builder.appendFloat(Float.parseFloat(text));
                case DataType.Float64 _ -> builder.appendDouble(Double.parseDouble(text));
                case DataType.Decimal _ -> builder.appendDecimal(new BigDecimal(text));
                case DataType.Date _ -> builder.appendDate(LocalDate.parse(text));
                case DataType.Timestamp _ -> builder.appendTimestamp(
                        LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC));
                case DataType.Varchar _ -> builder.appendString(text);
            }
        } catch (RuntimeException bad) {
            throw new IllegalArgumentException(where + ": '" + text + "' is not a " + field.type() + " for column "
                    + field.name() + ": " + bad.getMessage(), bad);
        }
    }
}
