package dev.forge.bench.experiments.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Rectangle;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * A line chart on logarithmic axes: series of (x, y) points (solid or dashed, coloured by index), a labelled
 * horizontal reference line, shaded horizontal bands with labels (verdict ranges), and labelled markers on the
 * reference line (crossovers). The legend sits right of the plot.
 */
public final class LineChart {
    /** A series: its legend name (null to leave it out of the legend), colour index, style and points. */
    public record Series(String name, int color, boolean dashed, double[] xs, double[] ys) {
    }

    /** A shaded band of y values, with a label at its right end. */
    public record Band(double from, double to, String label, Color fill) {
    }

    /** A marker at {@code x} on the reference line, in a series colour, labelled above. */
    public record Marker(double x, int color, boolean hollow, String label) {
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final DoubleFunction<String> xTick;
    private final DoubleFunction<String> yTick;
    private final List<Series> series = new ArrayList<>();
    private final List<Band> bands = new ArrayList<>();
    private final List<Marker> markers = new ArrayList<>();
    private final List<ChartCanvas.LegendEntry> extraLegend = new ArrayList<>();
    private double reference = Double.NaN;
    private String referenceLabel = "";

    public LineChart(String title, String xLabel, String yLabel, DoubleFunction<String> xTick,
            DoubleFunction<String> yTick) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.xTick = xTick;
        this.yTick = yTick;
    }

    public LineChart add(Series line) {
        series.add(line);
        return this;
    }

    public LineChart band(Band band) {
        bands.add(band);
        return this;
    }

    public LineChart marker(Marker marker) {
        markers.add(marker);
        return this;
    }

    public LineChart reference(double y, String label) {
        this.reference = y;
        this.referenceLabel = label;
        return this;
    }

    /** A legend line that explains a style rather than a series ("dashed: with transfers"). */
    public LineChart legendNote(String name, boolean dashed) {
        extraLegend.add(new ChartCanvas.LegendEntry(name, ChartCanvas.lineSample(ChartStyle.AXIS, dashed)));
        return this;
    }

    public BufferedImage render(int width, int height, TextPainter text) {
        ChartCanvas canvas = new ChartCanvas(width, height, text, title);
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (Series line : series) {
            for (int i = 0; i < line.xs().length; i++) {
                if (line.ys()[i] > 0 && Double.isFinite(line.ys()[i])) {
                    xs.add(line.xs()[i]);
                    ys.add(line.ys()[i]);
                }
            }
        }
        if (Double.isFinite(reference)) {
            // room on both sides of the reference line, so it never lies on the frame
            ys.add(reference / 3);
            ys.add(reference * 3);
        }
        if (xs.size() == 1 || xs.stream().distinct().count() == 1) {
            // one size: widen around it so the point is not on the frame
            double only = xs.isEmpty() ? 1 : xs.getFirst();
            xs.add(only / 3);
            xs.add(only * 3);
        }
        List<ChartCanvas.LegendEntry> legend = legendEntries();
        int[] legendSize = canvas.legendSize(legend);
        LogAxis probeY = new LogAxis(ys, 0, 1, yTick);
        int widestTick = probeY.ticks().stream().filter(LogAxis.Tick::major)
                .mapToInt(tick -> text.width(tick.label(), ChartStyle.TICK)).max().orElse(20);
        int left = canvas.yAxisWidth(widestTick);
        int top = canvas.titleHeight();
        int right = width - ChartCanvas.PADDING - legendSize[0] - ChartCanvas.PADDING;
        int bottom = height - canvas.xAxisHeight();
        Rectangle plot = new Rectangle(left, top, right - left, bottom - top);
        LogAxis xAxis = new LogAxis(xs, plot.x, plot.x + plot.width, xTick);
        LogAxis yAxis = new LogAxis(ys, plot.y + plot.height, plot.y, yTick);
        drawBands(canvas, plot, yAxis);
        canvas.xAxis(xAxis, plot, xLabel);
        canvas.yAxis(yAxis, plot, yLabel);
        var graphics = canvas.graphics;
        graphics.setClip(plot);
        if (Double.isFinite(reference)) {
            int y = (int) Math.round(yAxis.pixel(reference));
            graphics.setColor(ChartStyle.REFERENCE);
            graphics.setStroke(ChartStyle.thin(true));
            graphics.drawLine(plot.x, y, plot.x + plot.width, y);
            graphics.setStroke(new BasicStroke(1f));
            // under the line: markers sit on top of it
            text.draw(graphics, referenceLabel, plot.x + 8, y + 6 + text.ascent(ChartStyle.TICK), ChartStyle.TICK);
        }
        for (Series line : series) {
            drawSeries(canvas, line, xAxis, yAxis);
        }
        for (Marker marker : markers) {
            drawMarker(canvas, marker, xAxis, yAxis);
        }
        graphics.setClip(null);
        canvas.frame(plot);
        canvas.legend(legend, right + ChartCanvas.PADDING, top);
        return canvas.finish();
    }

