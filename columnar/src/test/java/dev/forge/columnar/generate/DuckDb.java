package dev.forge.columnar.generate;

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

/** An in-memory DuckDB, the oracle: Forge tables are copied in with the appender, then queried with SQL. */
final class DuckDb implements AutoCloseable {
    private final Connection connection;

    DuckDb() throws SQLException {
        connection = DriverManager.getConnection("jdbc:duckdb:");
    }

    void load(String name, Table table) throws SQLException {
        List<String> columns = new ArrayList<>();
        for (Field field : table.schema().fields()) {
            columns.add(field.name() + " " + sqlType(field.type()) + (field.nullable() ? "" : " NOT NULL"));
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE \"" + name + "\" (" + String.join(", ", columns) + ")");
        }
        ColumnView[] views = table.columns().stream().map(column -> column.view()).toArray(ColumnView[]::new);
        try (DuckDBAppender appender = ((DuckDBConnection) connection).createAppender(DuckDBConnection.DEFAULT_SCHEMA, name)) {
            for (long row = 0; row < table.rowCount(); row++) {
                appender.beginRow();
                for (ColumnView view : views) {
                    if (view.isNull(row)) {
                        appender.appendNull();
                        continue;
                    }
                    switch (view.type()) {
                        case DataType.Boolean ignored -> appender.append(view.getBoolean(row));
                        case DataType.Int32 ignored -> appender.append(view.getInt(row));
                        case DataType.Int64 ignored -> appender.append(view.getLong(row));
                        case DataType.Float32 ignored -> appender.append(view.getFloat(row));
                        case DataType.Float64 ignored -> appender.append(view.getDouble(row));
                        case DataType.Date ignored -> appender.appendEpochDays(view.getInt(row));
                        case DataType.Timestamp ignored -> appender.appendEpochMicros(view.getLong(row));
                        case DataType.Decimal ignored -> appender.appendDecimal(view.getLong(row));
                        case DataType.Varchar ignored -> appender.append(view.getString(row));
                    }
                }
                appender.endRow();
            }
        }
    }

    private static String sqlType(DataType type) {
        return switch (type) {
            case DataType.Boolean ignored -> "BOOLEAN";
            case DataType.Int32 ignored -> "INTEGER";
            case DataType.Int64 ignored -> "BIGINT";
            case DataType.Float32 ignored -> "REAL";
            case DataType.Float64 ignored -> "DOUBLE";
            case DataType.Date ignored -> "DATE";
            case DataType.Timestamp ignored -> "TIMESTAMP";
            case DataType.Decimal decimal -> "DECIMAL(" + decimal.precision() + "," + decimal.scale() + ")";
            case DataType.Varchar ignored -> "VARCHAR";
        };
    }

    /** Every row of the result, each value as DuckDB's text for it ({@code null} for NULL). */
    List<List<String>> query(String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> row = new ArrayList<>(columns);
                for (int c = 1; c <= columns; c++) {
                    row.add(result.getString(c));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    long count(String sql) throws SQLException {
        return Long.parseLong(query(sql).getFirst().getFirst());
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
