package dev.forge.executor.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forge.columnar.Table;
import dev.forge.cuda.testing.RequiresGpu;
import dev.forge.engine.Engine;
import dev.forge.engine.Forge;
import dev.forge.engine.QueryResult;
import dev.forge.engine.Session;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Multi-stage GPU plans against the CPU executor, on the seeded random tables of {@link GpuJoinsAgainstCpuTest}: an
 * aggregate over an aggregate, a join whose build side is an aggregate, DISTINCT aggregates (several stages and
 * scalar rows), scalar sub-queries bound as kernel parameters (a NULL one, one over no row, a decimal one compared as a
 * key), a RIGHT join (run as the LEFT join of the sides swapped), MIN/MAX of 128-bit sums, a TopN over rows finished
 * on the host, unions (each input a stage, concatenated on the host), and a scalar sub-query with more than one row,
 * which fails exactly as on the CPU.
 */
@RequiresGpu
class GpuStagesAgainstCpuTest {
    static final List<String> QUERIES = List.of(
            "SELECT g, count(*), sum(c) FROM (SELECT g, k, count(*) AS c FROM t GROUP BY g, k) s WHERE c > 2 GROUP BY g",
            "SELECT count(DISTINCT k), count(DISTINCT g), count(*) FROM t",
            "SELECT k, x FROM t WHERE x > (SELECT avg(x) FROM t)",
            "SELECT k, x - (SELECT min(x) FROM t WHERE k > 100) FROM t",
            "SELECT t.k, t.x, s.total FROM t JOIN (SELECT k, sum(price) AS total FROM t GROUP BY k) s ON t.k = s.k"
                    + " WHERE t.x > 0",
            "SELECT u.label, count(*), count(t.x), sum(u.w) FROM t RIGHT JOIN u ON t.k = u.k GROUP BY u.label",
            "SELECT k, x FROM t WHERE x > 0 ORDER BY x DESC, k LIMIT 5",
            "SELECT max(total), min(total), count(*) FROM (SELECT k, sum(price) AS total FROM t GROUP BY k) s",
            "SELECT k, count(*) FROM t WHERE price = (SELECT max(price) FROM t) GROUP BY k",
            // a range of one day, so the planner cannot see one row from the unique key: SINGLE_VALUE checks it
            "SELECT k, x, (SELECT c FROM v WHERE d >= DATE '1995-01-01' AND d < DATE '1995-01-02') FROM t WHERE x > 0",
            "SELECT k, (SELECT c FROM v WHERE d >= DATE '1900-01-01' AND d < DATE '1900-01-02') FROM t",
            "SELECT g, sum(x) FROM t GROUP BY g HAVING sum(x) > (SELECT avg(x) * 10 FROM t)",
            "SELECT t.k, t.x FROM t WHERE t.x > (SELECT avg(t2.x) FROM t t2 WHERE t2.k = t.k)",
            "SELECT z, count(*), sum(w) FROM (SELECT k AS z, x AS w FROM t WHERE x > 0 UNION ALL SELECT k, w FROM u) s"
                    + " GROUP BY z",
            "SELECT g FROM t WHERE x > 0 UNION SELECT label FROM u",
            // HAVING conditions the device evaluates over the groups: nullable keys, exact, float and extreme values
            "SELECT k, sum(price), count(*) FROM t GROUP BY k HAVING sum(price) > 1000 OR k IS NULL",
            "SELECT k, b, min(d), max(x), sum(f) FROM t GROUP BY k, b"
                    + " HAVING min(d) < DATE '1996-06-01' AND (max(x) > 500000 OR sum(f) IS NULL OR b)",
            "SELECT f, count(*), min(f), max(price) FROM t GROUP BY f HAVING count(*) > 1 OR min(f) > 8.5"
                    + " OR max(price) < 0",
            "SELECT t.k, t.x FROM t WHERE t.k IN (SELECT k FROM t GROUP BY k HAVING sum(x) / 2 > 0 AND count(*) > 3)",
            // a TopN over groups: only the groups that can be among its rows are decoded (ties, NULLs, both orders)
            "SELECT k, count(*) AS c FROM t GROUP BY k ORDER BY c DESC, k LIMIT 3",
            "SELECT k, b, sum(f) AS s FROM t GROUP BY k, b ORDER BY s NULLS FIRST, k, b LIMIT 4",
            "SELECT d, max(price) FROM t GROUP BY d ORDER BY d DESC LIMIT 5 OFFSET 2",
            "SELECT k, g, min(x) AS m FROM t GROUP BY k, g ORDER BY m, k, g LIMIT 2",
            "SELECT sum(price) AS total, k FROM t GROUP BY k ORDER BY total DESC NULLS LAST, k LIMIT 2",
            "SELECT k, max(f) AS top FROM t GROUP BY k HAVING count(*) > 1 ORDER BY top DESC, k LIMIT 3",
            // an aggregate whose rows are first probed against the filtering join that reads its groups
            "SELECT s.k, s.total, u.label FROM (SELECT k, sum(price) AS total, count(*) AS c FROM t GROUP BY k) s"
                    + " JOIN u ON s.k = u.k WHERE u.w > 30",
            "SELECT s.k, s.n FROM (SELECT k, g, count(*) AS n, max(d) AS last FROM t GROUP BY k, g) s"
                    + " WHERE s.k IN (SELECT k FROM u WHERE w > 30)",
            // a SEMI join moved below the INNER join under it, to the build side and to the probe side
            "SELECT t.k, t.x, u.label FROM t JOIN u ON t.k = u.k WHERE u.k IN (SELECT k FROM t WHERE x > 900000)",
            "SELECT t.x, u.label, u.w FROM t JOIN u ON t.k = u.k WHERE t.d IN (SELECT d FROM v WHERE flag)");
    /** A scalar sub-query that gives many rows: an error, whichever engine runs it. */
    static final String MORE_THAN_ONE_ROW = "SELECT k, (SELECT c FROM v WHERE c = 3) FROM t";

