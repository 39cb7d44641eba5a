package dev.forge.bench.experiments.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forge.bench.experiments.ExperimentOutcome;
import dev.forge.bench.experiments.MergedRun;
import dev.forge.bench.experiments.PeerResult;
import dev.forge.bench.experiments.Statistics;
import dev.forge.bench.experiments.SuiteReport;
import dev.forge.bench.experiments.TrialResult;
import dev.forge.bench.experiments.TrialShape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonReportReaderTest {

    /**
     * The synthetic H100 run (absent baseline, absent contender, failed trial, CUB and cuBLAS peers, an absent peer
     * whose median is null, a host contender, skipped sizes, an experiment not yet built) plus a pipeline experiment
     * whose times are random full-precision doubles, with a timed host peer, a null validation, NaN figures and
     * strings that need escapes.
     */
    static SuiteReport everyFieldKind() {
        SuiteReport h100 = SyntheticReports.h100();
        SplittableRandom random = new SplittableRandom(0x5EED);
        List<TrialResult> trials = new ArrayList<>();
        for (long size : new long[] {1_000_000, 10_000_000}) {
            trials.add(new TrialResult("pipeline", "top 10 \"keys\"", size, new TrialShape(size, 12 * size, 0, 0),
                    Double.NaN, "Forge CPU engine", randomStatistics(random), null, "Forge GPU engine", null, null,
                    randomStatistics(random), null, List.of(new PeerResult("DuckDB", random.nextDouble(),
                            randomStatistics(random), "checked: same rows\tin order"),
                            PeerResult.absent("CUB", "none for SQL")), null, null));
        }
        trials.add(new TrialResult("pipeline", "top 10 \"keys\"", 100_000_000, new TrialShape(1, 2, 3, 4), 0.5,
                "Forge CPU engine", null, "skipped:\n100M rows \u00b1 \u0001 control", "Forge GPU engine", null, null,
                null, null, List.of(), "", "VALIDATION FAILED: row 3: expected \"a\\b\", got 'c'"));
        List<ExperimentOutcome> outcomes = new ArrayList<>(h100.outcomes());
        outcomes.add(4, new ExperimentOutcome("pipeline", "Forge's engine on a query \u2264 1 ms", "rows", null,
                List.of("top 10 \"keys\""), trials, List.of()));
        return new SuiteReport(h100.machine(), h100.settings(), h100.ceilings(), h100.nativePeerStatus(), outcomes,
                random.nextDouble() * 1000);
    }

    private static Statistics randomStatistics(SplittableRandom random) {
        double[] seconds = new double[5];
        for (int i = 0; i < seconds.length; i++) {
            seconds[i] = random.nextDouble() * Math.pow(10, -random.nextInt(1, 7));
        }
        return Statistics.of(seconds);
    }

    private static SuiteReport roundTrip(SuiteReport report) throws Exception {
        String text = JsonReport.render(report);
        SuiteReport read = JsonReportReader.read(text, "results.json");
        assertThat(JsonReport.render(read)).isEqualTo(text);
        return read;
    }

    @Test
    void renderReadRenderGivesTheSameTextAndTheSameReport() throws Exception {
        SuiteReport original = everyFieldKind();
        SuiteReport read = roundTrip(original);
        assertThat(read.outcomes()).isEqualTo(original.outcomes());
        assertThat(read.machine()).isEqualTo(original.machine());
        assertThat(read.ceilings()).isEqualTo(original.ceilings());
        assertThat(read.nativePeerStatus()).isEqualTo(original.nativePeerStatus());
        assertThat(read.wallSeconds()).isEqualTo(original.wallSeconds());
        assertThat(read.settings().sizes()).isEqualTo(original.settings().sizes());
        assertThat(read.settings().profile()).isEqualTo(original.settings().profile());
        assertThat(read.failureCount()).isEqualTo(2);
        assertThat(read.mergedFrom()).isEmpty();
        // everything a report shows is the same
        assertThat(MarkdownReport.render(read, List.of(), "")).isEqualTo(MarkdownReport.render(original, List.of(),
                ""));
        assertThat(CsvReport.render(read)).isEqualTo(CsvReport.render(original));
    }

    @Test
    void aMergedReportKeepsItsRunsThroughTheRoundTrip() throws Exception {
        SuiteReport merged = ReportMergeTest.mergeOfTwo();
        SuiteReport read = roundTrip(merged);
        assertThat(read.mergedFrom()).hasSameSizeAs(merged.mergedFrom());
        for (int i = 0; i < merged.mergedFrom().size(); i++) {
            MergedRun written = merged.mergedFrom().get(i);
            MergedRun back = read.mergedFrom().get(i);
            assertThat(back.source()).isEqualTo(written.source());
            assertThat(back.experiments()).isEqualTo(written.experiments());
            assertThat(back.machine()).isEqualTo(written.machine());
            assertThat(back.ceilings()).isEqualTo(written.ceilings());
            assertThat(back.nativePeerStatus()).isEqualTo(written.nativePeerStatus());
            assertThat(back.wallSeconds()).isEqualTo(written.wallSeconds());
            assertThat(back.settings().runs()).isEqualTo(written.settings().runs());
            assertThat(back.settings().sizes()).isEqualTo(written.settings().sizes());
        }
        assertThat(MarkdownReport.render(read, List.of(), "")).isEqualTo(MarkdownReport.render(merged, List.of(),
                ""));
    }

    @Test
    void theCommittedH200ChunksAreRead() throws Exception {
        Path folder = Path.of("results/2026-12-07-h200-suite-standard");
        SuiteReport part1 = JsonReportReader.read(folder.resolve("part1/results.json"), "part1/results.json");
        SuiteReport part2 = JsonReportReader.read(folder.resolve("part2/results.json"), "part2/results.json");
        assertThat(part1.outcomes()).extracting(ExperimentOutcome::name).containsExactly("reduce", "scan",
                "compact", "histogram", "filter", "groupby", "sort");
        assertThat(part2.outcomes()).extracting(ExperimentOutcome::name).containsExactly("timeseries",
                "spreadsheet", "gemv");
        assertThat(part1.machine().gpu()).isEqualTo("NVIDIA H200");
        assertThat(part1.ceilings().copyBytesPerSecond()).isEqualTo(4.22249e12);
        assertThat(part1.failureCount()).isZero();
    }

    @Test
    void aFileThatIsMissingOrNotAReportIsNamed(@TempDir Path folder) throws Exception {
        assertThatThrownBy(() -> JsonReportReader.read(folder.resolve("none.json"), "none.json"))
                .hasMessage("none.json: no such file");
        Path latin1 = folder.resolve("latin1.json");
        Files.write(latin1, new byte[] {'"', (byte) 0xE9, '"'});
        assertThatThrownBy(() -> JsonReportReader.read(latin1, "latin1.json"))
                .hasMessage("latin1.json: not UTF-8 text, so not a report's JSON");
        assertThatThrownBy(() -> JsonReportReader.read("{\"benchmark\": \"load-lineitem\"}", "load.json"))
                .isInstanceOf(ReportFormatException.class).hasMessage("load.json:1:1: the report: has no 'machine'"
                        + " and 'experiments': not the JSON of `forge bench run --json` (or a report folder's"
                        + " results.json)");
        assertThatThrownBy(() -> JsonReportReader.read("[]", "list.json"))
                .hasMessage("list.json:1:1: expected an object at the top, found an array");
        String text = JsonReport.render(SyntheticReports.h100());
        assertThatThrownBy(() -> JsonReportReader.read(text.substring(0, text.length() / 2), "cut.json"))
                .isInstanceOf(ReportFormatException.class).hasMessageStartingWith("cut.json:")
                .hasMessageContaining("found the end of the text");
    }

    /** The 1-based line and column where {@code needle} starts in {@code text}. */
    private static String at(String text, String needle) {
        int offset = text.indexOf(needle);
        assertThat(offset).as(needle).isNotNegative();
        int line = (int) text.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
        return line + ":" + (offset - text.lastIndexOf('\n', offset - 1));
    }

    private static void rejects(String text, String expectedAt, String message) {
        assertThatThrownBy(() -> JsonReportReader.read(text, "r.json")).isInstanceOf(ReportFormatException.class)
                .hasMessage("r.json:" + expectedAt + ": " + message);
    }

    @Test
    void aReportWithAWrongKeyOrValueIsRefusedWithItsPlace() {
        String text = JsonReport.render(SyntheticReports.h100());
        String cores = text.replace("\"cores\": 16,", "\"cores\": 16.5,");
        rejects(cores, at(cores, "16.5"), "machine.cores: expected a whole number (a 64-bit integer), found the"
                + " number 16.5");
        String noUnit = text.replaceFirst("\"size_unit\": \"elements\",\n *", "");
        rejects(noUnit, at(noUnit, "{\n      \"name\": \"reduce\""), "experiments[0].size_unit: missing (the object"
                + " has name, description, status, reason, summary, variants, skipped, trials)");
        String typo = text.replaceFirst("\"validation\":", "\"validaton\": \"\", \"validation\":");
        rejects(typo, at(typo, "\"\", \"validation\""), "experiments[0].trials[0].validaton: unexpected key (this"
                + " reader knows elements, device_bytes, upload_bytes, download_bytes, baseline, contender, peers,"
                + " variant, size, generation_seconds, validation, failure, speed_up, verdict, speed_up_with_transfers,"
                + " verdict_with_transfers, device_bytes_per_second, elements_per_second, transfer_bytes_per_second,"
                + " noisy)");
        String failures = text.replace("\"failures\": 1,", "\"failures\": 0,");
        rejects(failures, at(failures, "0,\n  \"experiments\""), "failures: says 0 but 1 trial(s) have a failure:"
                + " the file was changed after it was written");
        String unit = text.replace("\"unit\": \"microseconds\"", "\"unit\": \"furlongs\"");
        rejects(unit, at(unit, "\"furlongs\""), "ceilings.measurements[0].unit: expected bytes_per_second or"
                + " microseconds, found \"furlongs\"");
        String profile = text.replace("\"profile\": \"standard\"", "\"profile\": \"fast\"");
        rejects(profile, at(profile, "\"fast\""), "settings.profile: 'fast' is not a profile: use quick, standard or"
                + " thorough");
        String status = text.replaceFirst("\"reason\": null", "\"reason\": \"why\"");
        rejects(status, at(status, "\"measured\""), "experiments[0].status: expected \"measured\" with a null"
                + " reason, or \"not yet\" with a reason; found \"measured\" with a reason");
        String median = text.replaceFirst("\"median\": [^,]*,", "\"median\": \"fast\",");
        rejects(median, at(median, "\"fast\""), "experiments[0].trials[0].baseline.seconds.median: expected a"
                + " number or null, found the string \"fast\"");
        String huge = text.replaceFirst("\"wall_seconds\": [^,]*,", "\"wall_seconds\": 1e400,");
        rejects(huge, at(huge, "1e400"), "wall_seconds: expected a number within a double's range, found the number"
                + " 1e400");
        String sizes = text.replaceFirst("\"sizes\": \\[[^\\]]*]", "\"sizes\": []");
        rejects(sizes, at(sizes, "{\n    \"profile\""), "settings: a run needs at least one size");
    }
}
