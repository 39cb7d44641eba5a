package dev.forge.cli;

import dev.forge.cli.query.ColumnDescription;
import dev.forge.cli.query.EngineChoice;
import dev.forge.cli.query.QueryAnswer;
import dev.forge.cli.query.QueryBackend;
import dev.forge.cli.query.QueryFailure;
import dev.forge.cli.query.RunStatistics;
import dev.forge.cli.query.Stage;
import dev.forge.cli.query.TableDescription;
import dev.forge.columnar.Column;
import dev.forge.columnar.ColumnBuilder;
import dev.forge.columnar.ColumnView;
import dev.forge.columnar.DataType;
import dev.forge.columnar.Field;
import dev.forge.columnar.Schema;
import dev.forge.columnar.Table;
import dev.forge.columnar.catalog.CatalogTable;
import dev.forge.columnar.catalog.FolderCatalog;
import dev.forge.columnar.io.ProgressListener;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * A stand-in query engine for the command line's tests while Forge's own engine is built in another branch: the
 * folder's tables are read by Forge's catalog, copied into an in-memory DuckDB and queried there. It runs only "on the
 * CPU" and turns DuckDB's errors (with their LINE/caret context and candidate names) into {@link QueryFailure}s.
 */
public final class DuckDbBackend implements QueryBackend {
    private static final Pattern CANDIDATE = Pattern.compile("Candidate bindings: \"?([^\",\\n]+)");
    private static final Pattern LINE = Pattern.compile("LINE (\\d+): ");

    private final List<java.nio.file.Path> folders;
    private final Connection connection;
    private final List<TableDescription> tables = new ArrayList<>();
    private volatile Statement running;

    private DuckDbBackend(List<java.nio.file.Path> folders) throws SQLException {
        this.folders = List.copyOf(folders);
        this.connection = DriverManager.getConnection("jdbc:duckdb:");
    }

    public static QueryBackend open(List<java.nio.file.Path> folders, ProgressListener progress) throws QueryFailure {
        try {
            DuckDbBackend backend = new DuckDbBackend(folders);
            backend.load(progress);
            return backend;
        } catch (SQLException | IOException failed) {
            throw new QueryFailure(QueryFailure.Kind.UNAVAILABLE, "cannot open " + folders + ": " + failed.getMessage(),
                    failed);
        }
    }

    private void load(ProgressListener progress) throws SQLException, IOException {
        tables.clear();
        for (java.nio.file.Path folder : folders) {
            FolderCatalog catalog = FolderCatalog.scan(folder);
            for (CatalogTable entry : catalog.tables()) {
                try (Table table = catalog.load(entry.name(), progress)) {
                    copy(entry.name(), table);
                    List<ColumnDescription> columns = new ArrayList<>();
                    for (Field field : table.schema().fields()) {
                        columns.add(new ColumnDescription(field.name(), field.type(), field.nullable(), -1));
                    }
                    tables.add(new TableDescription(entry.name(), table.rowCount(), columns));
                }
            }
        }
    }

    private void copy(String name, Table table) throws SQLException {
        List<String> columns = new ArrayList<>();
        for (Field field : table.schema().fields()) {
            columns.add("\"" + field.name() + "\" " + sqlType(field.type()));
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE OR REPLACE TABLE \"" + name + "\" (" + String.join(", ", columns) + ")");
        }
        ColumnView[] views = table.columns().stream().map(Column::view).toArray(ColumnView[]::new);
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
                        case DataType.Decimal _ -> appender.append(view.getDecimal(row));
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

    @Override
    public List<TableDescription> tables() {
        return List.copyOf(tables);
    }

    @Override
    public QueryAnswer run(String sql, EngineChoice engine) throws QueryFailure {
        requireCpu(engine);
        long started = System.nanoTime();
        try (Statement statement = connection.createStatement()) {
            running = statement;
            try (ResultSet result = statement.executeQuery(sql)) {
                Table table = toTable(result);
                List<String> names = table.schema().fields().stream().map(Field::name).toList();
                long elapsed = System.nanoTime() - started;
                return new QueryAnswer(table, names, new RunStatistics(table.rowCount(), -1, -1, elapsed,
                        EngineChoice.CPU, engine == EngineChoice.AUTO ? "the DuckDB stand-in has no GPU" : null, true, 0,
                        List.of(new Stage("run", elapsed))));
            }
        } catch (SQLException failed) {
            throw failure(failed, sql);
        } finally {
            running = null;
        }
    }

