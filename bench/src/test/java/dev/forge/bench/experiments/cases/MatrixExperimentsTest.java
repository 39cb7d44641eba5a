package dev.forge.bench.experiments.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.forge.bench.experiments.ExperimentOutcome;
import dev.forge.bench.experiments.ExperimentRegistry;
import dev.forge.bench.experiments.ExperimentSuite;
import dev.forge.bench.experiments.PeerResult;
import dev.forge.bench.experiments.Profile;
import dev.forge.bench.experiments.RunSettings;
import dev.forge.bench.experiments.SuiteReport;
import dev.forge.bench.experiments.TrialResult;
import dev.forge.cuda.Cuda;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gemm and gemv experiments' sizes, and what they do without a GPU on each side of the twin's GEMM limit. */
class MatrixExperimentsTest {

    @Test
    void profilesTakeTheMatrixSidesAndGivenSizesCountAMatrixsElements() {
        GemmExperiment gemm = new GemmExperiment();
        assertThat(gemm.ownSizes(RunSettings.of(Profile.QUICK, null, null, null, true)).sizes())
                .containsExactly(256L, 2048L, 8192L);
        RunSettings standard = gemm.ownSizes(RunSettings.of(Profile.STANDARD, null, null, null, true));
        assertThat(standard.sizes()).containsExactly(256L, 512L, 1024L, 2048L, 4096L, 8192L);
        RunSettings thorough = new GemvExperiment().ownSizes(RunSettings.of(Profile.THOROUGH, null, null, null, true));
        assertThat(thorough.sizes()).isEqualTo(standard.sizes());
        assertThat(thorough.growsToMemory()).isFalse();
        assertThat(thorough.runs()).isEqualTo(30);
        RunSettings given = gemm.ownSizes(RunSettings.of(Profile.QUICK, List.of(100_000L, 1_000_000L, 1_000_001L, 1L),
                null, null, true));
        assertThat(given.sizes()).containsExactly(1L, 316L, 1000L);
        assertThat(gemm.variants()).containsExactly("fp32", "tf32", "fp16", "bf16");
    }

    @Test
    void theFootprintsCoverTheInputsAndTheResult() {
        GemmExperiment gemm = new GemmExperiment();
        assertThat(gemm.deviceBytes("fp32", 8192)).isGreaterThan(3L * 8192 * 8192 * 4);
        assertThat(gemm.deviceBytes("bf16", 8192)).isGreaterThan(2L * 8192 * 8192 * 2 + 8192L * 8192 * 4)
                .isLessThan(gemm.deviceBytes("fp32", 8192));
        // above the twin's limit the host holds the inputs and the GPU's result only
        assertThat(gemm.hostBytes("fp32", 4096)).isEqualTo(3L * 4096 * 4096 * 4);
        // below it also the twin's result, the magnitudes for the check and the twin's float copies of A and B
        assertThat(gemm.hostBytes("fp32", 2048)).isEqualTo(7L * 2048 * 2048 * 4);
        assertThat(new GemvExperiment().deviceBytes("fp16", 8192)).isGreaterThan(8192L * 8192 * 2);
    }

    @Test
    void withoutAGpuTheTwinRunsUpToItsLimitAndAboveNothingIsGenerated() {
        assumeFalse(Cuda.isAvailable(), "this machine has a GPU: ExperimentsGpuTest covers it");
        List<String> log = new ArrayList<>();
        // 250K elements is n = 500, 2^24 is n = 4096
        RunSettings settings = RunSettings.of(Profile.QUICK, List.of(250_000L, 1L << 24), 1, 0, true);
        SuiteReport report = new ExperimentSuite(settings, log::add).run(ExperimentRegistry.select(List.of("gemm")));
        assertThat(report.failureCount()).as(String.join("\n", log)).isZero();
        ExperimentOutcome outcome = report.outcomes().getFirst();
        assertThat(outcome.sizeUnit()).isEqualTo("n (n x n matrix)");
        assertThat(outcome.results()).extracting(TrialResult::size).containsExactly(500L, 4096L, 500L, 4096L, 500L,
                4096L, 500L, 4096L);
        for (TrialResult result : outcome.results()) {
            assertThat(result.contenderAbsentReason()).startsWith("no GPU");
            assertThat(result.peers()).extracting(PeerResult::name).containsExactly("cuBLAS");
            if (result.size() == 500) {
                assertThat(result.baseline()).isNotNull();
                assertThat(result.shape().elements()).isEqualTo(250_000_000L);
            } else {
                assertThat(result.baseline()).isNull();
                assertThat(result.baselineAbsentReason()).contains("up to 2048^3");
                assertThat(result.generationSeconds()).isLessThan(1);
            }
        }
        assertThat(log).anyMatch(line -> line.contains("gemm fp16 4096:") && line.contains("no baseline"));
    }
}
