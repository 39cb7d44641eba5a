package dev.forge.bench.primitives;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.assertj.core.data.Offset;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

class BenchmarkReportTest {
    private static final Ceiling COPY = Ceiling.copy(3.0e12);
    private static final Ceiling GATHER = Ceiling.randomGather(4, 40e9);
    private static final PrimitivesBenchmark.Report REPORT = new PrimitivesBenchmark.Report("NVIDIA H100", "CUDA 13.0",
            "abc1234", "2026-11-22", List.of(COPY, GATHER), "cub_primitives absent: no nvcc \"here\"", List.of(
                    new PrimitiveResult("reduce", "reduce_sum", "int32", 1 << 28, 1L << 30, 3.6e-4, 2.0e-2, 3.5e-4, COPY),
                    new PrimitiveResult("scan", "scan_inclusive_sum", "int64", 1 << 20, 1L << 24, 1e-5, 1e-3,
                            Double.NaN, COPY),
                    new PrimitiveResult("hash-probe", "hash_probe", "int32", 1 << 24, 123_456_789L, 1e-3, Double.NaN,
                            Double.NaN, GATHER),
                    new PrimitiveResult("reduce", "reduce_sum", "int64", 1 << 20, 1L << 23, 2e-5, 1e-3, 2e-5, COPY)),
            List.of(new SkippedCase("sort", "radix_sort_keys", "uint64", 1L << 31, "skipped: needs about 50 GiB")),
            List.of("CPU twins at 134217728 elements and more: median of 3 samples"));

    @Test
    void derivedFiguresFollowFromTheTimes() {
        PrimitiveResult reduce = REPORT.results().get(0);
        assertThat(reduce.gpuBytesPerSecond()).isCloseTo((1L << 30) / 3.6e-4, Percentage.withPercentage(1e-9));
        assertThat(reduce.fractionOfCeiling()).isCloseTo(0.9942, Offset.offset(1e-4));
        assertThat(reduce.speedUpOverCpu()).isCloseTo(55.56, Offset.offset(0.01));
        assertThat(reduce.speedRelativeToCub()).isCloseTo(0.9722, Offset.offset(1e-4));
    }

    @Test
    void aGatherCeilingComparesElementsNotBytes() {
        PrimitiveResult probe = REPORT.results().get(2);
        // 2^24 probes in 1 ms: 16.8 G probes/s over 40 G reads/s, whatever the bytes moved
        assertThat(probe.fractionOfCeiling()).isCloseTo((1 << 24) / 1e-3 / 40e9, Offset.offset(1e-12));
        assertThat(GATHER.name()).isEqualTo("gather4");
        assertThat(GATHER.description()).contains("40.00 G random 4-byte reads/s", "2^26-entry table");
    }

    @Test
    void theTablesNameTheRunAndGroupByFamilyInOrderOfFirstAppearance() {
        StringWriter text = new StringWriter();
        BenchmarkReport.printTable(REPORT, new PrintWriter(text, true));
        String table = text.toString();
        assertThat(table).contains("NVIDIA H100", "commit abc1234", "copy: 3.00 TB/s", "gather4: 40.00 G",
                "reduce_sum", "gather4", "not measured:", "skipped: needs about 50 GiB", "notes:",
                "median of 3 samples");
        assertThat(table.indexOf("\nreduce\n")).isLessThan(table.indexOf("\nscan\n"));
        assertThat(table.indexOf("\nscan\n")).isLessThan(table.indexOf("\nhash-probe\n"));
        // both reduce rows sit in the reduce table, though measured apart
        assertThat(table.indexOf("int64        1048576")).isLessThan(table.indexOf("\nscan\n"));
        String probeRow = table.lines().filter(line -> line.startsWith("hash_probe")).findFirst().orElseThrow();
        assertThat(probeRow).contains(" - ").doesNotContain("NaN");
    }

    @Test
    void jsonEscapesTextAndWritesNullForAbsentFigures() {
        String json = BenchmarkReport.json(REPORT);
        assertThat(json).contains("\"cub\": \"cub_primitives absent: no nvcc \\\"here\\\"\"", "\"cub_seconds\": null",
                "\"elements\": 268435456", "\"family\": \"hash-probe\"", "\"ceiling\": \"gather4\"",
                "\"unit\": \"reads\"", "\"reason\": \"skipped: needs about 50 GiB\"", "\"notes\": [");
        assertThat(json.chars().filter(c -> c == '{').count()).isEqualTo(json.chars().filter(c -> c == '}').count());
        assertThat(json.chars().filter(c -> c == '[').count()).isEqualTo(json.chars().filter(c -> c == ']').count());
    }

    @Test
    void jsonOfARunWithNothingSkippedHasEmptyLists() {
        PrimitivesBenchmark.Report empty = new PrimitivesBenchmark.Report("d", "CUDA", "c", "2026-12-07", List.of(COPY),
                "none", List.of(), List.of(), List.of());
        assertThat(BenchmarkReport.json(empty)).contains("\"skipped\": [],", "\"notes\": []", "\"results\": [\n  ]");
    }
}
