package dev.forge.executor.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.columnar.Table;
import dev.forge.columnar.generate.TpchGenerator;
import dev.forge.columnar.io.ProgressListener;
import dev.forge.cuda.testing.NativeLeakCheck;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Hand-written TPC-H plans at SF 0.01 against DuckDB running the same queries as SQL on the same data. */
@ExtendWith(NativeLeakCheck.class)
class TpchAgainstDuckDbTest {
    private static TestCatalog catalog;
    private static DuckDbOracle duckDb;
    private static TpchPlans plans;

    @BeforeAll
    static void generate() throws Exception {
        TpchGenerator generator = new TpchGenerator(0.01, 2, ProgressListener.NONE);
        catalog = new TestCatalog();
        duckDb = new DuckDbOracle();
        for (String table : List.of("customer", "orders", "lineitem")) {
            Table data = generator.generate(table);
            catalog.add(table, data);
            duckDb.load(table, data);
        }
        plans = new TpchPlans(catalog::schema);
    }

    @AfterAll
    static void close() throws Exception {
        catalog.close();
        duckDb.close();
    }

    /** Values in one comparable form: exact decimals as plain text, dates as epoch days, integers as Long. */
    static Object normalize(Object value) {
        return switch (value) {
            case null -> null;
            case BigDecimal decimal -> decimal.stripTrailingZeros().toPlainString();
            case Integer number -> number.longValue();
            case LocalDate date -> date.toEpochDay();
            case java.sql.Date date -> date.toLocalDate().toEpochDay();
            default -> value;
        };
    }

    static void assertSameRows(List<List<Object>> actual, List<List<Object>> expected, String query) {
        assertThat(actual).as(query + " row count").hasSize(expected.size());
        for (int r = 0; r < actual.size(); r++) {
            List<Object> a = actual.get(r);
            List<Object> e = expected.get(r);
            assertThat(a).as(query + " row " + r + " width").hasSize(e.size());
            for (int c = 0; c < a.size(); c++) {
                Object x = normalize(a.get(c));
                Object y = normalize(e.get(c));
                if (x instanceof Double dx && y instanceof Double dy) {
                    assertThat(dx).as(query + " row " + r + " column " + c).isCloseTo(dy,
                            org.assertj.core.api.Assertions.within(1e-9 * Math.max(1, Math.abs(dy))));
                } else {
                    assertThat(x).as(query + " row " + r + " column " + c).isEqualTo(y);
                }
            }
        }
    }

    private static void check(TpchPlans.Query query) throws Exception {
        List<List<Object>> expected = duckDb.query(query.sql());
        for (int threads : new int[] {1, 3}) {
            try (Table result = new CpuExecutor(threads, 4096).execute(query.plan(), catalog)) {
                assertSameRows(TestTables.rows(result), expected, query.name() + " on " + threads + " threads");
            }
        }
    }

    @Test
    void q1() throws Exception {
        check(plans.q1());
    }

    @Test
    void q3() throws Exception {
        check(plans.q3());
    }

    @Test
    void q6() throws Exception {
        check(plans.q6());
    }

    @Test
    void q13() throws Exception {
        check(plans.q13());
    }

}