    @Override
    public String explain(String sql, EngineChoice engine) throws QueryFailure {
        requireCpu(engine);
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("EXPLAIN " + sql)) {
            StringBuilder plan = new StringBuilder();
            while (result.next()) {
                plan.append(result.getString(2)).append('\n');
            }
            return plan.toString();
        } catch (SQLException failed) {
            throw failure(failed, sql);
        }
    }

    private static void requireCpu(EngineChoice engine) throws QueryFailure {
        if (engine == EngineChoice.GPU) {
            throw new QueryFailure(QueryFailure.Kind.UNAVAILABLE, "the DuckDB stand-in has no GPU engine", null);
        }
    }

    @Override
    public void cancel() {
        Statement statement = running;
        if (statement != null) {
            try {
                statement.cancel();
            } catch (SQLException ignored) {
                // the statement finished meanwhile: nothing to cancel
            }
        }
    }

    @Override
    public void refresh() throws QueryFailure {
        try {
            load(ProgressListener.NONE);
        } catch (SQLException | IOException failed) {
            throw new QueryFailure(QueryFailure.Kind.UNAVAILABLE, "cannot re-read " + folders, failed);
        }
    }

    @Override
    public Optional<String> unavailable(EngineChoice engine) {
        return engine == EngineChoice.GPU ? Optional.of("the DuckDB stand-in has no GPU engine") : Optional.empty();
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing an in-memory database cannot lose anything
        }
    }

    private static QueryFailure failure(SQLException failed, String sql) {
        String message = failed.getMessage() == null ? failed.toString() : failed.getMessage();
        if (message.contains("Interrupt")) {
            return new QueryFailure(QueryFailure.Kind.CANCELLED, "query cancelled", failed);
        }
        String first = message.lines().findFirst().orElse(message).replaceFirst("^[A-Za-z ]*Error: ", "");
        QueryFailure.Kind kind = message.contains("Parser Error") ? QueryFailure.Kind.SYNTAX
                : message.contains("Binder Error") || message.contains("Catalog Error") ? QueryFailure.Kind.VALIDATION
                : QueryFailure.Kind.RUNTIME;
        Matcher candidate = CANDIDATE.matcher(message);
        String hint = candidate.find() ? "did you mean " + candidate.group(1).replaceAll(".*\\.", "") + "?" : null;
        int line = 0;
        int column = 0;
        List<String> lines = message.lines().toList();
        for (int i = 0; i + 1 < lines.size(); i++) {
            Matcher context = LINE.matcher(lines.get(i));
            if (context.lookingAt()) {
                line = Integer.parseInt(context.group(1));
                column = lines.get(i + 1).indexOf('^') - context.end() + 1;
                // DuckDB shows the line trimmed to a window around the error: find the shown text in the real line
                String shown = lines.get(i).substring(context.end());
                String[] sqlLines = sql.split("\n", -1);
                if (line <= sqlLines.length) {
                    int offset = sqlLines[line - 1].indexOf(shown.strip().replaceAll("^\\.\\.\\.", ""));
                    if (offset > 0) {
                        column += offset;
                    }
                }
            }
        }
        return new QueryFailure(kind, first, line, Math.max(column, 0), 0, hint, failed);
    }

    private static Table toTable(ResultSet result) throws SQLException {
        ResultSetMetaData metadata = result.getMetaData();
        int count = metadata.getColumnCount();
        List<Field> fields = new ArrayList<>();
        List<ColumnBuilder> builders = new ArrayList<>();
        try {
            for (int c = 1; c <= count; c++) {
                DataType type = typeOf(metadata, c);
                fields.add(Field.nullable(metadata.getColumnLabel(c), type));
                builders.add(ColumnBuilder.of(type));
            }
            while (result.next()) {
                for (int c = 1; c <= count; c++) {
                    append(builders.get(c - 1), result, c);
                }
            }
            List<Column> columns = new ArrayList<>();
            for (ColumnBuilder builder : builders) {
                columns.add(builder.build());
            }
            return new Table(new Schema(fields), columns);
        } finally {
            builders.forEach(ColumnBuilder::close);
        }
    }

    private static DataType typeOf(ResultSetMetaData metadata, int column) throws SQLException {
        return switch (metadata.getColumnType(column)) {
            case Types.BOOLEAN -> DataType.BOOLEAN;
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER -> DataType.INT32;
            case Types.BIGINT -> DataType.INT64;
            case Types.REAL, Types.FLOAT -> DataType.FLOAT32;
            case Types.DOUBLE -> DataType.FLOAT64;
            case Types.DECIMAL, Types.NUMERIC -> DataType.decimal(metadata.getPrecision(column),
                    metadata.getScale(column));
            case Types.DATE -> DataType.DATE;
            case Types.TIMESTAMP -> DataType.TIMESTAMP;
            default -> metadata.getColumnTypeName(column).equals("HUGEINT") ? DataType.decimal(38, 0) : DataType.VARCHAR;
        };
    }

    private static void append(ColumnBuilder builder, ResultSet result, int column) throws SQLException {
        Object value = result.getObject(column);
        if (value == null) {
            builder.appendNull();
            return;
        }
        switch (builder.type()) {
            case DataType.Boolean _ -> builder.appendBoolean(result.getBoolean(column));
            case DataType.Int32 _ -> builder.appendInt(result.getInt(column));
            case DataType.Int64 _ -> builder.appendLong(result.getLong(column));
            case DataType.Float32 _ -> builder.appendFloat(result.getFloat(column));
            case DataType.Float64 _ -> builder.appendDouble(result.getDouble(column));
            case DataType.Decimal _ -> builder.appendDecimal(result.getBigDecimal(column));
            case DataType.Date _ -> builder.appendDate(result.getObject(column, java.time.LocalDate.class));
            case DataType.Timestamp _ -> builder.appendTimestamp(result.getObject(column, java.time.LocalDateTime.class)
                    .toInstant(java.time.ZoneOffset.UTC));
            case DataType.Varchar _ -> builder.appendString(result.getString(column));
        }
    }
}
