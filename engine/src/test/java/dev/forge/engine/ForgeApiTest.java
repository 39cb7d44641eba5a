package dev.forge.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forge.columnar.DataType;
import dev.forge.columnar.Field;
import dev.forge.columnar.Table;
import dev.forge.cuda.testing.NativeLeakCheck;
import dev.forge.plan.PlanNode;
import dev.forge.plan.PlanPrinter;
import dev.forge.plan.QueryCancelledException;
import dev.forge.plan.QueryException;
import dev.forge.plan.Scan;
import dev.forge.plan.TableCatalog;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The API's plumbing with a stand-in planner ("SELECT * FROM t" only) and a stand-in executor (copies a scan), so
 * results, statistics, engine choice and error handling are tested without the SQL front end or the CPU executor.
 */
@ExtendWith(NativeLeakCheck.class)
class ForgeApiTest {
    private static final List<Field> FIELDS = List.of(Field.required("id", DataType.INT64),
            Field.nullable("small", DataType.INT32), Field.nullable("price", DataType.decimal(10, 2)),
            Field.nullable("name", DataType.VARCHAR), Field.nullable("day", DataType.DATE),
            Field.nullable("ratio", DataType.FLOAT64), Field.nullable("flag", DataType.BOOLEAN));

    private Table items;
    private Forge forge;

    @BeforeEach
    void open() throws Exception {
        items = TestTables.of(FIELDS, List.of(
                List.of(1L, 10, new BigDecimal("2.50"), "pen", LocalDate.of(2024, 1, 31), 0.5, true),
                Arrays.asList(2L, null, null, null, null, null, null),
                List.of(3L, -4, new BigDecimal("-1.25"), "ink", LocalDate.of(1999, 12, 31), -2.0, false)));
        forge = Forge.builder().table("items", items).planner(ScanOnlyPlanner::new)
                .executor(Engine.CPU, ForgeApiTest::copyScan).build();
    }

    @AfterEach
    void close() {
        forge.close();
        items.close();
    }

    /** Plans "SELECT * FROM name"; anything else is a planning error. */
    record ScanOnlyPlanner(TableCatalog catalog) implements QueryPlanner {
        @Override
        public PlannedStatement plan(String sql) {
            String prefix = "select * from ";
            if (!sql.toLowerCase(Locale.ROOT).startsWith(prefix)) {
                throw new IllegalArgumentException("cannot plan: " + sql);
            }
            String table = sql.substring(prefix.length()).strip();
            List<Field> fields = catalog.schema(table).fields();
            PlanNode plan = new Scan(table, IntStream.range(0, fields.size()).boxed().toList(), fields, List.of());
            return new PlannedStatement(sql, plan, fields.stream().map(Field::name).toList(), PlanPrinter.explain(plan));
        }
    }

    private static Table copyScan(PlanNode plan, TableCatalog catalog, java.util.function.BooleanSupplier cancelled) {
        Scan scan = (Scan) plan;
        if (cancelled.getAsBoolean()) {
            throw new QueryCancelledException();
        }
        if (scan.fields().size() != 7) {
            throw new IllegalStateException("an executor bug");
        }
        return TestTables.copy(catalog.table(scan.table()), scan.columns());
    }

    @Test
    void typedAccessReadsEveryTypeAndNull() {
        Session session = forge.session();
        try (QueryResult result = session.sql("SELECT * FROM items")) {
            assertThat(result.columnCount()).isEqualTo(7);
            assertThat(result.columnNames()).containsExactly("id", "small", "price", "name", "day", "ratio", "flag");
            assertThat(result.columnTypes()).containsExactly(DataType.INT64, DataType.INT32, DataType.decimal(10, 2),
                    DataType.VARCHAR, DataType.DATE, DataType.FLOAT64, DataType.BOOLEAN);
            assertThat(result.rowCount()).isEqualTo(3);
            assertThat(result.getLong(0, 0)).isEqualTo(1);
            assertThat(result.getLong(2, 1)).isEqualTo(-4);
            assertThat(result.getInt(0, 1)).isEqualTo(10);
            assertThat(result.getDecimal(2, 2)).isEqualByComparingTo("-1.25");
            assertThat(result.getDecimal(0, 0)).isEqualByComparingTo("1");
            assertThat(result.getString(0, 3)).isEqualTo("pen");
            assertThat(result.getDate(2, 4)).isEqualTo(LocalDate.of(1999, 12, 31));
            assertThat(result.getDouble(0, 5)).isEqualTo(0.5);
            assertThat(result.getDouble(0, 2)).isEqualTo(2.5);
            assertThat(result.getBoolean(2, 6)).isFalse();
            assertThat(result.getObject(0, 4)).isEqualTo(LocalDate.of(2024, 1, 31));
            for (int column = 1; column < 7; column++) {
                assertThat(result.isNull(1, column)).isTrue();
                assertThat(result.getObject(1, column)).isNull();
            }
            assertThat(result.getString(1, 3)).isNull();
            assertThat(result.getDecimal(1, 2)).isNull();
        }
    }

    @Test
    void readingNullAsAPrimitiveOrTheWrongTypeSaysWhat() {
        try (QueryResult result = forge.session().sql("SELECT * FROM items")) {
            assertThatThrownBy(() -> result.getLong(1, 1)).hasMessageContaining("row 1, column 1 (small) is NULL");
            assertThatThrownBy(() -> result.getLong(0, 2)).hasMessageContaining("DECIMAL(10,2)")
                    .hasMessageContaining("getDecimal");
            assertThatThrownBy(() -> result.getString(0, 0)).hasMessageContaining("column 0 (id) is INT64");
        }
    }

