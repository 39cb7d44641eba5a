package dev.forge.bench.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.cuda.testing.RequiresGpu;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every primitive experiment on the GPU at awkward sizes (1, 4097 and 1,000,003; for gemm and gemv the matrix sides
 * 1, 64 and 1000), each trial on fresh seeded data:
 * the harness poisons the GPU result before the last run and validates it against the CPU twin after the first and
 * the last, so a trial that passes here computed the right answer twice. Nothing may fail, and every trial must have
 * device, end-to-end and transfer times.
 */
@RequiresGpu
class ExperimentsGpuTest {

    @ParameterizedTest
    @ValueSource(strings = {"reduce", "scan", "compact", "sort", "histogram", "filter", "groupby", "join", "timeseries",
            "spreadsheet", "gemm", "gemv"})
    void everyGpuResultMatchesTheCpuTwin(String name) {
        List<String> log = new ArrayList<>();
        RunSettings settings = RunSettings.of(Profile.QUICK, List.of(1L, 4_097L, 1_000_003L), 2, 0, false);
        SuiteReport report = new ExperimentSuite(settings, log::add).run(ExperimentRegistry.select(List.of(name)));
        assertThat(report.failureCount()).as(String.join("\n", log)).isZero();
        assertThat(report.ceilings().measured()).isTrue();
        ExperimentOutcome outcome = report.outcomes().getFirst();
        assertThat(outcome.results()).hasSize(3 * outcome.variants().size());
        for (TrialResult result : outcome.results()) {
            assertThat(result.contenderMeasured()).as(result.toString()).isTrue();
            assertThat(result.contenderDevice()).isNotNull();
            assertThat(result.transfer()).isNotNull();
            assertThat(result.speedUp()).isPositive();
            assertThat(result.validation()).isNotBlank();
        }
    }

    /**
     * Above the twin's GEMM limit (n = 4096 here) the trial has no baseline and the GPU's product is checked on sampled
     * elements; native cuBLAS, built with this machine's nvcc, is measured at every size of both experiments.
     */
    @Test
    void largeProductsAreCheckedOnSamplesAndCublasIsMeasuredBeside() {
        List<String> log = new ArrayList<>();
        RunSettings settings = RunSettings.of(Profile.QUICK, List.of(1_000_000L, 1L << 24), 2, 0, false);
        SuiteReport report = new ExperimentSuite(settings, log::add).run(ExperimentRegistry.select(List.of("gemm",
                "gemv")));
        assertThat(report.failureCount()).as(String.join("\n", log)).isZero();
        assertThat(report.nativePeerStatus().get("cuBLAS")).as(String.join("\n", log)).startsWith("measured");
        for (ExperimentOutcome outcome : report.outcomes()) {
            assertThat(outcome.results()).hasSize(2 * 4);
            for (TrialResult result : outcome.results()) {
                assertThat(result.contenderMeasured()).as(result.toString()).isTrue();
                assertThat(result.nativePeer()).as(result.toString())
                        .hasValueSatisfying(peer -> assertThat(peer.measured()).isTrue());
                boolean sampled = outcome.name().equals("gemm") && result.size() == 4096;
                assertThat(result.baseline() == null).as(result.toString()).isEqualTo(sampled);
                assertThat(result.validation()).contains(sampled ? "sampled" : "CPU twin");
            }
        }
    }
}
