package dev.forge.bench.primitives;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchmarkReportTest {
    private static final PrimitivesBenchmark.Report REPORT = new PrimitivesBenchmark.Report("NVIDIA H100", "CUDA 13.0",
            "abc1234", "2026-11-22", 3.0e12, "no nvcc \"here\"", List.of(
                    new PrimitiveResult("reduce_sum", "int32", 1 << 28, 1L << 30, 3.6e-4, 2.0e-2, 3.5e-4, 3.0e12),
                    new PrimitiveResult("scan_inclusive_sum", "int64", 1 << 20, 1L << 24, 1e-5, 1e-3, Double.NaN, 3.0e12)));

    @Test
    void derivedFiguresFollowFromTheTimes() {
        PrimitiveResult reduce = REPORT.results().get(0);
        assertThat(reduce.gpuBytesPerSecond()).isCloseTo((1L << 30) / 3.6e-4, org.assertj.core.data.Percentage.withPercentage(1e-9));
        assertThat(reduce.fractionOfCopy()).isCloseTo(0.9942, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(reduce.speedUpOverCpu()).isCloseTo(55.56, org.assertj.core.data.Offset.offset(0.01));
        assertThat(reduce.speedRelativeToCub()).isCloseTo(0.9722, org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void theTableNamesTheRunAndMarksAbsentPeers() {
        StringWriter text = new StringWriter();
        BenchmarkReport.printTable(REPORT, new PrintWriter(text, true));
        assertThat(text.toString()).contains("NVIDIA H100", "commit abc1234", "3.00 TB/s", "reduce_sum", "absent");
    }

    @Test
    void jsonEscapesTextAndWritesNullForAbsentFigures() {
        String json = BenchmarkReport.json(REPORT);
        assertThat(json).contains("\"cub\": \"no nvcc \\\"here\\\"\"", "\"cub_seconds\": null", "\"elements\": 268435456");
        assertThat(json.chars().filter(c -> c == '{').count()).isEqualTo(json.chars().filter(c -> c == '}').count());
    }
}