    private List<ChartCanvas.LegendEntry> legendEntries() {
        List<ChartCanvas.LegendEntry> entries = new ArrayList<>();
        for (Series line : series) {
            if (line.name() != null) {
                entries.add(new ChartCanvas.LegendEntry(line.name(),
                        ChartCanvas.lineSample(ChartStyle.series(line.color()), line.dashed())));
            }
        }
        entries.addAll(extraLegend);
        return entries;
    }

    private void drawBands(ChartCanvas canvas, Rectangle plot, LogAxis yAxis) {
        var graphics = canvas.graphics;
        for (Band band : bands) {
            double from = Math.max(band.from(), yAxis.low());
            double to = Math.min(band.to(), yAxis.high());
            if (from >= to) {
                continue;
            }
            int yTop = (int) Math.round(yAxis.pixel(to));
            int yBottom = (int) Math.round(yAxis.pixel(from));
            graphics.setColor(band.fill());
            graphics.fillRect(plot.x, yTop, plot.width, yBottom - yTop);
            int labelWidth = canvas.text.width(band.label(), ChartStyle.TICK);
            if (yBottom - yTop > canvas.text.ascent(ChartStyle.TICK) + 4) {
                graphics.setColor(ChartStyle.BAND_TEXT);
                canvas.text.draw(graphics, band.label(), plot.x + plot.width - labelWidth - 8,
                        (yTop + yBottom + canvas.text.ascent(ChartStyle.TICK)) / 2, ChartStyle.TICK);
            }
        }
    }

    private static void drawSeries(ChartCanvas canvas, Series line, LogAxis xAxis, LogAxis yAxis) {
        var graphics = canvas.graphics;
        Color color = ChartStyle.series(line.color());
        Path2D.Double path = new Path2D.Double();
        boolean started = false;
        for (int i = 0; i < line.xs().length; i++) {
            double y = line.ys()[i];
            if (!(y > 0) || !Double.isFinite(y)) {
                started = false;
                continue;
            }
            double px = xAxis.pixel(line.xs()[i]);
            double py = yAxis.pixel(y);
            if (started) {
                path.lineTo(px, py);
            } else {
                path.moveTo(px, py);
                started = true;
            }
        }
        graphics.setColor(color);
        graphics.setStroke(ChartStyle.line(line.dashed()));
        graphics.draw(path);
        graphics.setStroke(new BasicStroke(2f));
        for (int i = 0; i < line.xs().length; i++) {
            double y = line.ys()[i];
            if (y > 0 && Double.isFinite(y)) {
                Ellipse2D.Double dot = new Ellipse2D.Double(xAxis.pixel(line.xs()[i]) - 4.5, yAxis.pixel(y) - 4.5, 9, 9);
                if (line.dashed()) {
                    graphics.setColor(Color.WHITE);
                    graphics.fill(dot);
                    graphics.setColor(color);
                    graphics.draw(dot);
                } else {
                    graphics.fill(dot);
                }
            }
        }
    }

    private void drawMarker(ChartCanvas canvas, Marker marker, LogAxis xAxis, LogAxis yAxis) {
        if (!Double.isFinite(reference)) {
            return;
        }
        var graphics = canvas.graphics;
        double x = xAxis.pixel(marker.x());
        double y = yAxis.pixel(reference);
        Path2D.Double triangle = new Path2D.Double();
        triangle.moveTo(x, y);
        triangle.lineTo(x - 8, y - 14);
        triangle.lineTo(x + 8, y - 14);
        triangle.closePath();
        Color color = ChartStyle.series(marker.color());
        graphics.setStroke(new BasicStroke(2f));
        graphics.setColor(marker.hollow() ? Color.WHITE : color);
        graphics.fill(triangle);
        graphics.setColor(color);
        graphics.draw(triangle);
        int width = canvas.text.width(marker.label(), ChartStyle.TICK);
        graphics.setColor(ChartStyle.TEXT);
        canvas.text.draw(graphics, marker.label(), (int) x - width / 2, (int) y - 20, ChartStyle.TICK);
    }
}
