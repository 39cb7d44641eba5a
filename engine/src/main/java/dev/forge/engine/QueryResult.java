package dev.forge.engine;

import dev.forge.columnar.ColumnView;
import dev.forge.columnar.DataType;
import dev.forge.columnar.Field;
import dev.forge.columnar.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * The rows a query returned. It owns the result table (off-heap memory): close it. Rows and columns count from 0.
 * Getters for reference types ({@link #getDecimal}, {@link #getString}, {@link #getDate}, ...) return {@code null} for
 * SQL NULL; the primitive ones ({@link #getLong}, {@link #getDouble}, ...) throw, so a NULL is never read as 0.
 */
public final class QueryResult implements AutoCloseable, Iterable<ResultRow> {
    private final Table table;
    private final List<String> columnNames;
    private final QueryStatistics statistics;
    private boolean closed;

    /** Takes ownership of {@code table}. */
    public QueryResult(Table table, List<String> columnNames, QueryStatistics statistics) {
        this.table = Objects.requireNonNull(table, "table");
        this.columnNames = List.copyOf(columnNames);
        this.statistics = Objects.requireNonNull(statistics, "statistics");
        if (columnNames.size() != table.schema().size()) {
            table.close();
            throw new IllegalArgumentException(columnNames.size() + " column names for a result of "
                    + table.schema().size() + " columns");
        }
    }

    public int columnCount() {
        return columnNames.size();
    }

    /** The names the SQL gives the columns (they may repeat, as in {@code SELECT a, a}). */
    public List<String> columnNames() {
        return columnNames;
    }

    public List<DataType> columnTypes() {
        return table.schema().fields().stream().map(Field::type).toList();
    }

    public long rowCount() {
        return table.rowCount();
    }

    public QueryStatistics statistics() {
        return statistics;
    }

    /** The result's columns; valid until this result is closed. */
    public Table table() {
        requireOpen();
        return table;
    }

    public boolean isNull(long row, int column) {
        return view(column).isNull(row);
    }

    public boolean getBoolean(long row, int column) {
        ColumnView view = present(row, column, "getBoolean");
        if (view.type() instanceof DataType.Boolean) {
            return view.getBoolean(row);
        }
        throw wrongType(column, "getBoolean", "a BOOLEAN");
    }

    /** An INT32 value. */
    public int getInt(long row, int column) {
        ColumnView view = present(row, column, "getInt");
        if (view.type() instanceof DataType.Int32) {
            return view.getInt(row);
        }
        throw wrongType(column, "getInt", "an INT32 (use getLong for INT64)");
    }

    /** An INT32 or INT64 value. */
    public long getLong(long row, int column) {
        ColumnView view = present(row, column, "getLong");
        return switch (view.type()) {
            case DataType.Int32 _ -> view.getInt(row);
            case DataType.Int64 _ -> view.getLong(row);
            default -> throw wrongType(column, "getLong", "an INT32 or INT64 (use getDecimal for DECIMAL)");
        };
    }

    /** Any number, converted to the nearest double (exact for floats). */
    public double getDouble(long row, int column) {
        ColumnView view = present(row, column, "getDouble");
        return switch (view.type()) {
            case DataType.Float32 _ -> view.getFloat(row);
            case DataType.Float64 _ -> view.getDouble(row);
            case DataType.Int32 _ -> view.getInt(row);
            case DataType.Int64 _ -> view.getLong(row);
            case DataType.Decimal _ -> view.getDecimal(row).doubleValue();
            default -> throw wrongType(column, "getDouble", "a number");
        };
    }

    /** A DECIMAL value at its scale, or an integer as a decimal of scale 0; {@code null} for NULL. */
    public BigDecimal getDecimal(long row, int column) {
        ColumnView view = view(column);
        if (view.isNull(row)) {
            return null;
        }
        return switch (view.type()) {
            case DataType.Decimal _ -> view.getDecimal(row);
            case DataType.Int32 _ -> BigDecimal.valueOf(view.getInt(row));
            case DataType.Int64 _ -> BigDecimal.valueOf(view.getLong(row));
            default -> throw wrongType(column, "getDecimal", "a DECIMAL or an integer");
        };
    }

    public String getString(long row, int column) {
        ColumnView view = view(column);
        if (!(view.type() instanceof DataType.Varchar)) {
            throw wrongType(column, "getString", "a VARCHAR");
        }
        return view.isNull(row) ? null : view.getString(row);
    }

    public LocalDate getDate(long row, int column) {
        ColumnView view = view(column);
        if (!(view.type() instanceof DataType.Date)) {
            throw wrongType(column, "getDate", "a DATE");
        }
        return view.isNull(row) ? null : view.getDate(row);
    }

    public Instant getTimestamp(long row, int column) {
        ColumnView view = view(column);
        if (!(view.type() instanceof DataType.Timestamp)) {
            throw wrongType(column, "getTimestamp", "a TIMESTAMP");
        }
        return view.isNull(row) ? null : view.getTimestamp(row);
    }

    /**
     * The value as a Java object, {@code null} for NULL: Boolean, Integer (INT32), Long (INT64), Float, Double,
     * BigDecimal, String, LocalDate (DATE) or Instant (TIMESTAMP).
     */
    public Object getObject(long row, int column) {
        ColumnView view = view(column);
        if (view.isNull(row)) {
            return null;
        }
        return switch (view.type()) {
            case DataType.Boolean _ -> view.getBoolean(row);
            case DataType.Int32 _ -> view.getInt(row);
            case DataType.Int64 _ -> view.getLong(row);
            case DataType.Float32 _ -> view.getFloat(row);
            case DataType.Float64 _ -> view.getDouble(row);
            case DataType.Decimal _ -> view.getDecimal(row);
            case DataType.Varchar _ -> view.getString(row);
            case DataType.Date _ -> view.getDate(row);
            case DataType.Timestamp _ -> view.getTimestamp(row);
        };
    }

    /** Iterates the rows in result order; each row reads through to this result, so use it before closing. */
    @Override
    public Iterator<ResultRow> iterator() {
        requireOpen();
        return new Iterator<>() {
            private long next;

            @Override
            public boolean hasNext() {
                return next < rowCount();
            }

            @Override
            public ResultRow next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("the result has " + rowCount() + " rows");
                }
                return new ResultRow(QueryResult.this, next++);
            }
        };
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            table.close();
        }
    }

    private ColumnView view(int column) {
        requireOpen();
        Objects.checkIndex(column, columnNames.size());
        return table.column(column).view();
    }

    private ColumnView present(long row, int column, String getter) {
        ColumnView view = view(column);
        if (view.isNull(row)) {
            throw new IllegalStateException(getter + ": row " + row + ", column " + column + " ("
                    + columnNames.get(column) + ") is NULL; check isNull first or use getObject");
        }
        return view;
    }

    private IllegalStateException wrongType(int column, String getter, String expected) {
        return new IllegalStateException(getter + " needs " + expected + " column, but column " + column + " ("
                + columnNames.get(column) + ") is " + table.schema().field(column).type());
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("this query result was closed");
        }
    }
}
