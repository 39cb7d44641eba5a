package dev.forge.bench.experiments.chart;

import java.awt.Graphics2D;

/**
 * Forge's own 5 x 7 pixel font for ASCII 32-126, drawn as filled squares, so charts have readable text on machines
 * whose JDK finds no system font (a GPU machine with a bare runtime). Each glyph is seven rows of five pixels; a row is
 * one base-32 digit (0-9, a-v) whose bits, most significant first, are the pixels left to right. Characters outside
 * the range are drawn as '?'. A glyph is scaled by a whole number so its edges stay sharp.
 */
final class PixelFont implements TextPainter {
    private static final int COLUMNS = 5;
    private static final int ROWS = 7;
    private static final String[] GLYPHS = {
            "0000000", "4444404", "aa00000", "aavavaa", "4fke5u4", "op248j3", "cik8lid", "4400000",
            "2488842", "8422248", "04lel40", "044v440", "0000648", "000v000", "00000cc", "01248g0",
            "ehjlphe", "4c4444e", "eh1248v", "v2421he", "26aiv22", "vgu11he", "68guhhe", "v124888",
            "ehhehhe", "ehhf12c", "0cc0cc0", "0cc0c48", "248g842", "00v0v00", "8421248", "eh12404",
            "eh1dlle", "ehhvhhh", "uhhuhhu", "ehggghe", "sihhhis", "vgguggv", "vgguggg", "ehgnhhf",
            "hhhvhhh", "e44444e", "72222ic", "hikokih", "ggggggv", "hrllhhh", "hhpljhh", "ehhhhhe",
            "uhhuggg", "ehhhlid", "uhhukih", "fgge11u", "v444444", "hhhhhhe", "hhhhha4", "hhhllla",
            "hha4ahh", "hha4444", "v1248gv", "e88888e", "0g84210", "e22222e", "4ah0000", "000000v",
            "8400000", "00e1fhf", "ggmphhu", "00egghe", "11djhhf", "00ehvge", "698s888", "0fhhf1e",
            "ggmphhh", "40c444e", "20622ic", "ggikoki", "c44444e", "00qllhh", "00mphhh", "00ehhhe",
            "00uhugg", "00djf11", "00mpggg", "00ege1u", "88s8896", "00hhhjd", "00hhha4", "00hhlla",
            "00ha4ah", "00hhf1e", "00v248v", "2448442", "4444444", "8442448", "008l200",
    };

    /** Pixels per font pixel for a font of {@code size} (about the height of a capital letter plus spacing). */
    private static int scale(float size) {
        return Math.max(1, Math.round(size / 8f));
    }

    @Override
    public int width(String text, float size) {
        return text.isEmpty() ? 0 : (text.length() * (COLUMNS + 1) - 1) * scale(size);
    }

    @Override
    public int ascent(float size) {
        return ROWS * scale(size);
    }

    @Override
    public int descent(float size) {
        return 2 * scale(size);
    }

    @Override
    public void draw(Graphics2D graphics, String text, int x, int baseline, float size) {
        int scale = scale(size);
        int top = baseline - ROWS * scale;
        for (int i = 0; i < text.length(); i++) {
            char character = text.charAt(i);
            String glyph = GLYPHS[(character < 32 || character > 126 ? '?' : character) - 32];
            int left = x + i * (COLUMNS + 1) * scale;
            for (int row = 0; row < ROWS; row++) {
                int bits = Character.digit(glyph.charAt(row), 32);
                for (int column = 0; column < COLUMNS; column++) {
                    if ((bits & (1 << (COLUMNS - 1 - column))) != 0) {
                        graphics.fillRect(left + column * scale, top + row * scale, scale, scale);
                    }
                }
            }
        }
    }
}
