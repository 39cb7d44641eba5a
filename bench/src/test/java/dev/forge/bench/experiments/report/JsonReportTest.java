package dev.forge.bench.experiments.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonReportTest {

    @Test
    void theJsonParsesAndCarriesTheHeaderAndEveryTrial() throws Exception {
        String text = JsonReport.render(SyntheticReports.h100());
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) PlainJson.parse(text);
        @SuppressWarnings("unchecked")
        Map<String, Object> machine = (Map<String, Object>) json.get("machine");
        assertThat(machine).containsEntry("gpu", "NVIDIA H100 80GB HBM3").containsEntry("cores", 16.0)
                .containsEntry("cpu", "Intel(R) Xeon(R) Platinum 8480+, \"16\" vCPU")
                .containsEntry("driver", "CUDA 13.0, NVIDIA 580.159.04");
        assertThat(json).containsEntry("commit", "abc123def456").containsEntry("date", "2026-12-07T10:00:00Z")
                .containsEntry("failures", 1.0);
        List<?> experiments = (List<?>) json.get("experiments");
        assertThat(experiments).hasSize(6);
        Map<?, ?> nativePeers = (Map<?, ?>) json.get("native_peers");
        assertThat(nativePeers.get("CUB")).isEqualTo("measured in this run");
        assertThat(nativePeers.get("cuBLAS")).isEqualTo("measured in this run, cuBLAS 130100");
        Map<?, ?> reduce = (Map<?, ?>) experiments.getFirst();
        assertThat(((List<?>) reduce.get("trials"))).hasSize(6);
        Map<?, ?> firstTrial = (Map<?, ?>) ((List<?>) reduce.get("trials")).getFirst();
        assertThat(firstTrial.get("verdict")).isEqualTo("STRONG");
        Map<?, ?> contender = (Map<?, ?>) firstTrial.get("contender");
        assertThat(((Map<?, ?>) contender.get("device_seconds")).get("runs")).isEqualTo(3.0);
        Map<?, ?> variant = (Map<?, ?>) ((List<?>) reduce.get("variants")).getFirst();
        assertThat(((Map<?, ?>) variant.get("crossover_with_transfers")).get("kind")).isEqualTo("never_wins");
        Map<?, ?> parse = (Map<?, ?>) experiments.getLast();
        assertThat(parse.get("status")).isEqualTo("not yet");
        assertThat(parse.get("reason")).isEqualTo("no GPU parser yet");
        Map<?, ?> gemm = (Map<?, ?>) experiments.get(4);
        Map<?, ?> largest = (Map<?, ?>) ((List<?>) gemm.get("trials")).getLast();
        Map<?, ?> baseline = (Map<?, ?>) largest.get("baseline");
        assertThat(baseline.get("seconds")).isNull();
        assertThat(baseline.get("absent_reason")).isEqualTo("the CPU twin's GEMM runs up to 2048^3");
        assertThat(largest.get("speed_up")).isNull();
        assertThat(((Map<?, ?>) ((List<?>) largest.get("peers")).getFirst()).get("name")).isEqualTo("cuBLAS");
        Map<?, ?> join = (Map<?, ?>) experiments.get(1);
        Map<?, ?> failed = (Map<?, ?>) ((List<?>) join.get("trials")).getLast();
        assertThat((String) failed.get("failure")).startsWith("VALIDATION FAILED");
        assertThat(failed.get("speed_up")).isNull();
    }
}