    @BeforeAll
    static void startTheGpuExecutorBeforeTheLeakMarks() {
        GpuQueryExecutor.shared();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 1025, 262_145})
    void everyMultiStageQueryMatchesTheCpu(int rows) {
        try (Table t = GpuAgainstCpuTest.randomTable(rows, 23 + rows);
                // at most 300 dimension rows, as in GpuJoinsAgainstCpuTest: the CPU check must hold the joins in time
                Table u = GpuJoinsAgainstCpuTest.dimension(Math.min(300, Math.max(1, rows / 10)), 37 + rows);
                Table v = GpuJoinsAgainstCpuTest.dates(41 + rows)) {
            GpuAgainstCpuTest.assertGpuMatchesCpu(Forge.of(Map.of("t", t, "u", u, "v", v)), QUERIES, rows + " rows");
        }
    }

    @Test
    void aScalarSubQueryWithMoreThanOneRowFailsAsOnTheCpu() {
        try (Table t = GpuAgainstCpuTest.randomTable(1025, 5); Table v = GpuJoinsAgainstCpuTest.dates(8)) {
            Forge forge = Forge.of(Map.of("t", t, "v", v));
            Session cpu = forge.session().engine(Engine.CPU);
            Session gpu = forge.session().engine(Engine.GPU);
            Throwable expected = catchFailure(cpu, MORE_THAN_ONE_ROW);
            assertThat(expected).hasMessageContaining("more than one row");
            assertThatThrownBy(() -> gpu.sql(MORE_THAN_ONE_ROW).close()).isInstanceOf(expected.getClass())
                    .hasMessage(expected.getMessage());
        }
    }

    private static Throwable catchFailure(Session session, String sql) {
        try (QueryResult unexpected = session.sql(sql)) {
            throw new AssertionError("expected an error from " + sql + ", got " + unexpected.table().rowCount()
                    + " rows");
        } catch (RuntimeException failure) {
            return failure;
        }
    }
}
