package dev.forge.executor.gpu.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.columnar.Table;
import dev.forge.engine.Forge;
import dev.forge.executor.gpu.GpuJoinsTestAccess;
import dev.forge.executor.gpu.pipeline.GpuPlan;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs the generated join kernels (build materialisation, hash table insert, probe with residuals, SEMI/ANTI, star
 * joins, null-safe keys, grouped aggregation over build columns, materialised rows that outnumber the probe rows) on
 * the CPU emulation of CUDA ({@link KernelEmulation}), on seeded random tables with duplicate, NULL and dangling keys,
 * against the CPU executor. The runner's device code paths are {@code GpuJoinsAgainstCpuTest}'s.
 */
class JoinKernelEmulationTest {
    private static final List<String> QUERIES = List.of(
            "SELECT count(*), sum(t.x), sum(u.w) FROM t JOIN u ON t.k = u.k",
            "SELECT count(*), sum(t.x), count(u.w) FROM t JOIN u ON t.k = u.k JOIN v ON t.d = v.d"
                    + " WHERE v.flag AND u.w > 10",
            "SELECT count(*), sum(u.w) FROM t JOIN u ON t.k = u.k AND t.x > u.w * 10000",
            "SELECT count(*), sum(x) FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.k = t.k AND u.w > 20)",
            "SELECT count(*), sum(x), count(k) FROM t WHERE NOT EXISTS (SELECT 1 FROM u WHERE u.k = t.k)",
            "SELECT count(*), sum(x) FROM t WHERE NOT EXISTS (SELECT 1 FROM u WHERE u.k = t.k AND u.w < t.x)",
            "SELECT t.k, t.x, u.w FROM t JOIN u ON t.k = u.k WHERE t.x > 0",
            "SELECT count(*), count(t.k), sum(u.w) FROM t JOIN u ON t.k IS NOT DISTINCT FROM u.k",
            "SELECT count(*), sum(t.x) FROM t JOIN u ON t.k = u.k AND t.d = u.u_day",
            "SELECT count(*), sum(v.c) FROM t JOIN v ON t.d = v.d JOIN u ON t.k = u.k AND v.c = u.w WHERE t.x > 0",
            "SELECT u.label, count(*), sum(t.x), max(u.w), min(t.k) FROM t JOIN u ON t.k = u.k"
                    + " WHERE u.w > 10 AND t.x > 0 GROUP BY u.label",
            "SELECT v.c, u.label, count(*), sum(t.x) FROM t JOIN u ON t.k = u.k JOIN v ON t.d = v.d WHERE v.flag"
                    + " GROUP BY v.c, u.label",
            "SELECT u.w, count(*) FROM t JOIN u ON t.k = u.k WHERE u.label = 'north' GROUP BY u.w",
            "SELECT t.k, count(*), sum(u.w) FROM t JOIN u ON t.k IS NOT DISTINCT FROM u.k GROUP BY t.k",
            "SELECT v.c, sum(t.x) FROM t JOIN v ON t.d = v.d JOIN u ON t.k = u.k"
                    + " WHERE u.label IN ('east', 'west') AND v.c < 6 GROUP BY v.c",
            "SELECT count(*), count(u.w), sum(u.w), sum(t.x) FROM t LEFT JOIN u ON t.k = u.k",
            "SELECT count(*), count(u.k), sum(u.w) FROM t LEFT JOIN u ON t.k = u.k AND u.w > 20 AND t.x > u.w",
            "SELECT u.label, count(*), count(u.w) FROM t LEFT JOIN u ON t.k = u.k AND u.w < 5 GROUP BY u.label",
            "SELECT t.k, t.x, u.w, u.label FROM t LEFT JOIN u ON t.k = u.k AND u.w < 30 WHERE t.x > 0",
            "SELECT v.c, count(*), sum(u.w) FROM t LEFT JOIN u ON t.k = u.k JOIN v ON t.d = v.d WHERE v.flag"
                    + " GROUP BY v.c");

    @TempDir
    Path folder;

    /**
     * 40 dimension rows leave some fact keys without a match (dangling); 700 give each key about 20 rows, so the
     * materialised join has ten times the probe's rows and its kernel runs a second time with room for them.
     */
    @ParameterizedTest
    @ValueSource(ints = {40, 700})
    void joinKernelsMatchTheCpuExecutorOnTheCpuEmulation(int dimensionRows) throws Exception {
        try (Table t = GpuJoinsTestAccess.fact(2600); Table u = GpuJoinsTestAccess.dimension(dimensionRows);
                Table v = GpuJoinsTestAccess.dates()) {
            List<GpuPlan> plans = KernelEmulation.assertKernelsMatchTheCpu(folder,
                    Forge.of(Map.of("t", t, "u", u, "v", v)).catalog(), QUERIES);
            assertThat(plans).allSatisfy(plan -> assertThat(plan.pipeline().joins()).isNotEmpty());
        }
    }
}
