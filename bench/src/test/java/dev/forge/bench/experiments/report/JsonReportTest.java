package dev.forge.bench.experiments.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonReportTest {

    @Test
    void theJsonParsesAndCarriesTheHeaderAndEveryTrial() {
        String text = JsonReport.render(SyntheticReports.h100());
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) new JsonReader(text).read();
        @SuppressWarnings("unchecked")
        Map<String, Object> machine = (Map<String, Object>) json.get("machine");
        assertThat(machine).containsEntry("gpu", "NVIDIA H100 80GB HBM3").containsEntry("cores", 16.0)
                .containsEntry("cpu", "Intel(R) Xeon(R) Platinum 8480+, \"16\" vCPU")
                .containsEntry("driver", "CUDA 13.0, NVIDIA 580.159.04");
        assertThat(json).containsEntry("commit", "abc123def456").containsEntry("date", "2026-12-07T10:00:00Z")
                .containsEntry("failures", 1.0);
        List<?> experiments = (List<?>) json.get("experiments");
        assertThat(experiments).hasSize(5);
        Map<?, ?> reduce = (Map<?, ?>) experiments.getFirst();
        assertThat(((List<?>) reduce.get("trials"))).hasSize(6);
        Map<?, ?> firstTrial = (Map<?, ?>) ((List<?>) reduce.get("trials")).getFirst();
        assertThat(firstTrial.get("verdict")).isEqualTo("STRONG");
        Map<?, ?> contender = (Map<?, ?>) firstTrial.get("contender");
        assertThat(((Map<?, ?>) contender.get("device_seconds")).get("runs")).isEqualTo(3.0);
        Map<?, ?> variant = (Map<?, ?>) ((List<?>) reduce.get("variants")).getFirst();
        assertThat(((Map<?, ?>) variant.get("crossover_with_transfers")).get("kind")).isEqualTo("never_wins");
        Map<?, ?> gemm = (Map<?, ?>) experiments.getLast();
        assertThat(gemm.get("status")).isEqualTo("not yet");
        assertThat(gemm.get("reason")).isEqualTo("no GpuMatrixMultiply yet");
        Map<?, ?> join = (Map<?, ?>) experiments.get(1);
        Map<?, ?> failed = (Map<?, ?>) ((List<?>) join.get("trials")).getLast();
        assertThat((String) failed.get("failure")).startsWith("VALIDATION FAILED");
        assertThat(failed.get("speed_up")).isNull();
    }
}
