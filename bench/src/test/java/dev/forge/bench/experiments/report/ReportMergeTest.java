package dev.forge.bench.experiments.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forge.bench.experiments.Ceilings;
import dev.forge.bench.experiments.ExperimentOutcome;
import dev.forge.bench.experiments.MachineDescription;
import dev.forge.bench.experiments.MergedRun;
import dev.forge.bench.experiments.Profile;
import dev.forge.bench.experiments.RunSettings;
import dev.forge.bench.experiments.SuiteReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportMergeTest {

    /** A chunk of the synthetic H100 run: the experiments named, with its own commit, date, settings and ceilings. */
    static SuiteReport chunk(List<String> experiments, String commit, String date, RunSettings settings,
            Ceilings ceilings, Map<String, String> nativePeers, double wallSeconds) {
        SuiteReport h100 = SyntheticReports.h100();
        MachineDescription m = h100.machine();
        MachineDescription machine = new MachineDescription(m.gpu(), m.gpuMemoryBytes(), m.driver(), m.cpu(),
                m.cores(), m.hostMemoryBytes(), m.javaVersion(), commit, date);
        List<ExperimentOutcome> outcomes = h100.outcomes().stream().filter(o -> experiments.contains(o.name()))
                .toList();
        assertThat(outcomes).hasSameSizeAs(experiments);
        return new SuiteReport(machine, settings, ceilings, nativePeers, outcomes, wallSeconds);
    }

    static SuiteReport partA() {
        SuiteReport h100 = SyntheticReports.h100();
        return chunk(List.of("reduce", "histogram", "parse"), "abc123def456", "2026-12-07T10:00:00Z",
                h100.settings(), h100.ceilings(), Map.of("CUB", "measured in this run",
                        "cuBLAS", "no experiment of this run has a cuBLAS peer"), 120.5);
    }

    static SuiteReport partB() {
        return chunk(List.of("join", "duckdb", "gemm"), "fedcba987654", "2026-12-07T09:00:00Z",
                RunSettings.of(Profile.STANDARD, List.of(1_000_000L, 20_000_000L), 5, null, false),
                new Ceilings(2.95e12, 54e9, 53e9, List.of()), Map.of("CUB", "not measured: the run was started with"
                        + " --no-cub", "cuBLAS", "no experiment of this run has a cuBLAS peer"), 60.25);
    }

    /** part A (reduce, histogram, parse) then part B (join, duckdb, gemm: other commit, earlier, 5 runs). */
    static SuiteReport mergeOfTwo() {
        return ReportMerge.merge(List.of(new ReportMerge.Input("a.json", partA()),
                new ReportMerge.Input("b.json", partB())));
    }

    private static List<String> names(SuiteReport report) {
        return report.outcomes().stream().map(ExperimentOutcome::name).toList();
    }

    @Test
    void experimentsFollowTheSuitesOrderWhateverTheOrderOfTheFiles() {
        SuiteReport merged = ReportMerge.merge(List.of(new ReportMerge.Input("b.json", partB()),
                new ReportMerge.Input("a.json", partA())));
        assertThat(names(merged)).containsExactly("reduce", "histogram", "join", "duckdb", "gemm", "parse");
        assertThat(merged.mergedFrom()).extracting(MergedRun::source).containsExactly("b.json", "a.json");
        assertThat(merged.mergedFrom()).extracting(MergedRun::experiments)
                .containsExactly(List.of("join", "duckdb", "gemm"), List.of("reduce", "histogram", "parse"));
        // the first file's ceilings and settings, whichever run came first in time
        assertThat(merged.ceilings().copyBytesPerSecond()).isEqualTo(2.95e12);
        assertThat(merged.settings().runs()).isEqualTo(5);
    }

    @Test
    void anExperimentTheSuiteDoesNotKnowComesLast() {
        SuiteReport a = partA();
        List<ExperimentOutcome> outcomes = new ArrayList<>(a.outcomes());
        outcomes.addFirst(new ExperimentOutcome("future", "from a later Forge", "elements", "not here", List.of(),
                List.of(), List.of()));
        SuiteReport withFuture = new SuiteReport(a.machine(), a.settings(), a.ceilings(), a.nativePeerStatus(),
                outcomes, a.wallSeconds());
        SuiteReport merged = ReportMerge.merge(List.of(new ReportMerge.Input("a.json", withFuture),
                new ReportMerge.Input("b.json", partB())));
        assertThat(names(merged)).containsExactly("reduce", "histogram", "join", "duckdb", "gemm", "parse",
                "future");
    }

    @Test
    void theHeaderSummarisesTheRunsAndKeepsEachOne() {
        SuiteReport merged = mergeOfTwo();
        SuiteReport a = partA();
        assertThat(merged.machine().gpu()).isEqualTo(a.machine().gpu());
        assertThat(merged.machine().commit()).isEqualTo("abc123def456, fedcba987654");
        assertThat(merged.machine().date()).isEqualTo("2026-12-07T09:00:00Z/2026-12-07T10:00:00Z");
        assertThat(merged.settings().profile()).isEqualTo(Profile.STANDARD);
        assertThat(merged.settings().runs()).isEqualTo(10);
        assertThat(merged.settings().sizes()).containsExactly(1_000_000L, 10_000_000L, 20_000_000L, 100_000_000L);
        assertThat(merged.ceilings()).isEqualTo(a.ceilings());
        assertThat(merged.wallSeconds()).isEqualTo(180.75);
        assertThat(merged.failureCount()).isEqualTo(1);
        assertThat(merged.nativePeerStatus()).containsEntry("CUB", "a.json: measured in this run; b.json: not"
                + " measured: the run was started with --no-cub")
                .containsEntry("cuBLAS", "no experiment of this run has a cuBLAS peer");
        assertThat(merged.mergedFrom()).extracting(run -> run.machine().commit())
                .containsExactly("abc123def456", "fedcba987654");
        assertThat(merged.mergedFrom().get(1).ceilings().copyBytesPerSecond()).isEqualTo(2.95e12);
    }

    @Test
    void thePageSaysItWasMergedAndListsEveryRun() {
        String page = MarkdownReport.render(mergeOfTwo(), List.of(), "");
        assertThat(page).startsWith("# Forge experiment suite, standard profile, merged from 2 runs\n")
                .contains("| commit | abc123def456, fedcba987654 |")
                .contains("| device copy ceiling | 2.99 TB/s (measured at the start of the first run merged) |")
                .contains("| wall time | 181 s, the sum of the runs' |")
                .contains("## Merged from 2 runs")
                .contains("| a.json | reduce, histogram, parse | abc123def456 | 2026-12-07T10:00:00Z | standard: 10 runs"
                        + " after 3 warm-ups; sizes 1M, 10M, 100M | 121 s | 2.99 TB/s | 55.0 GB/s / 54.0 GB/s |")
                .contains("| b.json | join, duckdb, gemm | fedcba987654 | 2026-12-07T09:00:00Z | standard: 5 runs after"
                        + " 3 warm-ups; sizes 1M, 20M | 60 s | 2.95 TB/s | 54.0 GB/s / 53.0 GB/s |")
                .contains("- Each run measured its own ceilings (above). The header's, every fraction of copy and"
                        + " the roofline use the first run's (a.json).")
                .contains("- The runs' settings differ")
                .contains("- Not in any of these runs: scan, compact, sort, filter, groupby, timeseries, spreadsheet,"
                        + " pipeline, gemv.")
                .doesNotContain("Java or the host's memory differ");
        assertThat(page.indexOf("## Merged from")).isLessThan(page.indexOf("## Verdicts"));
        assertThat(page.indexOf("## reduce")).isLessThan(page.indexOf("## join"));
    }

    @Test
    void runsThatAgreeGetNoNotes() {
        SuiteReport a = partA();
        SuiteReport alsoA = chunk(List.of("join"), a.machine().commit(), a.machine().date(), a.settings(),
                a.ceilings(), a.nativePeerStatus(), 1);
        SuiteReport merged = ReportMerge.merge(List.of(new ReportMerge.Input("a.json", a),
                new ReportMerge.Input("c.json", alsoA)));
        assertThat(merged.machine().commit()).isEqualTo("abc123def456");
        assertThat(merged.machine().date()).isEqualTo("2026-12-07T10:00:00Z");
        assertThat(merged.nativePeerStatus()).isEqualTo(a.nativePeerStatus());
        String page = MarkdownReport.render(merged, List.of(), "");
        assertThat(page).doesNotContain("own ceilings").doesNotContain("settings differ");
    }

    @Test
    void theCsvNamesEveryRun() {
        String csv = CsvReport.render(mergeOfTwo());
        assertThat(csv).contains("# commit abc123def456, fedcba987654; date 2026-12-07T09:00:00Z/2026-12-07T10:00:00Z\n"
                + "# merged from a.json: reduce histogram parse; commit abc123def456; date 2026-12-07T10:00:00Z;"
                + " profile standard, 10 timed runs after 3 warm-ups; 121 s; device copy 2.99 TB/s\n"
                + "# merged from b.json: join duckdb gemm; commit fedcba987654; date 2026-12-07T09:00:00Z; profile"
                + " standard, 5 timed runs after 3 warm-ups; 60 s; device copy 2.95 TB/s\n");
    }

    @Test
    void aMeasuredRunReplacesANotYetOneOfTheSameExperimentWhicheverComesFirst() {
        ExperimentOutcome notYet = partA().outcomes().stream().filter(o -> o.name().equals("parse")).findFirst()
                .orElseThrow();
        assertThat(notYet.ran()).isFalse();
        ExperimentOutcome reduce = partA().outcomes().getFirst();
        ExperimentOutcome measuredParse = new ExperimentOutcome("parse", "CSV and NDJSON parsing", reduce.sizeUnit(),
                null, reduce.variants(), reduce.results(), reduce.skipped());
        SuiteReport later = new SuiteReport(partA().machine(), partA().settings(), partA().ceilings(), Map.of(),
                List.of(measuredParse), 76);
        for (List<ReportMerge.Input> inputs : List.of(
                List.of(new ReportMerge.Input("a.json", partA()), new ReportMerge.Input("parse.json", later)),
                List.of(new ReportMerge.Input("parse.json", later), new ReportMerge.Input("a.json", partA())))) {
            SuiteReport merged = ReportMerge.merge(inputs);
            assertThat(merged.outcomes()).filteredOn(o -> o.name().equals("parse")).singleElement()
                    .satisfies(parse -> assertThat(parse.ran()).isTrue());
            assertThat(merged.mergedFrom()).hasSize(2);
        }
    }

    @Test
    void anExperimentInTwoFilesIsAnErrorNamingBoth() {
        SuiteReport again = chunk(List.of("gemm"), "0123", "2026-12-08T00:00:00Z", partA().settings(),
                partA().ceilings(), Map.of(), 1);
        assertThatThrownBy(() -> ReportMerge.merge(List.of(new ReportMerge.Input("a.json", partA()),
                new ReportMerge.Input("b.json", partB()), new ReportMerge.Input("c.json", again))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("experiment 'gemm' is in both b.json and c.json: a merged report takes each experiment"
                        + " from one run, so leave one of the files out or run that chunk again without it");
    }

    @Test
    void anotherMachineIsAnErrorSayingWhatDiffers() {
        SuiteReport b = partB();
        MachineDescription m = b.machine();
        SuiteReport h200 = new SuiteReport(new MachineDescription("NVIDIA H200", 150_000_000_000L, m.driver(),
                m.cpu(), 32, m.hostMemoryBytes(), m.javaVersion(), m.commit(), m.date()), b.settings(), b.ceilings(),
                b.nativePeerStatus(), b.outcomes(), b.wallSeconds());
        assertThatThrownBy(() -> ReportMerge.merge(List.of(new ReportMerge.Input("a.json", partA()),
                new ReportMerge.Input("h200.json", h200))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("h200.json was measured on another machine than a.json (GPU \"NVIDIA H100 80GB HBM3\" vs"
                        + " \"NVIDIA H200\"; GPU memory \"85000000000\" vs \"150000000000\"; cores \"16\" vs \"32\"): a"
                        + " merged report describes one GPU and host, so merge only runs measured on the same kind"
                        + " of machine");
    }

    @Test
    void aMergedInputBringsItsRuns() {
        SuiteReport a = partA();
        SuiteReport c = new SuiteReport(a.machine(), a.settings(), a.ceilings(), a.nativePeerStatus(),
                List.of(new ExperimentOutcome("scan", "inclusive prefix sums", "elements", "not in this test",
                        List.of(), List.of(), List.of())), 10);
        SuiteReport merged = ReportMerge.merge(List.of(new ReportMerge.Input("c.json", c),
                new ReportMerge.Input("ab.json", mergeOfTwo())));
        assertThat(merged.mergedFrom()).extracting(MergedRun::source).containsExactly("c.json", "a.json", "b.json");
        assertThat(names(merged)).containsExactly("reduce", "scan", "histogram", "join", "duckdb", "gemm", "parse");
        assertThat(merged.wallSeconds()).isEqualTo(190.75);
    }

    @Test
    void nothingToMergeIsAnError() {
        assertThatThrownBy(() -> ReportMerge.merge(List.of())).hasMessage("nothing to merge: name at least one run's"
                + " JSON");
    }
}
