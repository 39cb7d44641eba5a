package dev.forge.bench.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.forge.cuda.Cuda;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every experiment end to end without a GPU, at small sizes: each baseline runs on its generated data, the GPU is
 * reported absent, the SQL experiments run Forge's CPU engine and DuckDB on the same tables and check them against
 * each other, and nothing fails.
 */
class ExperimentSuiteTest {

    private static SuiteReport run(List<String> names, List<Long> sizes, List<String> log) {
        RunSettings settings = RunSettings.of(Profile.QUICK, sizes, 2, 0, true);
        return new ExperimentSuite(settings, log::add).run(ExperimentRegistry.select(names));
    }

    @Test
    void everyExperimentRunsItsBaselineAndReportsTheGpuAbsent() {
        assumeFalse(Cuda.isAvailable(), "this machine has a GPU: ExperimentsGpuTest covers it");
        List<String> log = new ArrayList<>();
        SuiteReport report = run(List.of("all"), List.of(1_000L, 4_097L), log);

        assertThat(report.failureCount()).as(String.join("\n", log)).isZero();
        assertThat(report.nativePeerStatus()).containsOnlyKeys("CUB", "cuBLAS")
                .allSatisfy((peer, status) -> assertThat(status).startsWith("not measured: no GPU"));
        assertThat(report.outcomes()).extracting(ExperimentOutcome::name).containsExactly("reduce", "scan", "compact",
                "sort", "histogram", "filter", "groupby", "join", "timeseries", "spreadsheet", "pipeline", "duckdb",
                "gemm", "gemv", "parse");
        for (ExperimentOutcome outcome : report.outcomes()) {
            if (!outcome.ran()) {
                assertThat(outcome.notYet()).isNotBlank();
                assertThat(outcome.results()).isEmpty();
                continue;
            }
            assertThat(outcome.results()).as(outcome.name()).hasSize(2 * outcome.variants().size());
            for (TrialResult result : outcome.results()) {
                assertThat(result.baseline()).as(result.toString()).isNotNull();
                assertThat(result.baseline().runs()).isEqualTo(2);
                assertThat(result.shape().elements()).isPositive();
                if (outcome.name().equals("duckdb")) {
                    // DuckDB is the baseline there and Forge's CPU engine the contender, checked against it
                    assertThat(result.contenderName()).isEqualTo("Forge CPU engine");
                    assertThat(result.contenderMeasured()).isTrue();
                    assertThat(result.validation()).contains("as DuckDB's").contains("no GPU");
                } else {
                    assertThat(result.contenderAbsentReason()).as(result.toString()).startsWith("no GPU");
                    assertThat(result.speedUp()).isNaN();
                }
            }
        }
        // 1,000 and 4,097 elements are matrix sides 32 and 64; the twin runs at both, cuBLAS is the peer
        for (String matrix : List.of("gemm", "gemv")) {
            ExperimentOutcome outcome = report.outcomes().stream().filter(o -> o.name().equals(matrix)).findFirst()
                    .orElseThrow();
            assertThat(outcome.results()).extracting(TrialResult::size).containsOnly(32L, 64L);
            assertThat(outcome.results()).allSatisfy(result -> assertThat(result.nativePeer())
                    .hasValueSatisfying(peer -> assertThat(peer.name()).isEqualTo("cuBLAS")));
        }
        TrialResult pipeline = report.outcomes().get(10).results().getFirst();
        assertThat(pipeline.baselineName()).isEqualTo("Forge CPU engine");
        assertThat(pipeline.peers()).extracting(PeerResult::name).contains("DuckDB");
        assertThat(pipeline.peers().getFirst().note()).contains("as Forge CPU engine's");
    }

    @Test
    void aThoroughRunGrowsOnlyWhileTheHostHasRoom() {
        RunSettings thorough = RunSettings.of(Profile.THOROUGH, null, null, null, false);
        assertThat(thorough.growsToMemory()).isTrue();
        assertThat(thorough.runs()).isEqualTo(30);
        Experiment join = ExperimentRegistry.select(List.of("join")).getFirst();
        // a host of 12 GB: 100M x 100M needs ~8.8 GB, more than 60% of it
        SizePlan plan = SizePlan.of(join, "N x N", thorough, -1, 12_000_000_000L);
        assertThat(plan.sizes()).containsExactly(1_000_000L, 10_000_000L);
        assertThat(plan.skipped()).singleElement().asString().contains("100M").contains("host memory");
        SizePlan roomy = SizePlan.of(join, "N x N", thorough, -1, 1_000_000_000_000L);
        assertThat(roomy.sizes()).containsExactly(1_000_000L, 10_000_000L, 100_000_000L, 200_000_000L,
                500_000_000L, 1_000_000_000L, 2_000_000_000L);
        SizePlan gpu = SizePlan.of(join, "N x N", thorough, 80_000_000_000L, 1_000_000_000_000L);
        assertThat(gpu.sizes()).endsWith(500_000_000L);
        assertThat(gpu.skipped()).singleElement().asString().contains("grew to 500M").contains("on the GPU");
    }

    @Test
    void explicitSizesReplaceTheProfilesAndDoNotGrow() {
        RunSettings settings = RunSettings.of(Profile.THOROUGH, List.of(5_000L, 1_000L, 5_000L), 4, 1, true);
        assertThat(settings.sizes()).containsExactly(1_000L, 5_000L);
        assertThat(settings.growsToMemory()).isFalse();
        assertThat(settings.runs()).isEqualTo(4);
        assertThat(settings.warmups()).isEqualTo(1);
        RunSettings standard = RunSettings.of(Profile.STANDARD, null, null, null, true);
        assertThat(standard.sizes()).containsExactly(1_000_000L, 10_000_000L);
        assertThat(standard.runs()).isEqualTo(10);
        assertThat(standard.warmups()).isEqualTo(3);
    }
}
