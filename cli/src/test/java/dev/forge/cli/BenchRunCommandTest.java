package dev.forge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.forge.cuda.Cuda;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `forge bench list` and `forge bench run` end to end through the command line, on a machine without a GPU. */
class BenchRunCommandTest {

    @Test
    void listNamesEveryExperiment() {
        CommandRun run = CommandRun.of("bench", "list");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("reduce ", "scan ", "compact ", "sort ", "histogram ", "filter ", "groupby ",
                "join ", "timeseries ", "spreadsheet ", "pipeline ", "duckdb ", "gemm ", "gemv ", "parse ")
                .contains("parse        CSV and NDJSON text into typed columns").doesNotContain("not yet")
                .contains("gemm         matrix multiply C = A B");
    }

    @Test
    void aQuickReduceRunWithoutAGpuMeasuresTheCpuAndWritesTheReport(@TempDir Path folder) throws Exception {
        assumeFalse(Cuda.isAvailable(), "this machine has a GPU");
        Path json = folder.resolve("not/yet/made/extra.json"); // the run makes the folders
        Path csv = folder.resolve("extra.csv");
        Path report = folder.resolve("report");
        CommandRun run = CommandRun.of("bench", "run", "reduce", "--profile", "quick", "--sizes", "1K,10K", "--json",
                json.toString(), "--csv", csv.toString(), "--report", report.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("machine: none (no GPU: ").contains("reduce int32 1K: CPU twin")
                .contains("no GPU").contains("every measured result matched its baseline's")
                .contains("wrote " + json).contains("wrote " + csv).contains("wrote 3 files to " + report);
        assertThat(Files.readString(json)).contains("\"profile\": \"quick\"").contains("\"name\": \"reduce\"");
        assertThat(Files.readString(csv).lines().filter(line -> line.startsWith("reduce,"))).hasSize(8);
        String page = Files.readString(report.resolve("report.md"));
        assertThat(page).contains("# Forge experiment suite, quick profile").contains("## reduce")
                .contains("Charts: none: no contender was measured");
        assertThat(report.resolve("results.json")).exists();
        assertThat(report.resolve("results.csv")).exists();
    }

    @Test
    void mistakesAreOneLineEach() {
        CommandRun unknown = CommandRun.of("bench", "run", "nope", "--sizes", "1K");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).startsWith("forge: no experiment 'nope': choose from reduce, scan")
                .doesNotContain("\tat ");
        CommandRun badSize = CommandRun.of("bench", "run", "reduce", "--sizes", "ten");
        assertThat(badSize.exitCode()).isEqualTo(1);
        assertThat(badSize.err()).contains("'ten' is not a size");
        CommandRun badProfile = CommandRun.of("bench", "run", "reduce", "--profile", "fast");
        assertThat(badProfile.err()).contains("'fast' is not a profile: use quick, standard or thorough");
        CommandRun nothing = CommandRun.of("bench", "run");
        assertThat(nothing.exitCode()).isEqualTo(2);
        assertThat(nothing.err()).contains("EXPERIMENT");
    }
}
