package dev.forge.executor.gpu;

import dev.forge.columnar.Column;
import dev.forge.columnar.ColumnBuilder;
import dev.forge.columnar.DataType;
import dev.forge.columnar.Field;
import dev.forge.columnar.Schema;
import dev.forge.columnar.Table;
import dev.forge.cuda.testing.RequiresGpu;
import dev.forge.engine.Forge;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hash joins on the GPU against the CPU executor, on seeded random tables: a fact table {@code t} (the random table of
 * {@link GpuAgainstCpuTest}, NULL keys included) probing dimension tables whose keys repeat (duplicates), are NULL,
 * or match no fact row (dangling), and fact keys with no dimension row. Inner joins with payload columns above the
 * join (also VARCHAR group keys from a build side), star joins probing two tables in one kernel, residuals, two-key
 * joins, SEMI and ANTI joins, and materialised joined rows (more rows than the probe side has, which makes the kernel
 * run again with room for all of them).
 */
@RequiresGpu
class GpuJoinsAgainstCpuTest {
    static final List<String> QUERIES = List.of(
            "SELECT count(*), sum(t.x), sum(u.w), min(u.label), max(u.u_day) FROM t JOIN u ON t.k = u.k",
            "SELECT u.label, count(*), sum(t.price), max(u.w) FROM t JOIN u ON t.k = u.k WHERE u.w > 10 AND t.x > 0"
                    + " GROUP BY u.label",
            "SELECT v.c, u.label, count(*), sum(t.x) FROM t JOIN u ON t.k = u.k JOIN v ON t.d = v.d WHERE v.flag"
                    + " GROUP BY v.c, u.label",
            "SELECT count(*), sum(u.w) FROM t JOIN u ON t.k = u.k AND t.x > u.w * 10000",
            "SELECT u.label, count(*) FROM t JOIN u ON t.k = u.k AND t.d = u.u_day GROUP BY u.label",
            "SELECT count(*), sum(x) FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.k = t.k AND u.w > 20)",
            "SELECT count(*), sum(x), count(k) FROM t WHERE NOT EXISTS (SELECT 1 FROM u WHERE u.k = t.k)",
            "SELECT t.k, t.x, u.w, u.label FROM t JOIN u ON t.k = u.k WHERE t.x > 0",
            "SELECT t.g, v.c, sum(t.x * u.w) FROM t JOIN u ON t.k = u.k JOIN v ON t.d = v.d GROUP BY t.g, v.c",
            "SELECT count(*), count(t.k), sum(u.w) FROM t JOIN u ON t.k IS NOT DISTINCT FROM u.k",
            "SELECT v.flag, count(*), sum(u.amount) FROM t JOIN v ON t.d = v.d JOIN u ON t.k = u.k AND v.c = u.w"
                    + " WHERE t.x > 0 GROUP BY v.flag",
            "SELECT count(*), count(u.w), sum(u.w), sum(t.x) FROM t LEFT JOIN u ON t.k = u.k",
            "SELECT u.label, count(*), count(u.w) FROM t LEFT JOIN u ON t.k = u.k AND u.w < 5 GROUP BY u.label",
            "SELECT t.k, t.x, u.w, u.label FROM t LEFT JOIN u ON t.k = u.k AND u.w < 30 WHERE t.x > 0");

    @BeforeAll
    static void startTheGpuExecutorBeforeTheLeakMarks() {
        GpuQueryExecutor.shared();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 1023, 1025, 262_145})
    void everyJoinMatchesTheCpu(int rows) {
        try (Table t = GpuAgainstCpuTest.randomTable(rows, 17 + rows);
                // at most 300 dimension rows over 30 keys: about 10 matches per fact row, so the largest case
                // joins to millions of rows rather than the 10^8 that rows / 10 gave (which the CPU check cannot hold)
                Table u = dimension(Math.max(1, Math.min(rows / 10, 300)), 31 + rows);
                Table v = dates(97 + rows)) {
            // With 0 or 1 fact rows the planner builds the LEFT joins' hash table on the fact side, making them RIGHT
            // joins, which the GPU runs as the LEFT joins of the sides swapped: every query must run there
            GpuAgainstCpuTest.assertGpuMatchesCpu(Forge.of(Map.of("t", t, "u", u, "v", v)), QUERIES, rows + " rows");
        }
    }

    /**
     * A dimension keyed by {@code k} in [-5, 25): the fact table's keys are in [-3, 17), so some fact keys find several
     * rows (duplicates), some dimension rows find no fact row (dangling), and a tenth of the keys are NULL.
     */
    static Table dimension(int rows, long seed) {
        Random random = new Random(seed);
        String[] names = {"north", "south", "east", "west"};
        ColumnBuilder k = ColumnBuilder.of(DataType.INT32, rows);
        ColumnBuilder w = ColumnBuilder.of(DataType.INT64, rows);
        ColumnBuilder name = ColumnBuilder.of(DataType.VARCHAR, rows);
        ColumnBuilder day = ColumnBuilder.of(DataType.DATE, rows);
        ColumnBuilder amount = ColumnBuilder.of(DataType.decimal(10, 2), rows);
        for (int row = 0; row < rows; row++) {
            if (random.nextInt(10) == 0) {
                k.appendNull();
            } else {
                k.appendInt(random.nextInt(30) - 5);
            }
            if (random.nextInt(10) == 0) {
                w.appendNull();
            } else {
                w.appendLong(random.nextInt(50));
            }
            name.appendString(names[random.nextInt(names.length)]);
            day.appendInt(9000 + random.nextInt(3000));
            amount.appendDecimal(BigDecimal.valueOf(random.nextInt(100_000), 2));
        }
        List<ColumnBuilder> builders = List.of(k, w, name, day, amount);
        List<Column> columns = builders.stream().map(ColumnBuilder::build).toList();
        builders.forEach(ColumnBuilder::close);
        return new Table(new Schema(List.of(Field.nullable("k", DataType.INT32), Field.nullable("w", DataType.INT64),
                Field.required("label", DataType.VARCHAR), Field.required("u_day", DataType.DATE),
                Field.required("amount", DataType.decimal(10, 2)))), columns);
    }

    /** One row per day of most of the fact table's date range (each date once; some fact dates have none). */
    static Table dates(long seed) {
        Random random = new Random(seed);
        int rows = 2800;
        ColumnBuilder d = ColumnBuilder.of(DataType.DATE, rows);
        ColumnBuilder c = ColumnBuilder.of(DataType.INT32, rows);
        ColumnBuilder flag = ColumnBuilder.of(DataType.BOOLEAN, rows);
        for (int row = 0; row < rows; row++) {
            d.appendInt(9100 + row);
            c.appendInt(random.nextInt(12));
            if (random.nextInt(10) == 0) {
                flag.appendNull();
            } else {
                flag.appendBoolean(random.nextBoolean());
            }
        }
        List<ColumnBuilder> builders = List.of(d, c, flag);
        List<Column> columns = builders.stream().map(ColumnBuilder::build).toList();
        builders.forEach(ColumnBuilder::close);
        return new Table(new Schema(List.of(Field.required("d", DataType.DATE), Field.required("c", DataType.INT32),
                Field.nullable("flag", DataType.BOOLEAN))), columns);
    }
}
