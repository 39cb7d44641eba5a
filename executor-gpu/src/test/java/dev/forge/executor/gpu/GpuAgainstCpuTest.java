package dev.forge.executor.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.columnar.Column;
import dev.forge.columnar.ColumnBuilder;
import dev.forge.columnar.DataType;
import dev.forge.columnar.Field;
import dev.forge.columnar.Schema;
import dev.forge.columnar.Table;
import dev.forge.cuda.testing.RequiresGpu;
import dev.forge.engine.Engine;
import dev.forge.engine.Forge;
import dev.forge.engine.QueryResult;
import dev.forge.engine.Session;
import dev.forge.engine.corpus.ResultComparator;
import dev.forge.engine.corpus.ResultRows;
import dev.forge.plan.QueryException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded random tables at sizes around the tile (1024 rows) and block boundaries, with NULLs everywhere, each query run
 * on the GPU (Engine.GPU, so it must be supported) and on the CPU executor, the oracle.
 */
@RequiresGpu
class GpuAgainstCpuTest {
    static final List<String> QUERIES = List.of(
            "SELECT count(*), count(b), sum(price), min(price), max(d), sum(f), min(f), max(g) FROM t WHERE x > 5",
            "SELECT k, g, count(*), sum(price * 2), min(f), max(x), sum(x) FROM t GROUP BY k, g",
            "SELECT k, price * 3, EXTRACT(YEAR FROM d), CASE WHEN b THEN x ELSE -x END, g FROM t"
                    + " WHERE g = 'bb' AND price IS NOT NULL",
            "SELECT g, sum(x), count(price) FROM t WHERE b OR k IN (1, 2, 3) GROUP BY g",
            "SELECT d, count(*) FROM t WHERE d BETWEEN DATE '1995-01-01' AND DATE '1996-12-31' GROUP BY d",
            "SELECT sum(price / 7), sum(CAST(x AS DECIMAL(20, 2)) * price) FROM t WHERE NOT b",
            "SELECT k, x FROM t WHERE MOD(x, 3) = 1 AND f > 0.5");

    @BeforeAll
    static void startTheGpuExecutorBeforeTheLeakMarks() {
        GpuQueryExecutor.shared();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 1023, 1024, 1025, 262_145})
    void everyQueryMatchesTheCpu(int rows) {
        try (Table table = randomTable(rows, 42 + rows)) {
            assertGpuMatchesCpu(Forge.of(Map.of("t", table)), QUERIES, rows + " rows");
        }
    }

    /** Runs each query on Engine.GPU (so it must be supported) and on the CPU executor; the results must agree. */
    static void assertGpuMatchesCpu(Forge forge, List<String> queries, String data) {
        assertGpuMatchesCpu(forge, queries, data, reason -> false);
    }

    /**
     * As {@link #assertGpuMatchesCpu(Forge, List, String)}, except that a query the GPU refuses for a reason
     * {@code refusalExpected} accepts is left out (and printed) instead of failing the test.
     */
    static void assertGpuMatchesCpu(Forge forge, List<String> queries, String data,
            Predicate<String> refusalExpected) {
        Session gpu = forge.session().engine(Engine.GPU);
        Session cpu = forge.session().engine(Engine.CPU);
        for (String sql : queries) {
            try (QueryResult expected = cpu.sql(sql)) {
                QueryResult actual;
                try {
                    actual = gpu.sql(sql);
                } catch (QueryException refused) {
                    if (!refusalExpected.test(refused.getMessage())) {
                        throw refused;
                    }
                    System.out.println(data + ": left out (" + refused.getMessage() + "): " + sql);
                    continue;
                }
                try (actual) {
                    compare(expected, actual, data, sql);
                }
            }
        }
    }

    private static void compare(QueryResult expected, QueryResult actual, String data, String sql) {
        assertThat(actual.statistics().engine()).as(sql + "\n" + actual.statistics().engineNote())
                .isEqualTo(Engine.GPU);
        Optional<String> difference = ResultComparator.compare(ResultRows.of(expected.table()),
                ResultRows.of(actual.table()), false);
        assertThat(difference).as(data + ": " + sql).isEmpty();
    }

    static Table randomTable(int rows, long seed) {
        Random random = new Random(seed);
        String[] words = {"a", "bb", "ccc", "dddd", "e"};
        ColumnBuilder k = ColumnBuilder.of(DataType.INT32, rows);
        ColumnBuilder x = ColumnBuilder.of(DataType.INT64, rows);
        ColumnBuilder price = ColumnBuilder.of(DataType.decimal(12, 2), rows);
        ColumnBuilder d = ColumnBuilder.of(DataType.DATE, rows);
        ColumnBuilder f = ColumnBuilder.of(DataType.FLOAT64, rows);
        ColumnBuilder b = ColumnBuilder.of(DataType.BOOLEAN, rows);
        ColumnBuilder g = ColumnBuilder.of(DataType.VARCHAR, rows);
        for (int row = 0; row < rows; row++) {
            appendOrNull(k, random, () -> k.appendInt(random.nextInt(20) - 3));
            x.appendLong(random.nextLong(-1_000_000, 1_000_000));
            appendOrNull(price, random, () -> price.appendDecimal(BigDecimal.valueOf(random.nextLong(-10_000_000,
                    10_000_000), 2)));
            d.appendInt(9000 + random.nextInt(3000));
            appendOrNull(f, random, () -> f.appendDouble(random.nextDouble() * 10 - 1));
            appendOrNull(b, random, () -> b.appendBoolean(random.nextBoolean()));
            g.appendString(words[random.nextInt(words.length)]);
        }
        List<ColumnBuilder> builders = List.of(k, x, price, d, f, b, g);
        List<Column> columns = builders.stream().map(ColumnBuilder::build).toList();
        builders.forEach(ColumnBuilder::close);
        return new Table(new Schema(List.of(Field.nullable("k", DataType.INT32), Field.required("x", DataType.INT64),
                Field.nullable("price", DataType.decimal(12, 2)), Field.required("d", DataType.DATE),
                Field.nullable("f", DataType.FLOAT64), Field.nullable("b", DataType.BOOLEAN),
                Field.required("g", DataType.VARCHAR))), columns);
    }

    private static void appendOrNull(ColumnBuilder builder, Random random, Runnable append) {
        if (random.nextInt(10) == 0) {
            builder.appendNull();
        } else {
            append.run();
        }
    }
}
