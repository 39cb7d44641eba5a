package dev.forge.engine.corpus;

import dev.forge.columnar.ColumnView;
import dev.forge.columnar.DataType;
import dev.forge.columnar.Field;
import dev.forge.columnar.Table;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Copies Forge tables into DuckDB through its appender, value by value with the same types (DECIMAL keeps its precision
 * and scale, DATE and TIMESTAMP their epoch values), NULLs and NOT NULL constraints included.
 */
public final class DuckDbLoader {
    /** Tables up to this many rows load on one appender; larger ones in parts of at least this many, in parallel. */
    private static final long ROWS_PER_PART = 1 << 20;

    private DuckDbLoader() {
    }

    public static void load(Connection connection, String name, Table table) throws SQLException {
        List<String> columns = new ArrayList<>();
        for (Field field : table.schema().fields()) {
            columns.add(quote(field.name()) + " " + sqlType(field.type()) + (field.nullable() ? "" : " NOT NULL"));
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE " + quote(name) + " (" + String.join(", ", columns) + ")");
        }
        ColumnView[] views = table.columns().stream().map(column -> column.view()).toArray(ColumnView[]::new);
        DuckDBConnection duckDb = connection.unwrap(DuckDBConnection.class);
        long rows = table.rowCount();
        int parts = (int) Math.min(Runtime.getRuntime().availableProcessors(), Math.max(1, rows / ROWS_PER_PART));
        if (parts == 1) {
            append(duckDb, name, views, 0, rows);
            return;
        }
        // one appender per part on its own connection: appends to one table never conflict in DuckDB, and a single
        // appender (a native call per value) took minutes for the 60-120M-row fact tables of SF 10-20
        List<Future<?>> appends = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(parts)) {
            for (int part = 0; part < parts; part++) {
                long from = rows * part / parts;
                long to = rows * (part + 1) / parts;
                appends.add(threads.submit(() -> {
                    try (DuckDBConnection own = (DuckDBConnection) duckDb.duplicate()) {
                        append(own, name, views, from, to);
                    }
                    return null;
                }));
            }
            for (Future<?> append : appends) {
                append.get();
            }
        } catch (ExecutionException failed) {
            throw failed.getCause() instanceof SQLException sql ? sql
                    : new SQLException("loading " + name + " into DuckDB failed: " + failed.getCause(), failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new SQLException("loading " + name + " into DuckDB was interrupted", interrupted);
        }
    }

    private static void append(DuckDBConnection connection, String name, ColumnView[] views, long from, long to)
            throws SQLException {
        try (DuckDBAppender appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, name)) {
            for (long row = from; row < to; row++) {
                appender.beginRow();
                for (ColumnView view : views) {
                    appendValue(appender, view, row);
                }
                appender.endRow();
            }
        }
    }

    private static void appendValue(DuckDBAppender appender, ColumnView view, long row) throws SQLException {
        if (view.isNull(row)) {
            appender.appendNull();
            return;
        }
        switch (view.type()) {
            case DataType.Boolean _ -> appender.append(view.getBoolean(row));
            case DataType.Int32 _ -> appender.append(view.getInt(row));
            case DataType.Int64 _ -> appender.append(view.getLong(row));
            case DataType.Float32 _ -> appender.append(view.getFloat(row));
            case DataType.Float64 _ -> appender.append(view.getDouble(row));
            case DataType.Date _ -> appender.appendEpochDays(view.getInt(row));
            case DataType.Timestamp _ -> appender.appendEpochMicros(view.getLong(row));
            case DataType.Decimal decimal -> {
                // DuckDB stores DECIMAL(p) in 2, 4, 8 or 16 bytes by p, and its appender wants that width
                if (decimal.precision() <= 4) {
                    appender.appendDecimal((short) view.getLong(row));
                } else if (decimal.precision() <= 9) {
                    appender.appendDecimal((int) view.getLong(row));
                } else if (decimal.precision() <= DataType.MAX_INT64_DECIMAL_PRECISION) {
                    appender.appendDecimal(view.getLong(row));
                } else {
                    appender.append(view.getDecimal(row));
                }
            }
            case DataType.Varchar _ -> appender.append(view.getString(row));
        }
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    static String sqlType(DataType type) {
        return switch (type) {
            case DataType.Boolean _ -> "BOOLEAN";
            case DataType.Int32 _ -> "INTEGER";
            case DataType.Int64 _ -> "BIGINT";
            case DataType.Float32 _ -> "REAL";
            case DataType.Float64 _ -> "DOUBLE";
            case DataType.Date _ -> "DATE";
            case DataType.Timestamp _ -> "TIMESTAMP";
            case DataType.Decimal decimal -> "DECIMAL(" + decimal.precision() + "," + decimal.scale() + ")";
            case DataType.Varchar _ -> "VARCHAR";
        };
    }
}
