package dev.forge.bench.experiments.cases;

import dev.forge.bench.experiments.SeededData;
import dev.forge.columnar.Column;
import dev.forge.columnar.DataType;
import dev.forge.columnar.Field;
import dev.forge.columnar.HostBuffer;
import dev.forge.columnar.Schema;
import dev.forge.columnar.Table;
import dev.forge.engine.Forge;
import dev.forge.primitives.cpu.CpuWorkers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The tables of the SQL experiments, generated once per size and loaded into Forge and into an in-process DuckDB:
 * {@code facts(key BIGINT, amount DOUBLE, category INTEGER)} with {@code rows} rows (keys uniform over
 * {@value #KEYS} values, amounts cents in [0, 1000), categories uniform in [0, 100), so {@code category < c} keeps c%)
 * and {@code dims(key BIGINT, region INTEGER)} with one row per key and 25 regions. Forge gets the columns as in-memory
 * tables; DuckDB reads the same values from a CSV file written in parallel (doubles in Java's shortest round-trip
 * form, which DuckDB parses back to the same bits), with as many threads as the host has cores.
 */
final class SqlFacts implements AutoCloseable {
    static final long KEYS = 10_000;
    static final int REGIONS = 25;
    private static final long KEY_SEED = 0x5EED_0014L;
    private static final long AMOUNT_SEED = 0x5EED_0015L;
    private static final long CATEGORY_SEED = 0x5EED_0016L;
    private static final long REGION_SEED = 0x5EED_0017L;
    private static final int CSV_CHUNK = 1 << 16;

    final long rows;
    final Forge forge;
    final Connection duckDb;
    final double loadSeconds;
    private final Table facts;
    private final Table dims;

    private SqlFacts(long rows, Table facts, Table dims, Connection duckDb, double loadSeconds) {
        this.rows = rows;
        this.facts = facts;
        this.dims = dims;
        this.forge = Forge.of(Map.of("facts", facts, "dims", dims));
        this.duckDb = duckDb;
        this.loadSeconds = loadSeconds;
    }

    /** The tables for {@code rows} fact rows, shared by every SQL trial of that size in the run. */
    static SqlFacts shared(dev.forge.bench.experiments.TrialContext context, long rows) {
        return context.shared().get("sql facts " + rows, SqlFacts.class, () -> generate(rows, context.workers()));
    }

    static SqlFacts generate(long rows, CpuWorkers workers) {
        long began = System.nanoTime();
        Table facts = null;
        Table dims = null;
        try {
            facts = table(List.of(Field.required("key", DataType.INT64), Field.required("amount", DataType.FLOAT64),
                    Field.required("category", DataType.INT32)), List.of(
                    () -> column(DataType.INT64, rows, values -> SeededData.fillInt64(workers, values,
                            i -> SeededData.between(KEY_SEED, i, 0, KEYS))),
                    () -> column(DataType.FLOAT64, rows, values -> SeededData.fillFloat64(workers, values,
                            i -> SeededData.between(AMOUNT_SEED, i, 0, 100_000) / 100.0)),
                    () -> column(DataType.INT32, rows, values -> SeededData.fillInt32(workers, values,
                            i -> (int) SeededData.between(CATEGORY_SEED, i, 0, 100)))));
            dims = table(List.of(Field.required("key", DataType.INT64), Field.required("region", DataType.INT32)),
                    List.of(() -> column(DataType.INT64, KEYS, values -> SeededData.fillInt64(workers, values, k -> k)),
                            () -> column(DataType.INT32, KEYS, values -> SeededData.fillInt32(workers, values,
                                    k -> (int) SeededData.between(REGION_SEED, k, 0, REGIONS)))));
            Connection duckDb = loadIntoDuckDb(facts, dims, workers);
            return new SqlFacts(rows, facts, dims, duckDb, (System.nanoTime() - began) / 1e9);
        } catch (IOException | SQLException failed) {
            closeAll(facts, dims);
            throw new IllegalStateException("loading the SQL experiments' tables into DuckDB failed: "
                    + failed.getMessage(), failed);
        } catch (RuntimeException failed) {
            closeAll(facts, dims);
            throw failed;
        }
    }

    /** A table of the columns {@code makers} make in turn; those made are closed if a later one fails. */
    private static Table table(List<Field> fields, List<Supplier<Column>> makers) {
        List<Column> columns = new ArrayList<>();
        try {
            for (Supplier<Column> maker : makers) {
                columns.add(maker.get());
            }
            return new Table(new Schema(fields), columns);
        } catch (RuntimeException failed) {
            columns.forEach(Column::close);
            throw failed;
        }
    }

    /** A column without NULLs of a fixed-width {@code type}, whose values {@code fill} writes. */
    private static Column column(DataType type, long rows, Consumer<MemorySegment> fill) {
        HostBuffer values = HostBuffer.allocate(rows * type.physicalType().valueBytes(), "benchmark column");
        try {
            fill.accept(values.segment());
        } catch (RuntimeException failed) {
            values.close();
            throw failed;
        }
        return new Column(type, rows, 0, null, values, null, null);
    }

    private static Connection loadIntoDuckDb(Table facts, Table dims, CpuWorkers workers)
            throws IOException, SQLException {
        Path folder = Files.createTempDirectory("forge-bench-sql");
        try {
            Path factsFile = folder.resolve("facts.csv");
            Path dimsFile = folder.resolve("dims.csv");
            writeCsv(facts, factsFile, workers);
            writeCsv(dims, dimsFile, workers);
            Connection connection = DriverManager.getConnection("jdbc:duckdb:");
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET threads TO " + Runtime.getRuntime().availableProcessors());
                statement.execute("CREATE TABLE facts AS SELECT * FROM read_csv('" + factsFile
                        + "', header = false, columns = {'key': 'BIGINT', 'amount': 'DOUBLE', 'category': 'INTEGER'})");
                statement.execute("CREATE TABLE dims AS SELECT * FROM read_csv('" + dimsFile
                        + "', header = false, columns = {'key': 'BIGINT', 'region': 'INTEGER'})");
            } catch (SQLException failed) {
                connection.close();
                throw failed;
            }
            return connection;
        } finally {
            try (var files = Files.list(folder)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(folder);
        }
    }

    /** Writes a table of INT64, INT32 and FLOAT64 columns as CSV without a header, chunks formatted in parallel. */
    private static void writeCsv(Table table, Path file, CpuWorkers workers) throws IOException {
        long rows = table.rowCount();
        int chunks = Math.toIntExact(Math.max(1, (rows + CSV_CHUNK - 1) / CSV_CHUNK));
        int parallel = Math.max(1, workers.parallelism()) * 4;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (int first = 0; first < chunks; first += parallel) {
                int count = Math.min(parallel, chunks - first);
                byte[][] texts = new byte[count][];
                int base = first;
                workers.forEach(count, c -> texts[c] = csvChunk(table, (long) (base + c) * CSV_CHUNK,
                        Math.min(rows, (long) (base + c + 1) * CSV_CHUNK)));
                for (byte[] text : texts) {
                    ByteBuffer buffer = ByteBuffer.wrap(text);
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                }
            }
        } catch (UncheckedIOException failed) {
            throw failed.getCause();
        }
    }

    private static byte[] csvChunk(Table table, long from, long to) {
        StringBuilder text = new StringBuilder((int) Math.min(Integer.MAX_VALUE, (to - from) * 24));
        int columns = table.schema().size();
        for (long row = from; row < to; row++) {
            for (int c = 0; c < columns; c++) {
                if (c > 0) {
                    text.append(',');
                }
                var view = table.column(c).view();
                switch (view.type()) {
                    case DataType.Int64 ignored -> text.append(view.getLong(row));
                    case DataType.Int32 ignored -> text.append(view.getInt(row));
                    case DataType.Float64 ignored -> text.append(view.getDouble(row));
                    default -> throw new IllegalArgumentException("no CSV form for " + view.type());
                }
            }
            text.append('\n');
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static void closeAll(Table... tables) {
        for (Table table : tables) {
            if (table != null) {
                table.close();
            }
        }
    }

    String describe() {
        return String.format(Locale.ROOT, "facts %d rows, dims %d rows", rows, KEYS);
    }

    @Override
    public void close() {
        try {
            duckDb.close();
        } catch (SQLException failed) {
            throw new IllegalStateException("closing DuckDB failed: " + failed.getMessage(), failed);
        } finally {
            forge.close();
            facts.close();
            dims.close();
        }
    }
}
