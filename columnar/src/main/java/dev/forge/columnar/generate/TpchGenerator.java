package dev.forge.columnar.generate;

import dev.forge.columnar.Column;
import dev.forge.columnar.ColumnBuilder;
import dev.forge.columnar.Concatenation;
import dev.forge.columnar.DataType;
import dev.forge.columnar.Field;
import dev.forge.columnar.Schema;
import dev.forge.columnar.Table;
import dev.forge.columnar.io.ProgressListener;
import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * TPC-H data from the {@code io.trino.tpch} port of dbgen: keys as INT64, money and quantities as DECIMAL(15,2)
 * (dbgen's exact cents), dates as DATE. Each table is generated in parts on several threads; the parts are the
 * dbgen "children" of the specification, so the data is the same whatever the thread count.
 */
public final class TpchGenerator {
    /** The eight tables in dependency order. */
    public static final List<String> TABLES = List.of("region", "nation", "supplier", "customer", "part", "partsupp",
            "orders", "lineitem");

    private static final DataType MONEY = DataType.decimal(15, 2);
    private static final long ROWS_PER_PART = 200_000;

    private final double scaleFactor;
    private final int threads;
    private final ProgressListener progress;

    public TpchGenerator(double scaleFactor, int threads, ProgressListener progress) {
        ScaleFactors.require(scaleFactor);
        this.scaleFactor = scaleFactor;
        this.threads = Math.max(1, threads);
        this.progress = progress;
    }

    public double scaleFactor() {
        return scaleFactor;
    }

    /** Rows the table will have (exact for every table but lineitem, whose count is known only once generated). */
    public long estimatedRows(String table) {
        return switch (table) {
            case "region" -> 5;
            case "nation" -> 25;
            case "supplier" -> (long) (10_000 * scaleFactor);
            case "customer" -> (long) (150_000 * scaleFactor);
            case "part" -> (long) (200_000 * scaleFactor);
            case "partsupp" -> (long) (800_000 * scaleFactor);
            case "orders" -> (long) (1_500_000 * scaleFactor);
            case "lineitem" -> (long) (6_000_000 * scaleFactor);
            default -> throw unknown(table);
        };
    }

    public Schema schema(String table) {
        List<Field> fields = new ArrayList<>();
        for (TpchColumn<?> column : tpchTable(table).getColumns()) {
            fields.add(Field.required(column.getColumnName(), typeOf(column)));
        }
        return new Schema(fields);
    }

    /** The whole table in memory; the caller owns it. */
    public Table generate(String table) throws IOException {
        TpchTable<?> source = tpchTable(table);
        Schema schema = schema(table);
        int parts = partCount(table);
        List<Table> pieces = new ArrayList<>(parts);
        long[] rows = {0};
        try {
            PartitionedWork.run(parts, threads, part -> generatePart(source, schema, part + 1, parts), (part, piece) -> {
                pieces.add(piece);
                rows[0] += piece.rowCount();
                progress.update(table, rows[0], estimatedRows(table));
            });
            return pieces.size() == 1 ? pieces.removeFirst() : Concatenation.tables(schema, pieces);
        } catch (IOException | RuntimeException failed) {
            throw failed;
        } catch (Exception failed) {
            throw new IOException("generating TPC-H " + table + ": " + failed.getMessage(), failed);
        } finally {
            pieces.forEach(Table::close);
        }
    }

    /** Writes the table as dbgen does ({@code |} after every field), generating parts in parallel. */
    public void writeTbl(String table, Path file) throws IOException {
        TpchTable<?> source = tpchTable(table);
        int parts = partCount(table);
        long[] rows = {0};
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            PartitionedWork.run(parts, threads, part -> renderPart(source, part + 1, parts), (part, text) -> {
                text.bytes.writeTo(out);
                rows[0] += text.rows;
                progress.update(table, rows[0], estimatedRows(table));
            });
        } catch (IOException | RuntimeException failed) {
            throw failed;
        } catch (Exception failed) {
            throw new IOException("generating TPC-H " + table + ": " + failed.getMessage(), failed);
        }
    }

    private record RenderedPart(ByteArrayOutputStream bytes, long rows) {
    }

    private RenderedPart renderPart(TpchTable<?> source, int part, int parts) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 20);
        long rows = 0;
        for (TpchEntity entity : source.createGenerator(scaleFactor, part, parts)) {
            bytes.writeBytes(entity.toLine().getBytes(StandardCharsets.UTF_8));
            bytes.write('\n');
            rows++;
        }
        return new RenderedPart(bytes, rows);
    }

    private <E extends TpchEntity> Table generatePart(TpchTable<E> source, Schema schema, int part, int parts) {
        List<TpchColumn<E>> columns = source.getColumns();
        long expected = Math.max(16, estimatedRows(source.getTableName()) / parts + 16);
        ColumnBuilder[] builders = new ColumnBuilder[columns.size()];
        try {
            for (int c = 0; c < builders.length; c++) {
                builders[c] = ColumnBuilder.of(schema.field(c).type(), expected);
            }
            for (E entity : source.createGenerator(scaleFactor, part, parts)) {
                for (int c = 0; c < builders.length; c++) {
                    TpchColumn<E> column = columns.get(c);
                    switch (column.getType().getBase()) {
                        case IDENTIFIER, DOUBLE -> builders[c].appendLong(column.getIdentifier(entity));
                        case INTEGER -> builders[c].appendInt(column.getInteger(entity));
                        case DATE -> builders[c].appendInt(column.getDate(entity));
                        case VARCHAR -> builders[c].appendString(column.getString(entity));
                    }
                }
            }
            List<Column> built = new ArrayList<>(builders.length);
            for (ColumnBuilder builder : builders) {
                built.add(builder.build());
            }
            return new Table(schema, built);
        } finally {
            for (ColumnBuilder builder : builders) {
                if (builder != null) {
                    builder.close();
                }
            }
        }
    }

    private int partCount(String table) {
        if (table.equals("region") || table.equals("nation")) {
            return 1;
        }
        return Math.clamp((estimatedRows(table) + ROWS_PER_PART - 1) / ROWS_PER_PART, 1, 4096);
    }

    private static DataType typeOf(TpchColumn<?> column) {
        return switch (column.getType().getBase()) {
            case IDENTIFIER -> DataType.INT64;
            case INTEGER -> DataType.INT32;
            case DATE -> DataType.DATE;
            // dbgen generates money as whole cents, quantities and rates as hundredths: exact at scale 2
            case DOUBLE -> MONEY;
            case VARCHAR -> DataType.VARCHAR;
        };
    }

    static TpchTable<?> tpchTable(String table) {
        String name = table.toLowerCase(Locale.ROOT);
        for (TpchTable<?> candidate : TpchTable.getTables()) {
            if (candidate.getTableName().equals(name)) {
                return candidate;
            }
        }
        throw unknown(table);
    }

    private static IllegalArgumentException unknown(String table) {
        return new IllegalArgumentException("TPC-H has no table '" + table + "'; its tables are " + TABLES);
    }
}
