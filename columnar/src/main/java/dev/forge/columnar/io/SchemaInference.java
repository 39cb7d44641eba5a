package dev.forge.columnar.io;

import dev.forge.columnar.DataType;
import dev.forge.columnar.Field;
import dev.forge.columnar.Schema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Infers column names and types from a sample of records (each a list of field texts, {@code null} for SQL NULL),
 * and decides whether the first record is a header when the format leaves it to the data.
 */
final class SchemaInference {
    private SchemaInference() {
    }

    /** What the sample says: the schema and whether the first record is a header (so not data). */
    record Inferred(Schema schema, boolean hasHeader) {
    }

    static Inferred infer(List<List<String>> sample, HeaderMode mode) {
        if (sample.isEmpty()) {
            return new Inferred(new Schema(List.of()), mode == HeaderMode.PRESENT);
        }
        List<String> first = sample.getFirst();
        int columns = first.size();
        List<ColumnTypeGuess> rest = guesses(sample.subList(1, sample.size()), columns);
        boolean header = switch (mode) {
            case PRESENT -> true;
            case ABSENT -> false;
            case DETECT -> looksLikeHeader(first, sample.subList(1, sample.size()), rest);
        };
        List<ColumnTypeGuess> types = header ? rest : guesses(sample, columns);
        List<Field> fields = new ArrayList<>(columns);
        Set<String> names = new HashSet<>();
        for (int c = 0; c < columns; c++) {
            String name = header ? first.get(c) : null;
            if (name == null || name.isBlank() || !names.add(name)) {
                name = "column" + c;
                names.add(name);
            }
            fields.add(Field.nullable(name, types.get(c).type()));
        }
        return new Inferred(new Schema(fields), header);
    }

    private static List<ColumnTypeGuess> guesses(List<List<String>> records, int columns) {
        List<ColumnTypeGuess> guesses = new ArrayList<>(columns);
        for (int c = 0; c < columns; c++) {
            guesses.add(new ColumnTypeGuess());
        }
        for (List<String> record : records) {
            for (int c = 0; c < Math.min(columns, record.size()); c++) {
                guesses.get(c).observe(record.get(c));
            }
        }
        return guesses;
    }

    /**
     * A header is a first record of distinct, non-empty text values. When some column below it is typed (a number,
     * date or boolean), none of the first record's values may fit their column's type; when every column is text,
     * none of the first record's values may appear again in its column.
     */
    private static boolean looksLikeHeader(List<String> first, List<List<String>> below, List<ColumnTypeGuess> types) {
        if (new HashSet<>(first).size() != first.size()) {
            return false;
        }
        boolean anyTyped = false;
        for (int c = 0; c < first.size(); c++) {
            String name = first.get(c);
            if (name == null || name.isBlank()) {
                return false;
            }
            DataType type = types.get(c).type();
            if (!(type instanceof DataType.Varchar)) {
                anyTyped = true;
                ColumnTypeGuess alone = new ColumnTypeGuess();
                alone.observe(name);
                if (fitsWithin(alone.type(), type)) {
                    return false;
                }
            }
        }
        if (anyTyped) {
            return true;
        }
        for (List<String> record : below) {
            for (int c = 0; c < Math.min(first.size(), record.size()); c++) {
                if (first.get(c).equals(record.get(c))) {
                    return false;
                }
            }
        }
        return !below.isEmpty();
    }

    /** Whether a value of type {@code value} could be read as {@code column}. */
    private static boolean fitsWithin(DataType value, DataType column) {
        return switch (column) {
            case DataType.Varchar ignored -> true;
            case DataType.Boolean ignored -> value instanceof DataType.Boolean;
            case DataType.Int32 ignored -> value instanceof DataType.Int32;
            case DataType.Int64 ignored -> value instanceof DataType.Int32 || value instanceof DataType.Int64;
            case DataType.Decimal ignored -> value instanceof DataType.Int32 || value instanceof DataType.Int64
                    || value instanceof DataType.Decimal;
            case DataType.Float32 ignored -> !(value instanceof DataType.Varchar || value instanceof DataType.Boolean
                    || value instanceof DataType.Date || value instanceof DataType.Timestamp);
            case DataType.Float64 ignored -> !(value instanceof DataType.Varchar || value instanceof DataType.Boolean
                    || value instanceof DataType.Date || value instanceof DataType.Timestamp);
            case DataType.Date ignored -> value instanceof DataType.Date;
            case DataType.Timestamp ignored -> value instanceof DataType.Date || value instanceof DataType.Timestamp;
        };
    }
}
