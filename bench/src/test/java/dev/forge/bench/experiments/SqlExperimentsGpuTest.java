package dev.forge.bench.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.forge.cuda.Cuda;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The SQL experiments where there is a GPU: Forge's GPU engine (where it runs the query) against its CPU engine and
 * DuckDB, every result checked against the baseline's. The GPU engine may decline a query (the trial then says why),
 * but no result may differ. Not under the leak check: the GPU executor keeps its caches for the process.
 */
@Tag("gpu")
class SqlExperimentsGpuTest {

    @Test
    void theGpuEngineAgreesWithTheCpuEngineAndDuckDb() {
        assumeTrue(Cuda.isAvailable(), "no GPU here");
        List<String> log = new ArrayList<>();
        RunSettings settings = RunSettings.of(Profile.QUICK, List.of(10_000L, 1_000_000L), 2, 1, false);
        SuiteReport report = new ExperimentSuite(settings, log::add)
                .run(ExperimentRegistry.select(List.of("pipeline", "duckdb")));
        assertThat(report.failureCount()).as(String.join("\n", log)).isZero();
        for (ExperimentOutcome outcome : report.outcomes()) {
            for (TrialResult result : outcome.results()) {
                assertThat(result.contenderMeasured() || result.contenderAbsentReason() != null).as(result.toString())
                        .isTrue();
            }
        }
    }
}
