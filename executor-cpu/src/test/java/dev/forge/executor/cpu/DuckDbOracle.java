package dev.forge.executor.cpu;

import dev.forge.columnar.ColumnView;
import dev.forge.columnar.DataType;
import dev.forge.columnar.Field;
import dev.forge.columnar.Table;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/** An in-memory DuckDB holding copies of Forge tables: the oracle for whole plans, and the peer they are timed against. */
final class DuckDbOracle implements AutoCloseable {
    private final Connection connection;

    DuckDbOracle() throws SQLException {
        connection = DriverManager.getConnection("jdbc:duckdb:");
    }

    void load(String name, Table table) throws SQLException {
        List<String> columns = new ArrayList<>();
        for (Field field : table.schema().fields()) {
            columns.add(field.name() + " " + sqlType(field.type()));
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE " + name + " (" + String.join(", ", columns) + ")");
        }
        ColumnView[] views = table.columns().stream().map(column -> column.view()).toArray(ColumnView[]::new);
        try (DuckDBAppender appender = ((DuckDBConnection) connection).createAppender(DuckDBConnection.DEFAULT_SCHEMA,
                name)) {
            for (long row = 0; row < table.rowCount(); row++) {
                appender.beginRow();
                for (ColumnView view : views) {
                    if (view.isNull(row)) {
                        appender.appendNull();
                        continue;
                    }
                    switch (view.type()) {
                        case DataType.Boolean _ -> appender.append(view.getBoolean(row));
                        case DataType.Int32 _ -> appender.append(view.getInt(row));
                        case DataType.Int64 _ -> appender.append(view.getLong(row));
                        case DataType.Float32 _ -> appender.append(view.getFloat(row));
                        case DataType.Float64 _ -> appender.append(view.getDouble(row));
                        case DataType.Date _ -> appender.appendEpochDays(view.getInt(row));
                        case DataType.Timestamp _ -> appender.appendEpochMicros(view.getLong(row));
                        case DataType.Decimal _ -> appender.appendDecimal(view.getLong(row));
                        case DataType.Varchar _ -> appender.append(view.getString(row));
                    }
                }
                appender.endRow();
            }
        }
    }

    private static String sqlType(DataType type) {
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

    /** Rows as Java objects as the driver returns them (BigDecimal, Long, Double, String, java.sql.Date...). */
    List<List<Object>> query(String sql) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<Object> row = new ArrayList<>(columns);
                for (int c = 1; c <= columns; c++) {
                    row.add(result.getObject(c));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
