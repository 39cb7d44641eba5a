package dev.forge.bench.experiments.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.bench.experiments.SuiteReport;
import dev.forge.bench.experiments.chart.TextPainter;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportDirectoryTest {

    @Test
    void theFolderGetsThePageTheDataAndReadableCharts(@TempDir Path folder) throws Exception {
        SuiteReport report = SyntheticReports.h100();
        List<Path> files = ReportDirectory.write(report, folder);
        assertThat(files).extracting(path -> path.getFileName().toString()).contains("report.md", "results.json",
                "results.csv", "speedup-reduce.png", "speedup-join.png", "speedup-duckdb.png", "roofline.png",
                "crossover.png");
        for (Path file : files) {
            assertThat(Files.size(file)).as(file.toString()).isPositive();
        }
        BufferedImage speedUp = ImageIO.read(folder.resolve("speedup-reduce.png").toFile());
        assertThat(speedUp.getWidth()).isEqualTo(Charts.WIDTH);
        assertThat(speedUp.getHeight()).isEqualTo(Charts.LINE_HEIGHT);
        BufferedImage roofline = ImageIO.read(folder.resolve("roofline.png").toFile());
        assertThat(roofline.getWidth()).isEqualTo(Charts.WIDTH);
        // (the failed join trial has no bandwidth) reduce int64, reduce float64 and join N x N at 1M
        assertThat(roofline.getHeight()).isBetween(150, 600);
        assertThat(Files.readString(folder.resolve("report.md"))).contains("](crossover.png)");
    }

    @Test
    void chartsDrawTheSameWithThePixelFont() {
        SuiteReport report = SyntheticReports.h100();
        List<Charts.Chart> system = Charts.all(report, TextPainter.best());
        List<Charts.Chart> pixels = Charts.all(report, TextPainter.pixels());
        assertThat(pixels).extracting(Charts.Chart::fileName)
                .containsExactlyElementsOf(system.stream().map(Charts.Chart::fileName).toList());
        for (Charts.Chart chart : pixels) {
            assertThat(chart.image().getWidth()).isEqualTo(Charts.WIDTH);
        }
    }
}
