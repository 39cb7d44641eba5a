package dev.forge.engine.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.cuda.testing.RequiresGpu;
import dev.forge.engine.Engine;
import dev.forge.engine.Forge;
import dev.forge.engine.QueryResult;
import dev.forge.engine.Session;
import dev.forge.executor.gpu.GpuQueryExecutor;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The SQL corpus with the GPU executor, compared with DuckDB (feature data, TPC-H and SSB at SF 0.01 and 0.1). Runs
 * with Engine.AUTO: what the GPU slice supports runs on the GPU, the rest on the CPU; the summary prints how many ran
 * where, and the queries of {@link #MUST_RUN_ON_GPU} must have run on the GPU. (In the corpus's package so that it
 * inherits the runner's package-private test factories.)
 */
@RequiresGpu
class GpuCorpusTest extends CorpusTestBase {
    private static final Set<String> MUST_RUN_ON_GPU = Set.of("tpch/q01", "tpch/q06", "group by one key",
            "group by a string key on TPC-H", "TPC-H revenue sums are exact", "three-valued AND, OR and NOT",
            "ssb/q1.1", "ssb/q2.1", "ssb/q4.1", "tpch/q03", "tpch/q19", "join of duplicate keys on both sides",
            "EXISTS over TPC-H orders with late line items", "NOT EXISTS over TPC-H customers without orders",
            "tpch/q02", "tpch/q11", "tpch/q13", "tpch/q15", "tpch/q16", "tpch/q17", "tpch/q18", "tpch/q20", "tpch/q22",
            "scalar sub-query in WHERE", "sub-query in FROM with aggregation", "right join keeps every department",
            "tpch/q10", "tpch/q21", "HAVING on an aggregate", "HAVING on an aggregate not in the select list");
    /** Per SQL text and dataset: the engine that ran it and the note (last run wins). */
    private static final Map<String, String> RAN = new ConcurrentHashMap<>();

    @BeforeAll
    static void startTheGpuExecutorAndGenerateTheDataBeforeTheLeakMarks() {
        GpuQueryExecutor.shared(); // process-wide: its stream and pool are not a query's leak
        // Datasets keeps generated tables for the whole run on purpose; made here, they are not a test's leak
        Datasets.tables(Dataset.of(Dataset.FEATURES, 0));
        for (double scaleFactor : new double[] {0.01, 0.1}) {
            Datasets.tables(Dataset.of(Dataset.TPCH, scaleFactor));
            Datasets.tables(Dataset.of(Dataset.SSB, scaleFactor));
        }
    }

    @AfterAll
    static void reportWhereQueriesRan() {
        Map<String, Integer> byEngine = new TreeMap<>();
        RAN.values().forEach(engine -> byEngine.merge(engine.substring(0, 3), 1, Integer::sum));
        System.out.println("GpuCorpusTest: " + byEngine + " query runs by engine (dataset x query)");
        RAN.forEach((key, note) -> System.out.println("  " + note + " <- " + key.lines().findFirst().orElse("")));
        for (CorpusCase testCase : Corpus.allCases()) {
            if (MUST_RUN_ON_GPU.contains(testCase.name())) {
                assertThat(RAN.entrySet()).as(testCase.name() + " ran on the GPU")
                        .anyMatch(entry -> entry.getKey().endsWith(testCase.sql()) && entry.getValue().startsWith("GPU"));
            }
        }
    }

    @Override
    protected Map<String, String> knownGaps() {
        return Map.of("CAST double to integer rounds half away from zero",
                "sql: Calcite folds CAST(<double literal> AS INTEGER) at conversion by truncating (2.5 -> 2); the"
                        + " executors round half away from zero as Operator.CAST says");
    }

    @Override
    protected EngineUnderTest engine() {
        return new GpuAuto();
    }

    /** Forge with Engine.AUTO allowed to choose the GPU, remembering which engine ran each query. */
    private static final class GpuAuto implements EngineUnderTest {
        static {
            // AUTO may be switched off (FORGE_GPU_AUTO=false); this test is the GPU executor's verification
            System.setProperty("forge.gpu.auto", "true");
        }

        private final Map<Dataset, Session> sessions = new ConcurrentHashMap<>();

        @Override
        public String name() {
            return "forge-auto (GPU where supported)";
        }

        @Override
        public ResultRows query(Dataset dataset, String sql) {
            Session session = sessions.computeIfAbsent(dataset,
                    key -> Forge.of(Datasets.tables(key)).session().engine(Engine.AUTO));
            try (QueryResult result = session.sql(sql)) {
                String note = result.statistics().engineNote();
                RAN.put(dataset + "\n" + sql, result.statistics().engine() + (note.isEmpty() ? "" : " " + note));
                return ResultRows.of(result.table());
            }
        }
    }
}
