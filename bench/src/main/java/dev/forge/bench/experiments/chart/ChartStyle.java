package dev.forge.bench.experiments.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Stroke;

/** The look all charts share: sizes of text, colours of series (distinct in colour-blind palettes), lines. */
final class ChartStyle {
    static final float TITLE = 22f;
    static final float LABEL = 16f;
    static final float TICK = 14f;
    static final Color TEXT = new Color(0x20, 0x20, 0x20);
    static final Color GRID = new Color(0xDD, 0xDD, 0xDD);
    static final Color MINOR_GRID = new Color(0xF0, 0xF0, 0xF0);
    static final Color AXIS = new Color(0x60, 0x60, 0x60);
    static final Color REFERENCE = new Color(0xB0, 0x30, 0x30);
    static final Color BAND_TEXT = new Color(0x90, 0x90, 0x90);
    /** Okabe-Ito colours (safe for colour-blind readers), then a few more. */
    private static final Color[] SERIES = {new Color(0x00, 0x72, 0xB2), new Color(0xE6, 0x9F, 0x00),
            new Color(0x00, 0x9E, 0x73), new Color(0xCC, 0x79, 0xA7), new Color(0xD5, 0x5E, 0x00),
            new Color(0x56, 0xB4, 0xE9), new Color(0x00, 0x00, 0x00), new Color(0x99, 0x99, 0x33),
            new Color(0x88, 0x22, 0x55), new Color(0x44, 0xAA, 0x99), new Color(0x66, 0x33, 0x99),
            new Color(0x99, 0x55, 0x33)};

    private ChartStyle() {
    }

    static Color series(int index) {
        return SERIES[index % SERIES.length];
    }

    static Stroke line(boolean dashed) {
        return dashed ? new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {9f, 6f}, 0f)
                : new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }

    static Stroke thin(boolean dashed) {
        return dashed ? new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f)
                : new BasicStroke(1f);
    }
}
