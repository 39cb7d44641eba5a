package dev.forge.bench.experiments.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.geom.AffineTransform;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * The parts every chart draws the same way: a white image with its title, a plot area, a logarithmic x axis with
 * grid, ticks and label under it, and a legend box.
 */
final class ChartCanvas {
    static final int PADDING = 16;

    final BufferedImage image;
    final Graphics2D graphics;
    final TextPainter text;

    /** One legend line: a sample (a line, dashed or not, or a mark) in a colour, and its text. */
    interface LegendSample {
        void draw(Graphics2D graphics, int x, int centerY);
    }

    record LegendEntry(String name, LegendSample sample) {
    }

    ChartCanvas(int width, int height, TextPainter text, String title) {
        this.image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        this.graphics = image.createGraphics();
        this.text = text;
        graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        graphics.setColor(Color.WHITE);
        graphics.fillRect(0, 0, width, height);
        graphics.setColor(ChartStyle.TEXT);
        text.draw(graphics, title, PADDING, PADDING + text.ascent(ChartStyle.TITLE), ChartStyle.TITLE);
    }

    /** Pixels from the top taken by the title. */
    int titleHeight() {
        return PADDING + text.ascent(ChartStyle.TITLE) + text.descent(ChartStyle.TITLE) + PADDING;
    }

    /** Vertical grid lines and tick labels of a log x axis under {@code plot}, and the axis label under those. */
    void xAxis(LogAxis axis, Rectangle plot, String label) {
        for (LogAxis.Tick tick : axis.ticks()) {
            int x = (int) Math.round(axis.pixel(tick.value()));
            graphics.setColor(tick.major() ? ChartStyle.GRID : ChartStyle.MINOR_GRID);
            graphics.drawLine(x, plot.y, x, plot.y + plot.height);
            if (tick.major()) {
                graphics.setColor(ChartStyle.AXIS);
                graphics.drawLine(x, plot.y + plot.height, x, plot.y + plot.height + 5);
                graphics.setColor(ChartStyle.TEXT);
                int width = text.width(tick.label(), ChartStyle.TICK);
                text.draw(graphics, tick.label(), x - width / 2,
                        plot.y + plot.height + 8 + text.ascent(ChartStyle.TICK), ChartStyle.TICK);
            }
        }
        int labelY = plot.y + plot.height + 8 + text.ascent(ChartStyle.TICK) + text.descent(ChartStyle.TICK) + 10
                + text.ascent(ChartStyle.LABEL);
        graphics.setColor(ChartStyle.TEXT);
        text.draw(graphics, label, plot.x + (plot.width - text.width(label, ChartStyle.LABEL)) / 2, labelY,
                ChartStyle.LABEL);
    }

    /** Pixels under the plot that {@link #xAxis} needs. */
    int xAxisHeight() {
        return 8 + text.ascent(ChartStyle.TICK) + text.descent(ChartStyle.TICK) + 10 + text.ascent(ChartStyle.LABEL)
                + text.descent(ChartStyle.LABEL) + PADDING;
    }

    /** Horizontal grid lines and tick labels of a log y axis left of {@code plot}, the label turned up the left edge. */
    void yAxis(LogAxis axis, Rectangle plot, String label) {
        for (LogAxis.Tick tick : axis.ticks()) {
            int y = (int) Math.round(axis.pixel(tick.value()));
            graphics.setColor(tick.major() ? ChartStyle.GRID : ChartStyle.MINOR_GRID);
            graphics.drawLine(plot.x, y, plot.x + plot.width, y);
            if (tick.major()) {
                graphics.setColor(ChartStyle.AXIS);
                graphics.drawLine(plot.x - 5, y, plot.x, y);
                graphics.setColor(ChartStyle.TEXT);
                int width = text.width(tick.label(), ChartStyle.TICK);
                text.draw(graphics, tick.label(), plot.x - 8 - width, y + text.ascent(ChartStyle.TICK) / 2,
                        ChartStyle.TICK);
            }
        }
        AffineTransform saved = graphics.getTransform();
        int labelWidth = text.width(label, ChartStyle.LABEL);
        graphics.translate(PADDING + text.ascent(ChartStyle.LABEL), plot.y + (plot.height + labelWidth) / 2.0);
        graphics.rotate(-Math.PI / 2);
        graphics.setColor(ChartStyle.TEXT);
        text.draw(graphics, label, 0, 0, ChartStyle.LABEL);
        graphics.setTransform(saved);
    }

    /** Pixels left of the plot that {@link #yAxis} needs for labels as wide as {@code widestTick}. */
    int yAxisWidth(int widestTick) {
        return PADDING + text.ascent(ChartStyle.LABEL) + text.descent(ChartStyle.LABEL) + 12 + widestTick + 8;
    }

    void frame(Rectangle plot) {
        graphics.setColor(ChartStyle.AXIS);
        graphics.setStroke(new BasicStroke(1f));
        graphics.drawRect(plot.x, plot.y, plot.width, plot.height);
    }

    /** The legend's size: {@code [width, height]}. */
    int[] legendSize(List<LegendEntry> entries) {
        int width = 0;
        for (LegendEntry entry : entries) {
            width = Math.max(width, text.width(entry.name(), ChartStyle.TICK));
        }
        return new int[] {width + 44 + 2 * 10, entries.size() * legendLine() + 2 * 8};
    }

    private int legendLine() {
        return text.ascent(ChartStyle.TICK) + text.descent(ChartStyle.TICK) + 8;
    }

    /** A framed legend with its top left corner at ({@code x}, {@code y}). */
    void legend(List<LegendEntry> entries, int x, int y) {
        int[] size = legendSize(entries);
        graphics.setColor(Color.WHITE);
        graphics.fillRect(x, y, size[0], size[1]);
        graphics.setColor(ChartStyle.AXIS);
        graphics.drawRect(x, y, size[0], size[1]);
        int line = legendLine();
        for (int i = 0; i < entries.size(); i++) {
            int center = y + 8 + i * line + line / 2;
            entries.get(i).sample().draw(graphics, x + 10, center);
            graphics.setColor(ChartStyle.TEXT);
            text.draw(graphics, entries.get(i).name(), x + 10 + 34,
                    center + text.ascent(ChartStyle.TICK) / 2, ChartStyle.TICK);
        }
    }

    /** A legend sample that is a short line in {@code color}, dashed or solid. */
    static LegendSample lineSample(Color color, boolean dashed) {
        return (graphics, x, centerY) -> {
            Stroke saved = graphics.getStroke();
            graphics.setColor(color);
            graphics.setStroke(ChartStyle.line(dashed));
            graphics.draw(new Line2D.Double(x, centerY, x + 26, centerY));
            graphics.setStroke(saved);
        };
    }

    BufferedImage finish() {
        graphics.dispose();
        return image;
    }
}
