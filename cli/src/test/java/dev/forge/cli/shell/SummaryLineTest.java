package dev.forge.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.cli.query.EngineChoice;
import dev.forge.cli.query.RunStatistics;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryLineTest {

    @Test
    void aCpuFallbackSaysWhyAndTimesHaveMicrosecondPrecision() {
        RunStatistics statistics = new RunStatistics(4, 60_175, 3_500_000, 12_345_678, EngineChoice.CPU,
                "no CUDA driver found", false, 0, List.of());
        assertThat(SummaryLine.of(statistics)).isEqualTo(
                "4 rows in 12.346 ms · scanned 60,175 rows, 3.3 MiB · cpu (fell back: no CUDA driver found) · cold");
    }

    @Test
    void aGpuRunSaysWhetherKernelsWereCompiled() {
        RunStatistics compiled = new RunStatistics(1, -1, -1, 1_000, EngineChoice.GPU, null, true, 3, List.of());
        assertThat(SummaryLine.of(compiled)).isEqualTo("1 row in 0.001 ms · gpu · warm · 3 kernels compiled");
        RunStatistics cached = new RunStatistics(1, -1, -1, 1_000, EngineChoice.GPU, null, true, 0, List.of());
        assertThat(SummaryLine.of(cached)).endsWith("· no kernels compiled");
    }

    @Test
    void longRunsSwitchToSeconds() {
        assertThat(SummaryLine.duration(75_123_456_789L)).isEqualTo("75.123 s");
        assertThat(SummaryLine.duration(1_234_567_890L)).isEqualTo("1,234.568 ms");
    }
}
