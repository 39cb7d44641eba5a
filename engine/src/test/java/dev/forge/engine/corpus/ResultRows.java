package dev.forge.engine.corpus;

import dev.forge.columnar.ColumnView;
import dev.forge.columnar.DataType;
import dev.forge.columnar.Table;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A query result in a form both engines can be compared in. Each value is {@code null} (SQL NULL) or one of: an exact
 * number as {@link BigDecimal} (integers of any width and decimals), an approximate number as {@link Double}, a
 * {@link String}, a {@link Boolean}, a {@link LocalDate}, a {@link LocalDateTime} (UTC), or, in hand-written expected
 * results only, an {@link Untyped} text that takes the type of the value it is compared with.
 */
public record ResultRows(int columnCount, List<List<Object>> rows) {
    /** A value of a hand-written expected result, typed only when compared. */
    public record Untyped(String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    public ResultRows {
        rows = rows.stream().map(row -> (List<Object>) java.util.Collections.unmodifiableList(new ArrayList<>(row)))
                .toList();
        for (List<Object> row : rows) {
            if (row.size() != columnCount) {
                throw new IllegalArgumentException("a row of " + row.size() + " values in a result of " + columnCount
                        + " columns");
            }
        }
    }

    public int rowCount() {
        return rows.size();
    }

    /** Every row of a Forge result table. */
    public static ResultRows of(Table table) {
        List<ColumnView> views = table.columns().stream().map(column -> column.view()).toList();
        List<List<Object>> rows = new ArrayList<>();
        for (long row = 0; row < table.rowCount(); row++) {
            List<Object> values = new ArrayList<>(views.size());
            for (ColumnView view : views) {
                values.add(view.isNull(row) ? null : forgeValue(view, row));
            }
            rows.add(values);
        }
        return new ResultRows(views.size(), rows);
    }

    private static Object forgeValue(ColumnView view, long row) {
        return switch (view.type()) {
            case DataType.Boolean _ -> view.getBoolean(row);
            case DataType.Int32 _ -> BigDecimal.valueOf(view.getInt(row));
            case DataType.Int64 _ -> BigDecimal.valueOf(view.getLong(row));
            case DataType.Decimal _ -> view.getDecimal(row);
            case DataType.Float32 _ -> (double) view.getFloat(row);
            case DataType.Float64 _ -> view.getDouble(row);
            case DataType.Date _ -> view.getDate(row);
            case DataType.Timestamp _ -> LocalDateTime.ofInstant(view.getTimestamp(row), ZoneOffset.UTC);
            case DataType.Varchar _ -> view.getString(row);
        };
    }

    /** Every row of a JDBC result (DuckDB's), typed by the column types it reports. */
    public static ResultRows of(ResultSet result) throws SQLException {
        ResultSetMetaData metadata = result.getMetaData();
        int columns = metadata.getColumnCount();
        List<List<Object>> rows = new ArrayList<>();
        while (result.next()) {
            List<Object> values = new ArrayList<>(columns);
            for (int c = 1; c <= columns; c++) {
                values.add(jdbcValue(result, c, metadata.getColumnTypeName(c)));
            }
            rows.add(values);
        }
        return new ResultRows(columns, rows);
    }

    private static Object jdbcValue(ResultSet result, int column, String typeName) throws SQLException {
        Object value = result.getObject(column);
        if (value == null) {
            return null;
        }
        String type = typeName.toUpperCase(java.util.Locale.ROOT);
        if (type.equals("DATE")) {
            return result.getObject(column, LocalDate.class);
        }
        if (type.startsWith("TIMESTAMP")) {
            return result.getObject(column, LocalDateTime.class);
        }
        return switch (value) {
            case BigDecimal decimal -> decimal;
            case BigInteger integer -> new BigDecimal(integer);
            case Long number -> BigDecimal.valueOf(number);
            case Integer number -> BigDecimal.valueOf(number);
            case Short number -> BigDecimal.valueOf(number);
            case Byte number -> BigDecimal.valueOf(number);
            case Double number -> number;
            case Float number -> (double) number;
            case Boolean bool -> bool;
            case String text -> text;
            default -> result.getString(column);
        };
    }

    /** The rows of a hand-written expected result ({@link TextCells} lines). */
    public static ResultRows parse(List<String> lines) {
        List<List<Object>> rows = new ArrayList<>();
        int columns = -1;
        for (String line : lines) {
            List<Object> row = new ArrayList<>();
            for (String cell : TextCells.split(line)) {
                row.add(cell == null ? null : new Untyped(cell));
            }
            if (columns >= 0 && row.size() != columns) {
                throw new IllegalArgumentException("expected row '" + line + "' has " + row.size() + " values, the"
                        + " first row " + columns);
            }
            columns = row.size();
            rows.add(row);
        }
        return new ResultRows(Math.max(columns, 0), rows);
    }

    /** One row as text, for reports. */
    static String format(List<Object> row) {
        return row.stream().map(value -> switch (value) {
            case null -> "NULL";
            case String text -> "'" + text + "'";
            case BigDecimal decimal -> decimal.toPlainString();
            default -> value.toString();
        }).collect(Collectors.joining(" | "));
    }
}
