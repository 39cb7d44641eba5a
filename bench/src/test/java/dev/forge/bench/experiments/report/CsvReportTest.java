package dev.forge.bench.experiments.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReportTest {

    /** Splits one CSV record (RFC 4180 quoting). */
    private static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    @Test
    void theHeaderNamesTheMachineCommitAndDateAndEveryRowHasEveryColumn() {
        List<String> lines = CsvReport.render(SyntheticReports.h100()).lines().toList();
        assertThat(lines.get(0)).startsWith("# forge bench run, profile standard");
        assertThat(lines.get(1)).contains("NVIDIA H100 80GB HBM3").contains("CUDA 13.0, NVIDIA 580.159.04")
                .contains("16 cores").contains("128.0 GB memory");
        assertThat(lines.get(2)).contains("commit abc123def456").contains("date 2026-12-07T10:00:00Z");
        assertThat(lines.get(3)).contains("device copy 2.99 TB/s");
        assertThat(cells(lines.get(4))).isEqualTo(CsvReport.COLUMNS);
        List<String> rows = lines.subList(5, lines.size());
        assertThat(rows).hasSize(6 + 2 + 1 + 1 + 2 + 1);
        for (String row : rows) {
            assertThat(cells(row)).as(row).hasSize(CsvReport.COLUMNS.size());
        }
        List<String> first = cells(rows.getFirst());
        assertThat(first.get(0)).isEqualTo("reduce");
        assertThat(first.get(4)).isEqualTo("CPU twin, 16 threads");
        assertThat(first.get(CsvReport.COLUMNS.indexOf("verdict"))).isEqualTo("STRONG");
        assertThat(first.getLast()).isEqualTo("passed: sum exact");
        assertThat(cells(rows.get(7)).getLast()).startsWith("VALIDATION FAILED");
        assertThat(lines.get(3)).contains("CUB: measured in this run").contains("cuBLAS: measured in this run");
        List<String> unmeasuredBaseline = cells(rows.get(rows.size() - 2));
        assertThat(unmeasuredBaseline.get(CsvReport.COLUMNS.indexOf("baseline_median_s"))).isEmpty();
        assertThat(unmeasuredBaseline.get(CsvReport.COLUMNS.indexOf("baseline_absent_reason")))
                .isEqualTo("the CPU twin's GEMM runs up to 2048^3");
        assertThat(unmeasuredBaseline.get(CsvReport.COLUMNS.indexOf("native_peer"))).isEqualTo("cuBLAS");
        assertThat(unmeasuredBaseline.get(CsvReport.COLUMNS.indexOf("native_peer_median_s"))).isEqualTo("0.00175000");
        assertThat(unmeasuredBaseline.get(CsvReport.COLUMNS.indexOf("speed_up"))).isEmpty();
        assertThat(cells(rows.getLast()).getLast()).isEqualTo("not yet: no GPU parser yet");
        assertThat(CsvReport.quote("a \"b\", c")).isEqualTo("\"a \"\"b\"\", c\"");
    }
}
