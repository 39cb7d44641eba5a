package dev.forge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.bench.experiments.ExperimentOutcome;
import dev.forge.bench.experiments.SuiteReport;
import dev.forge.bench.experiments.report.JsonReportReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code forge bench report} end to end: two real {@code forge bench run} chunks (baselines only where there is no
 * GPU) merged into one report folder, and the inputs it refuses.
 */
class BenchReportCommandTest {

    private static Path chunk(Path folder, String name, String... experiments) throws Exception {
        Path json = Files.createDirectories(folder).resolve(name);
        List<String> args = new ArrayList<>(List.of("bench", "run"));
        args.addAll(List.of(experiments));
        args.addAll(List.of("--profile", "quick", "--sizes", "1K", "--runs", "1", "--no-cub", "--json",
                json.toString()));
        CommandRun chunk = CommandRun.of(args.toArray(String[]::new));
        assertThat(chunk.exitCode()).as(chunk.err()).isZero();
        return json;
    }

    @Test
    void twoChunksBecomeOneReportInTheSuitesOrder(@TempDir Path folder) throws Exception {
        Path scan = chunk(folder.resolve("second"), "results.json", "scan", "parse");
        Path reduce = chunk(folder.resolve("first"), "results.json", "reduce");
        Path report = folder.resolve("report");
        Path json = folder.resolve("merged/all.json");
        Path csv = folder.resolve("merged/all.csv");
        CommandRun merge = CommandRun.of("bench", "report", "--from", scan.toString(), "--from", reduce.toString(),
                "--report", report.toString(), "--json", json.toString(), "--csv", csv.toString());
        assertThat(merge.exitCode()).as(merge.err()).isZero();
        assertThat(merge.err()).isEmpty();
        assertThat(merge.out()).contains("read second/results.json: scan, parse (commit ")
                .contains("read first/results.json: reduce (commit ")
                .contains("wrote " + json).contains("wrote " + csv)
                .contains(" files to " + report + " (report.md, results.json, results.csv, ")
                .contains("charts), merged from 2 file(s)");
        String page = Files.readString(report.resolve("report.md"));
        assertThat(page).startsWith("# Forge experiment suite, quick profile, merged from 2 runs\n")
                .contains("## Merged from 2 runs")
                .contains("| second/results.json | scan, parse | ")
                .contains("| first/results.json | reduce | ")
                .contains("- Not in any of these runs: compact, sort, histogram, filter, groupby, join, timeseries,"
                        + " spreadsheet, pipeline, duckdb, gemm, gemv.");
        assertThat(page.indexOf("## reduce")).isPositive().isLessThan(page.indexOf("## scan"));
        SuiteReport merged = JsonReportReader.read(json, json.toString());
        assertThat(merged.outcomes()).extracting(ExperimentOutcome::name).containsExactly("reduce", "scan", "parse");
        assertThat(merged.mergedFrom()).hasSize(2);
        assertThat(Files.readString(report.resolve("results.json"))).isEqualTo(Files.readString(json));
        assertThat(Files.readString(csv)).contains("# merged from second/results.json: scan parse;")
                .contains("\nreduce,int32,1000,");
    }

    @Test
    void anUnreadableInputExitsOneNamingTheFileAndPlace(@TempDir Path folder) throws Exception {
        Path broken = folder.resolve("broken.json");
        Files.writeString(broken, "{\n  \"machine\": {,\n}");
        CommandRun run = CommandRun.of("bench", "report", "--from", broken.toString(), "--report",
                folder.resolve("r").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("forge: cannot read a run's JSON: " + broken + ":2:15: expected a quoted"
                + " key, found \",\"\n");
        assertThat(folder.resolve("r")).doesNotExist();
        CommandRun missing = CommandRun.of("bench", "report", "--from", folder.resolve("none.json").toString(),
                "--report", folder.resolve("r").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("forge: cannot read a run's JSON: " + folder.resolve("none.json")
                + ": no such file\n");
    }

    @Test
    void theSameExperimentTwiceExitsOneNamingBothFiles(@TempDir Path folder) throws Exception {
        Path once = chunk(folder, "once.json", "parse");
        Path twice = folder.resolve("twice.json");
        Files.copy(once, twice);
        CommandRun run = CommandRun.of("bench", "report", "--from", once.toString(), "--from", twice.toString(),
                "--report", folder.resolve("r").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("forge: cannot merge: experiment 'parse' is in both once.json and"
                + " twice.json: ");
        CommandRun none = CommandRun.of("bench", "report", "--report", folder.resolve("r").toString());
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("--from");
    }
}
