package dev.forge.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forge.bench.experiments.report.PlainJson;
import dev.forge.bench.load.LoadStep.ByteBasis;
import dev.forge.columnar.catalog.FolderCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loading benchmark end to end on a tiny lineitem: every step timed, rows agreeing, both reports complete. */
class LoadBenchmarkTest {
    private static final List<String> RE_OPEN_AND_CEILINGS = List.of(LoadBenchmark.STEP_OPEN,
            LoadBenchmark.STEP_VERIFY, LoadBenchmark.STEP_DECODE, LoadBenchmark.STEP_SECOND_START,
            LoadBenchmark.STEP_FILE_READ, LoadBenchmark.STEP_FRESH_MEMORY, LoadBenchmark.STEP_COPY_ONE,
            LoadBenchmark.STEP_COPY_ALL);

    @TempDir
    Path folder;

    private static LoadBenchmark.Settings generated(Path work, int runs) {
        return new LoadBenchmark.Settings(null, 0.002, work, runs, 1 << 20);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aGeneratedLineitemIsTimedThroughEveryStep() throws IOException {
        List<String> progress = new ArrayList<>();
        LoadReport report = new LoadBenchmark(generated(folder.resolve("work"), 2), progress::add).run("test command");

        List<String> names = report.steps().stream().map(LoadStep::name).toList();
        List<String> expected = new ArrayList<>(List.of(LoadBenchmark.STEP_GENERATE, LoadBenchmark.STEP_PARSE,
                LoadBenchmark.STEP_WRITE, LoadBenchmark.STEP_FIRST_START));
        expected.addAll(RE_OPEN_AND_CEILINGS);
        assertThat(names).containsExactlyElementsOf(expected);
        assertThat(report.rows()).isEqualTo(report.step(LoadBenchmark.STEP_GENERATE).orElseThrow().rows())
                .isBetween(11_000L, 13_000L); // SF 0.002: about 12,000 lineitems
        for (LoadStep step : report.steps()) {
            int runs = step.name().equals(LoadBenchmark.STEP_GENERATE) ? 1 : 2;
            assertThat(step.seconds().runs()).as(step.name()).isEqualTo(runs);
            assertThat(step.seconds().min()).as(step.name()).isPositive().isLessThanOrEqualTo(step.firstRunSeconds());
            assertThat(step.firstRunSeconds()).as(step.name()).isLessThanOrEqualTo(step.seconds().max());
            if (step.basis() != ByteBasis.NONE) {
                assertThat(step.megabytesPerSecond()).as(step.name()).isPositive();
            }
        }
        assertThat(report.step(LoadBenchmark.STEP_PARSE).orElseThrow().bytes()).isEqualTo(report.tblBytes());
        assertThat(report.step(LoadBenchmark.STEP_DECODE).orElseThrow().bytes()).isEqualTo(report.forgeBytes());
        assertThat(report.forgeBytes()).isPositive().isLessThan(report.tblBytes());
        assertThat(progress).anyMatch(line -> line.startsWith(LoadBenchmark.STEP_PARSE + " 2/2: "));

        // the work folder holds the .tbl and the catalog's valid cache, not the writer's own copy
        FolderCatalog catalog = FolderCatalog.scan(folder.resolve("work"));
        assertThat(catalog.tables()).hasSize(1);
        assertThat(catalog.isCached(LoadBenchmark.TABLE)).isTrue();
        assertThat(folder.resolve("work/.load-bench/lineitem.forge")).doesNotExist();

        String markdown = report.markdown();
        assertThat(markdown).contains("`test command`").contains("page cache warm")
                .contains("| " + LoadBenchmark.STEP_DECODE + " |").contains("load average")
                .contains(String.format("%,d rows", report.rows())).contains("allocating that much memory alone");
        Map<String, Object> json = (Map<String, Object>) PlainJson.parse(report.json());
        assertThat(json.get("command")).isEqualTo("test command");
        assertThat(((Map<String, Object>) json.get("data")).get("rows")).isEqualTo((double) report.rows());
        List<Map<String, Object>> steps = (List<Map<String, Object>>) json.get("steps");
        assertThat(steps).hasSize(expected.size());
        Map<String, Object> decode = steps.get(names.indexOf(LoadBenchmark.STEP_DECODE));
        assertThat((Double) decode.get("fractionOfFileRead")).isPositive();
        assertThat((Double) decode.get("fractionOfMemoryCopy")).isPositive();
        assertThat(steps.get(names.indexOf(LoadBenchmark.STEP_OPEN)).get("megabytesPerSecond")).isNull();
        assertThat(steps.get(names.indexOf(LoadBenchmark.STEP_WRITE)).get("fractionOfFileRead")).isNull();
        assertThat((Double) decode.get("firstRunSeconds")).isPositive();
    }

    @Test
    void aGivenTblIsLinkedIntoTheWorkFolderAndLeftAlone() throws IOException {
        Path made = folder.resolve("made");
        new LoadBenchmark(generated(made, 1), line -> { }).run("first");
        Path given = folder.resolve("elsewhere/lineitem-sf0.002.tbl");
        Files.createDirectories(given.getParent());
        Files.copy(made.resolve("lineitem.tbl"), given);
        long size = Files.size(given);

        Path work = folder.resolve("linked");
        LoadReport report = new LoadBenchmark(new LoadBenchmark.Settings(given, 1, work, 1, 1 << 20), line -> { })
                .run("second");
        assertThat(report.steps()).extracting(LoadStep::name).doesNotContain(LoadBenchmark.STEP_GENERATE);
        assertThat(report.source()).isEqualTo(given.toAbsolutePath().toString());
        assertThat(report.tblBytes()).isEqualTo(size);
        assertThat(Files.isSymbolicLink(work.resolve("lineitem.tbl"))).isTrue();

        LoadBenchmark.deleteWorkFolder(work);
        assertThat(work).doesNotExist();
        assertThat(given).exists().hasSize(size);
    }

    @Test
    void settingsThatCannotMeasureAreRefused() {
        assertThatThrownBy(() -> new LoadBenchmark.Settings(null, 0, folder, 3, 1 << 20))
                .hasMessageContaining("scale factor must be positive");
        assertThatThrownBy(() -> new LoadBenchmark.Settings(null, 1, folder, 0, 1 << 20))
                .hasMessageContaining("at least one timed run");
        assertThatThrownBy(() -> new LoadBenchmark(new LoadBenchmark.Settings(folder.resolve("missing.tbl"), 1,
                folder.resolve("work"), 1, 1 << 20), line -> { }).run("x")).hasMessageContaining("is not a file");
    }
}
