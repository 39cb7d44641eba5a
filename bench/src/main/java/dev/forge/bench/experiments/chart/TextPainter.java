package dev.forge.bench.experiments.chart;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/**
 * How a chart draws its text: with the JDK's sans-serif font where it has one, else with {@link PixelFont}, Forge's
 * own, so that charts come out readable on a machine without fonts too. {@code size} is the font size in pixels.
 */
public interface TextPainter {

    int width(String text, float size);

    /** Pixels above the baseline. */
    int ascent(float size);

    /** Pixels below the baseline. */
    int descent(float size);

    void draw(Graphics2D graphics, String text, int x, int baseline, float size);

    /** The system font if the JDK can draw with it here, else the pixel font. */
    static TextPainter best() {
        return SystemFont.usable() ? new SystemFont() : pixels();
    }

    static TextPainter pixels() {
        return new PixelFont();
    }

    /** Java2D's logical sans-serif font. */
    final class SystemFont implements TextPainter {
        private static Boolean usable;

        /** Whether a sans-serif glyph can be drawn here: no font configuration throws or draws nothing. */
        static synchronized boolean usable() {
            if (usable == null) {
                try {
                    BufferedImage probe = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
                    Graphics2D graphics = probe.createGraphics();
                    graphics.setColor(Color.WHITE);
                    graphics.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 24));
                    graphics.drawString("0", 8, 30);
                    graphics.dispose();
                    boolean drew = false;
                    for (int y = 0; y < 40 && !drew; y++) {
                        for (int x = 0; x < 40 && !drew; x++) {
                            drew = (probe.getRGB(x, y) & 0xFFFFFF) != 0;
                        }
                    }
                    usable = drew;
                } catch (Throwable noFonts) { // an Error from the font configuration, or a missing native library
                    usable = false;
                }
            }
            return usable;
        }

        private static Font font(float size) {
            return new Font(Font.SANS_SERIF, Font.PLAIN, 1).deriveFont(size);
        }

        @Override
        public int width(String text, float size) {
            BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
            Graphics2D graphics = scratch.createGraphics();
            try {
                return graphics.getFontMetrics(font(size)).stringWidth(text);
            } finally {
                graphics.dispose();
            }
        }

        @Override
        public int ascent(float size) {
            return Math.round(size * 0.75f);
        }

        @Override
        public int descent(float size) {
            return Math.round(size * 0.25f);
        }

        @Override
        public void draw(Graphics2D graphics, String text, int x, int baseline, float size) {
            Font previous = graphics.getFont();
            graphics.setFont(font(size));
            graphics.drawString(text, x, baseline);
            graphics.setFont(previous);
        }
    }
}
