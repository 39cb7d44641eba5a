package dev.forge.bench.experiments.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartRenderingTest {

    /** Pixels that are not white, and the distinct colours among them. */
    private record Ink(long pixels, int colours) {
    }

    private static Ink ink(BufferedImage image) {
        long pixels = 0;
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                if (rgb != 0xFFFFFF) {
                    pixels++;
                    colours.add(rgb);
                }
            }
        }
        return new Ink(pixels, colours.size());
    }

    private static LineChart speedUps() {
        return new LineChart("reduce: speed-up", "elements (log scale)", "speed-up (log scale)",
                size -> Long.toString(Math.round(size)), value -> value + "x")
                .reference(1, "1x")
                .band(new LineChart.Band(10, Double.POSITIVE_INFINITY, "DOMINANT", new java.awt.Color(0xE3, 0xF2, 0xE3)))
                .add(new LineChart.Series("int64", 0, false, new double[] {1e6, 1e7, 1e8}, new double[] {0.5, 4, 40}))
                .add(new LineChart.Series(null, 0, true, new double[] {1e6, 1e7, 1e8}, new double[] {0.1, 0.3, 0.35}))
                .marker(new LineChart.Marker(2e6, 0, false, "2M"))
                .legendNote("dashed: with transfers", true);
    }

    @Test
    void aLineChartIsAsLargeAsAskedAndDrawsInColour(@TempDir Path folder) throws Exception {
        for (TextPainter text : List.of(TextPainter.best(), TextPainter.pixels())) {
            BufferedImage image = speedUps().render(1200, 700, text);
            Path file = folder.resolve("line.png");
            PngFiles.write(image, file);
            BufferedImage back = ImageIO.read(file.toFile());
            assertThat(back.getWidth()).isEqualTo(1200);
            assertThat(back.getHeight()).isEqualTo(700);
            Ink ink = ink(back);
            assertThat(ink.pixels()).as(text.getClass().getSimpleName()).isGreaterThan(20_000);
            assertThat(ink.colours()).isGreaterThan(5);
        }
    }

    @Test
    void aRowChartGrowsWithItsRows() {
        RowChart two = new RowChart("roofline", "GB/s", value -> Long.toString(Math.round(value)));
        RowChart five = new RowChart("roofline", "GB/s", value -> Long.toString(Math.round(value)));
        for (int i = 0; i < 5; i++) {
            RowChart.Row row = new RowChart.Row("row " + i, Double.NaN, Double.NaN,
                    List.of(new RowChart.Mark(100 * (i + 1), RowChart.Shape.BAR, i, (100 * (i + 1)) + " GB/s")));
            if (i < 2) {
                two.add(row);
            }
            five.add(row);
        }
        five.reference(new RowChart.Reference(3000, "copy 3.0 TB/s"));
        TextPainter text = TextPainter.pixels();
        assertThat(five.height(text)).isGreaterThan(two.height(text));
        BufferedImage image = five.render(1000, text);
        assertThat(image.getWidth()).isEqualTo(1000);
        assertThat(image.getHeight()).isEqualTo(five.height(text));
        assertThat(ink(image).pixels()).isGreaterThan(10_000);
    }

    @Test
    void thePixelFontHasAGlyphForEveryPrintableCharacterAndMeasuresWhatItDraws() {
        TextPainter pixels = TextPainter.pixels();
        StringBuilder all = new StringBuilder();
        for (char c = 32; c < 127; c++) {
            all.append(c);
        }
        int width = pixels.width(all.toString(), 16);
        BufferedImage image = new BufferedImage(width + 4, 40, BufferedImage.TYPE_INT_RGB);
        var graphics = image.createGraphics();
        graphics.setColor(java.awt.Color.WHITE);
        graphics.fillRect(0, 0, image.getWidth(), image.getHeight());
        graphics.setColor(java.awt.Color.BLACK);
        pixels.draw(graphics, all.toString(), 2, 30, 16);
        graphics.dispose();
        // every glyph but the space leaves ink inside its own cell
        for (int c = 33; c < 127; c++) {
            int left = 2 + (c - 32) * 6 * 2;
            boolean inked = false;
            for (int x = left; x < left + 10 && !inked; x++) {
                for (int y = 0; y < 40 && !inked; y++) {
                    inked = (image.getRGB(x, y) & 0xFFFFFF) == 0;
                }
            }
            assertThat(inked).as("glyph '%c'", (char) c).isTrue();
        }
    }

    @Test
    void aLogAxisSpansWholeDecadesAndLabelsTwoAndFiveWhenShort() {
        LogAxis axis = new LogAxis(List.of(3e5, 2e7), 0, 300, value -> Long.toString(Math.round(value)));
        assertThat(axis.low()).isEqualTo(1e5);
        assertThat(axis.high()).isEqualTo(1e8, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(axis.pixel(1e5)).isEqualTo(0);
        assertThat(axis.pixel(1e8)).isEqualTo(300, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(axis.ticks()).filteredOn(LogAxis.Tick::major).extracting(LogAxis.Tick::label)
                .containsExactly("100000", "200000", "500000", "1000000", "2000000", "5000000", "10000000",
                        "20000000", "50000000", "100000000");
        LogAxis wide = new LogAxis(List.of(1e-2, 1e3), 0, 500, value -> "x");
        assertThat(wide.ticks()).filteredOn(LogAxis.Tick::major).hasSize(6);
    }
}
