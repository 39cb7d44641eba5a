package dev.forge.bench.experiments.report;

import dev.forge.bench.experiments.SuiteReport;
import dev.forge.bench.experiments.chart.PngFiles;
import dev.forge.bench.experiments.chart.TextPainter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a suite run's report into a folder: report.md, results.json, results.csv and the PNG charts. A chart that
 * cannot be drawn (no usable graphics on the machine) is left out and the page says why; the data files never are.
 */
public final class ReportDirectory {
    private ReportDirectory() {
    }

    /** Writes the report and returns the files written. */
    public static List<Path> write(SuiteReport report, Path folder) throws IOException {
        Files.createDirectories(folder);
        List<Path> written = new ArrayList<>();
        List<Charts.Chart> charts = List.of();
        String chartsNote = "";
        try {
            charts = Charts.all(report, TextPainter.best());
            for (Charts.Chart chart : charts) {
                Path file = folder.resolve(chart.fileName());
                PngFiles.write(chart.image(), file);
                written.add(file);
            }
        } catch (IOException | RuntimeException | LinkageError noGraphics) {
            charts = List.of();
            chartsNote = "not drawn: " + noGraphics;
        }
        if (charts.isEmpty() && chartsNote.isEmpty()) {
            chartsNote = "none: no contender was measured";
        }
        written.add(writeText(folder.resolve("report.md"), MarkdownReport.render(report, charts, chartsNote)));
        written.add(writeText(folder.resolve("results.json"), JsonReport.render(report)));
        written.add(writeText(folder.resolve("results.csv"), CsvReport.render(report)));
        return written;
    }

    static Path writeText(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }
}
