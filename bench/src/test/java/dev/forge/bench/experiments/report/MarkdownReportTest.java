package dev.forge.bench.experiments.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.bench.experiments.SuiteReport;
import dev.forge.bench.experiments.chart.TextPainter;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownReportTest {

    @Test
    void thePageHasTheHeaderTheVerdictsTheChartsAndTheFailures() {
        SuiteReport report = SyntheticReports.h100();
        List<Charts.Chart> charts = Charts.all(report, TextPainter.pixels());
        String page = MarkdownReport.render(report, charts, "");
        assertThat(page).startsWith("# Forge experiment suite, standard profile")
                .contains("| GPU | NVIDIA H100 80GB HBM3, 85.0 GB |")
                .contains("| commit | abc123def456 |")
                .contains("| device copy ceiling | 2.99 TB/s (measured at the start of this run) |")
                .contains("**1 trial(s) FAILED**")
                .contains("## Verdicts")
                .contains("| reduce | Forge GPU vs CPU twin, 16 threads |")
                .contains("| parse | not yet: no GPU parser yet |")
                .contains("| cuBLAS | measured in this run, cuBLAS 130100 |")
                .contains("| n (n x n matrix) | baseline |")
                .contains("| fp16 | 8192 | none: the CPU twin's GEMM runs up to 2048^3 |")
                .contains("| 1.750 ms (0.97x) |")
                .contains("![reduce: speed-up by size](speedup-reduce.png)")
                .contains("![achieved bandwidth vs the measured ceilings](roofline.png)")
                .contains("![where the contender starts to win](crossover.png)")
                .contains("**VALIDATION FAILED: number of joined pairs")
                .contains("absent: no GPU: no CUDA driver found")
                .contains("- skipped float64 grew to 100M")
                .contains("## Not yet")
                .contains("## How to read this");
        // the duckdb row: a host contender, DuckDB as the baseline, slower than DuckDB
        assertThat(page).contains("| duckdb | Forge CPU engine vs DuckDB | 0.30x | SLOWER |");
        // reduce int64 wins at 1M already with the data on the GPU, and never with the transfers
        assertThat(page).contains("| reduce | int64 | 100M |").contains("wins at every measured size (1M-100M)")
                .contains("never wins up to 100M");
    }

    @Test
    void withoutChartsThePageSaysWhy() {
        String page = MarkdownReport.render(SyntheticReports.h100(), List.of(), "not drawn: no graphics");
        assertThat(page).contains("Charts: not drawn: no graphics").doesNotContain("](roofline.png)");
    }
}