    @Test
    void rowsIterateInOrder() {
        try (QueryResult result = forge.session().sql("SELECT * FROM items")) {
            List<Long> ids = new ArrayList<>();
            for (ResultRow row : result) {
                ids.add(row.getLong(0));
            }
            assertThat(ids).containsExactly(1L, 2L, 3L);
        }
    }

    @Test
    void statisticsNameTheEngineAndWhatWasScanned() {
        try (QueryResult result = forge.session().sql("SELECT * FROM items")) {
            QueryStatistics statistics = result.statistics();
            assertThat(statistics.engine()).isEqualTo(Engine.CPU);
            assertThat(statistics.rowsScanned()).isEqualTo(3);
            // 3 INT64 ids alone are 24 bytes; the other columns and their validity add more
            assertThat(statistics.bytesScanned()).isGreaterThan(24);
            assertThat(statistics.resultRows()).isEqualTo(3);
            assertThat(statistics.planningMicros()).isNotNegative();
            assertThat(statistics.executionMicros()).isNotNegative();
        }
    }

    @Test
    void theGpuEngineSaysItIsNotAvailableAndTheSessionGoesOn() {
        Session session = forge.session().engine(Engine.GPU);
        assertThatThrownBy(() -> session.sql("SELECT * FROM items")).isInstanceOf(QueryException.class)
                .hasMessageContaining("GPU executor is not available yet");
        session.engine(Engine.AUTO);
        try (QueryResult result = session.sql("SELECT * FROM items")) {
            assertThat(result.statistics().engine()).isEqualTo(Engine.CPU);
        }
    }

    @Test
    void autoTakesTheGpuWhereItCanUnlessToldToKeepToTheCpu() throws Exception {
        try (Forge withGpu = Forge.builder().table("items", items).planner(ScanOnlyPlanner::new)
                .executor(Engine.CPU, ForgeApiTest::copyScan).executor(Engine.GPU, ForgeApiTest::copyScan).build()) {
            Session session = withGpu.session().engine(Engine.AUTO);
            try (QueryResult result = session.sql("SELECT * FROM items")) {
                assertThat(result.statistics().engine()).isEqualTo(Engine.GPU);
            }
            System.setProperty("forge.gpu.auto", "false");
            try (QueryResult result = session.sql("SELECT * FROM items")) {
                assertThat(result.statistics().engine()).isEqualTo(Engine.CPU);
                assertThat(result.statistics().engineNote()).isEqualTo(Forge.AUTO_KEEPS_CPU);
            } finally {
                System.clearProperty("forge.gpu.auto");
            }
            try (QueryResult result = session.engine(Engine.GPU).sql("SELECT * FROM items")) {
                assertThat(result.statistics().engine()).isEqualTo(Engine.GPU);
            }
        }
    }

    @Test
    void autoLeavesToTheCpuWhatTheGpuExecutorDeclinesButTheGpuEngineStillRunsIt() throws Exception {
        QueryExecutor declining = new QueryExecutor() {
            @Override
            public Table execute(PlanNode plan, TableCatalog catalog, java.util.function.BooleanSupplier cancelled) {
                return copyScan(plan, catalog, cancelled);
            }

            @Override
            public Optional<String> autoDeclineReason(PlanNode plan, TableCatalog catalog) {
                return Optional.of("not yet verified on hardware");
            }
        };
        try (Forge withGpu = Forge.builder().table("items", items).planner(ScanOnlyPlanner::new)
                .executor(Engine.CPU, ForgeApiTest::copyScan).executor(Engine.GPU, declining).build()) {
            Session session = withGpu.session().engine(Engine.AUTO);
            try (QueryResult result = session.sql("SELECT * FROM items")) {
                assertThat(result.statistics().engine()).isEqualTo(Engine.CPU);
                assertThat(result.statistics().engineNote()).contains("not yet verified on hardware")
                        .contains("Engine.GPU runs it");
            }
            try (QueryResult result = session.engine(Engine.GPU).sql("SELECT * FROM items")) {
                assertThat(result.statistics().engine()).isEqualTo(Engine.GPU);
            }
        }
    }

    @Test
    void failuresLeaveTheSessionUsable() {
        Session session = forge.session();
        assertThatThrownBy(() -> session.sql("DELETE everything")).hasMessageContaining("cannot plan");
        assertThatThrownBy(() -> session.sql("SELECT * FROM nothing")).hasMessageContaining("no table 'nothing'")
                .hasMessageContaining("items");
        try (QueryResult result = session.sql("SELECT * FROM items")) {
            assertThat(result.rowCount()).isEqualTo(3);
        }
    }

    @Test
    void anExecutorBugBecomesAQueryExceptionNamingTheEngine() throws Exception {
        try (Forge broken = Forge.builder().table("items", items).planner(ScanOnlyPlanner::new)
                .executor(Engine.CPU, (plan, catalog, cancelled) -> {
                    throw new IllegalStateException("index out of range");
                }).build()) {
            assertThatThrownBy(() -> broken.session().sql("SELECT * FROM items")).isInstanceOf(QueryException.class)
                    .hasMessageContaining("CPU executor failed").hasMessageContaining("index out of range");
        }
    }

    @Test
    void explainIsThePlannersText() {
        assertThat(forge.session().explain("SELECT * FROM items")).startsWith("Scan items");
    }

    @Test
    void aClosedResultRefusesReads() {
        QueryResult result = forge.session().sql("SELECT * FROM items");
        result.close();
        assertThatThrownBy(() -> result.getLong(0, 0)).hasMessageContaining("closed");
        assertThatThrownBy(() -> Forge.builder().executor(Engine.AUTO, ForgeApiTest::copyScan))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
