package dev.forge.bench.experiments.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.forge.bench.experiments.ExperimentOutcome;
import dev.forge.bench.experiments.ExperimentRegistry;
import dev.forge.bench.experiments.ExperimentSuite;
import dev.forge.bench.experiments.Profile;
import dev.forge.bench.experiments.RunSettings;
import dev.forge.bench.experiments.SuiteReport;
import dev.forge.bench.experiments.TrialResult;
import dev.forge.cuda.Cuda;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The parse experiment without a GPU, as `forge bench run parse --profile quick --sizes 10K` runs it. */
class ParseExperimentTest {

    @Test
    void bothReadersRunAndTheGpuIsReportedAbsent() {
        assumeFalse(Cuda.isAvailable(), "this machine has a GPU: ParseGpuTest covers it");
        List<String> log = new ArrayList<>();
        RunSettings settings = RunSettings.of(Profile.QUICK, List.of(10_000L), 2, 0, false);
        SuiteReport report = new ExperimentSuite(settings, log::add).run(ExperimentRegistry.select(List.of("parse")));
        assertThat(report.failureCount()).as(String.join("\n", log)).isZero();
        ExperimentOutcome outcome = report.outcomes().getFirst();
        assertThat(outcome.ran()).isTrue();
        assertThat(outcome.sizeUnit()).isEqualTo("rows");
        assertThat(outcome.results()).extracting(TrialResult::variant).containsExactly("csv", "ndjson");
        for (TrialResult result : outcome.results()) {
            assertThat(result.baseline().runs()).isEqualTo(2);
            assertThat(result.baselineName()).contains(result.variant().equals("csv") ? "DelimitedReader"
                    : "NdjsonReader").contains("threads");
            assertThat(result.contenderAbsentReason()).startsWith("no GPU");
            assertThat(result.shape().elements()).isEqualTo(10_000);
            assertThat(result.shape().uploadBytes()).isBetween(10_000L * 50, 10_000L * 200);
        }
    }

    @Test
    void ndjsonStopsWhereTheReadersArrayWould() {
        ParseExperiment experiment = new ParseExperiment();
        assertThat(experiment.sizeLimit("ndjson", 10_000_000)).isEmpty();
        assertThat(experiment.sizeLimit("ndjson", 100_000_000)).hasValueSatisfying(reason -> assertThat(reason)
                .contains("NdjsonReader").contains("2 GB"));
        assertThat(experiment.sizeLimit("csv", 100_000_000)).isEmpty();
        assertThat(experiment.hostBytes("csv", 10_000_000)).isLessThan(experiment.hostBytes("ndjson", 10_000_000));
        assertThat(experiment.deviceBytes("csv", 1_000_000)).isGreaterThan(100_000_000L);
    }
}
