package dev.forge.bench.experiments.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * One row per item against a logarithmic x axis: bars (achieved bandwidth), dots and rings (crossover sizes), arrows
 * (beyond the measured range), a grey band per row (the measured range), labelled vertical reference lines (ceilings)
 * and a legend under the title. The image grows with the rows.
 */
public final class RowChart {
    /** How a mark is drawn. */
    public enum Shape {
        BAR,
        DOT,
        RING,
        LEFT_ARROW,
        RIGHT_ARROW
    }

    /**
     * A mark at {@code value} in a series colour, with text beside it (may be empty); lane 0 is the row's middle,
     * lanes -1 and 1 a little above and below it, so two marks at one value stay apart.
     */
    public record Mark(double value, Shape shape, int color, String label, int lane) {
        public Mark(double value, Shape shape, int color, String label) {
            this(value, shape, color, label, 0);
        }
    }

    /** A row: its label, an optional grey range (NaN for none) and its marks. */
    public record Row(String label, double rangeFrom, double rangeTo, List<Mark> marks) {
    }

    /** A vertical line at {@code value}, labelled at its top. */
    public record Reference(double value, String label) {
    }

    private static final int ROW_HEIGHT = 36;
    private static final int LANE_OFFSET = 8;

    private final String title;
    private final String xLabel;
    private final DoubleFunction<String> xTick;
    private final List<Row> rows = new ArrayList<>();
    private final List<Reference> references = new ArrayList<>();
    private final List<ChartCanvas.LegendEntry> legend = new ArrayList<>();

    public RowChart(String title, String xLabel, DoubleFunction<String> xTick) {
        this.title = title;
        this.xLabel = xLabel;
        this.xTick = xTick;
    }

    public RowChart add(Row row) {
        rows.add(row);
        return this;
    }

    public RowChart reference(Reference reference) {
        references.add(reference);
        return this;
    }

    public RowChart legend(String name, Shape shape, int color) {
        legend.add(new ChartCanvas.LegendEntry(name, (graphics, x, centerY) ->
                drawShape(graphics, shape, ChartStyle.series(color), x + 13, centerY, 24)));
        return this;
    }

    public RowChart legendBand(String name) {
        legend.add(new ChartCanvas.LegendEntry(name, (graphics, x, centerY) -> {
            graphics.setColor(ChartStyle.GRID);
            graphics.fillRect(x, centerY - 6, 26, 12);
        }));
        return this;
    }

    /** The height {@link #render} draws at for this many rows. */
    public int height(TextPainter text) {
        ChartCanvas probe = new ChartCanvas(1, 1, text, "");
        int legendHeight = legend.isEmpty() ? 0 : probe.legendSize(legend)[1] + ChartCanvas.PADDING;
        probe.finish();
        return probe.titleHeight() + legendHeight + text.ascent(ChartStyle.TICK) + 8 + rows.size() * ROW_HEIGHT
                + 10 + probe.xAxisHeight();
    }

    public BufferedImage render(int width, TextPainter text) {
        ChartCanvas canvas = new ChartCanvas(width, height(text), text, title);
        Graphics2D graphics = canvas.graphics;
        int top = canvas.titleHeight();
        if (!legend.isEmpty()) {
            canvas.legend(legend, ChartCanvas.PADDING, top);
            top += canvas.legendSize(legend)[1] + ChartCanvas.PADDING;
        }
        top += text.ascent(ChartStyle.TICK) + 8; // room for the reference labels
        int labelWidth = 0;
        for (Row row : rows) {
            labelWidth = Math.max(labelWidth, text.width(row.label(), ChartStyle.TICK));
        }
        int left = ChartCanvas.PADDING + labelWidth + 12;
        int right = width - ChartCanvas.PADDING - 120; // room for the last bar's text
        Rectangle plot = new Rectangle(left, top, right - left, rows.size() * ROW_HEIGHT + 10);
        List<Double> values = new ArrayList<>();
        for (Row row : rows) {
            for (Mark mark : row.marks()) {
                values.add(mark.value());
                if (mark.shape() == Shape.BAR) {
                    values.add(mark.value() / 2); // so that the shortest bar still shows
                }
            }
            values.add(row.rangeFrom());
            values.add(row.rangeTo());
        }
        references.forEach(reference -> values.add(reference.value()));
        LogAxis axis = new LogAxis(values, plot.x, plot.x + plot.width, xTick);
        canvas.xAxis(axis, plot, xLabel);
        for (int i = 0; i < rows.size(); i++) {
            drawRow(canvas, rows.get(i), axis, plot, plot.y + 5 + i * ROW_HEIGHT + ROW_HEIGHT / 2);
        }
        for (Reference reference : references) {
            int x = (int) Math.round(axis.pixel(reference.value()));
            graphics.setColor(ChartStyle.REFERENCE);
            graphics.setStroke(ChartStyle.thin(true));
            graphics.drawLine(x, plot.y, x, plot.y + plot.height);
            graphics.setStroke(new BasicStroke(1f));
            int textWidth = text.width(reference.label(), ChartStyle.TICK);
            text.draw(graphics, reference.label(), Math.min(x - textWidth / 2, width - ChartCanvas.PADDING - textWidth),
                    plot.y - 6, ChartStyle.TICK);
        }
        canvas.frame(plot);
        return canvas.finish();
    }

    private static void drawRow(ChartCanvas canvas, Row row, LogAxis axis, Rectangle plot, int centerY) {
        Graphics2D graphics = canvas.graphics;
        graphics.setColor(ChartStyle.TEXT);
        canvas.text.draw(graphics, row.label(), plot.x - 12 - canvas.text.width(row.label(), ChartStyle.TICK),
                centerY + canvas.text.ascent(ChartStyle.TICK) / 2, ChartStyle.TICK);
        if (row.rangeFrom() > 0 && row.rangeTo() > 0) {
            int from = (int) Math.round(axis.pixel(row.rangeFrom()));
            int to = (int) Math.round(axis.pixel(row.rangeTo()));
            graphics.setColor(ChartStyle.GRID);
            graphics.fillRect(from, centerY - 6, Math.max(2, to - from), 12);
        }
        for (RowChart.Mark mark : row.marks()) {
            if (!(mark.value() > 0) || !Double.isFinite(mark.value())) {
                continue;
            }
            int x = (int) Math.round(axis.pixel(mark.value()));
            int y = centerY + mark.lane() * LANE_OFFSET;
            Color color = ChartStyle.series(mark.color());
            if (mark.shape() == Shape.BAR) {
                graphics.setColor(color);
                graphics.fillRect(plot.x, y - 10, Math.max(1, x - plot.x), 20);
            } else {
                drawShape(graphics, mark.shape(), color, x, y, 16);
            }
            if (!mark.label().isEmpty()) {
                graphics.setColor(ChartStyle.TEXT);
                // a right arrow sits on the plot's right end: its text goes left of it, inside the plot
                int textX = mark.shape() == Shape.RIGHT_ARROW
                        ? x - 14 - canvas.text.width(mark.label(), ChartStyle.TICK) : x + 14;
                canvas.text.draw(graphics, mark.label(), textX, y + canvas.text.ascent(ChartStyle.TICK) / 2,
                        ChartStyle.TICK);
            }
        }
    }

    private static void drawShape(Graphics2D graphics, Shape shape, Color color, int x, int centerY, int size) {
        double half = size / 2.0;
        graphics.setStroke(new BasicStroke(2.5f));
        switch (shape) {
            case BAR -> {
                graphics.setColor(color);
                graphics.fillRect((int) (x - half), (int) (centerY - half / 1.5), size, (int) (size / 1.5));
            }
            case DOT, RING -> {
                Ellipse2D.Double circle = new Ellipse2D.Double(x - half * 0.7, centerY - half * 0.7, size * 0.7,
                        size * 0.7);
                graphics.setColor(shape == Shape.DOT ? color : Color.WHITE);
                graphics.fill(circle);
                graphics.setColor(color);
                graphics.draw(circle);
            }
            case LEFT_ARROW, RIGHT_ARROW -> {
                double direction = shape == Shape.LEFT_ARROW ? -1 : 1;
                Path2D.Double arrow = new Path2D.Double();
                arrow.moveTo(x + direction * half, centerY);
                arrow.lineTo(x - direction * half * 0.4, centerY - half * 0.7);
                arrow.lineTo(x - direction * half * 0.4, centerY + half * 0.7);
                arrow.closePath();
                graphics.setColor(color);
                graphics.fill(arrow);
            }
        }
        graphics.setStroke(new BasicStroke(1f));
    }
}
