package dev.forge.bench.experiments.cases;

import dev.forge.bench.experiments.SeededData;
import dev.forge.columnar.DataType;
import dev.forge.columnar.Field;
import dev.forge.columnar.Schema;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/**
 * The records the parse experiment reads, row by row from seeded streams (so any thread writes any row): an INT32 key
 * over the whole range, an INT64 with negatives and 1 to 20 digits, a DECIMAL(12,2) price, a FLOAT64 rate of up to 7
 * digits (plain, or with an exponent), a DATE between 1960 and 2039, and a word of 1 to 20 characters (a few with
 * UTF-8 letters). Some rows write the same values another way, as the readers must accept them: prices with trailing
 * zeros dropped ("12.5", "12") or zero as "-0.00"; rates as "731e-4" or "7.31E-2"; in NDJSON, keys in a shuffled
 * order, spaces around the punctuation, or the key as a quoted number. Every rate fits the GPU's exact float path.
 */
final class ParseRecords {
    static final Schema SCHEMA = Schema.of(Field.required("id", DataType.INT32),
            Field.required("amount", DataType.INT64), Field.required("price", DataType.decimal(12, 2)),
            Field.required("rate", DataType.FLOAT64), Field.required("day", DataType.DATE),
            Field.required("word", DataType.VARCHAR));
    /** More bytes than any row takes in CSV and in NDJSON (line end included), for sizing memory ahead. */
    static final int MAX_CSV_ROW_BYTES = 100;
    static final int MAX_NDJSON_ROW_BYTES = 170;

    private static final long ID_SEED = 0x5EED_0030L;
    private static final long AMOUNT_SEED = 0x5EED_0031L;
    private static final long AMOUNT_SHIFT_SEED = 0x5EED_0032L;
    private static final long PRICE_SEED = 0x5EED_0033L;
    private static final long PRICE_DIGITS_SEED = 0x5EED_0034L;
    private static final long RATE_SEED = 0x5EED_0035L;
    private static final long RATE_FORM_SEED = 0x5EED_0036L;
    private static final long DAY_SEED = 0x5EED_0037L;
    private static final long WORD_SEED = 0x5EED_0038L;
    private static final long LAYOUT_SEED = 0x5EED_0039L;
    private static final long FIRST_DAY = LocalDate.of(1960, 1, 1).toEpochDay();
    private static final long LAST_DAY = LocalDate.of(2039, 12, 31).toEpochDay();
    private static final byte[][] WORDS = words("a", "an", "the", "ox", "tea", "coal", "blue", "green", "amber",
            "ivory", "copper", "silver", "golden", "granite", "crimson", "lavender", "turquoise", "aquamarine",
            "chartreuse", "periwinkle", "ultramarine", "vermilion", "saffron", "cobalt", "ochre", "sienna", "umber",
            "indigo", "magenta", "cyan", "teal", "olive", "maroon", "navy", "coral", "salmon", "café", "naïve",
            "smörgåsbord", "quintessential");
    private static final String[] KEYS = {"\"id\"", "\"amount\"", "\"price\"", "\"rate\"", "\"day\"", "\"word\""};
    private static final long[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
            100_000_000, 1_000_000_000, 10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L};

    private ParseRecords() {
    }

    private static byte[][] words(String... words) {
        byte[][] bytes = new byte[words.length][];
        for (int i = 0; i < words.length; i++) {
            bytes[i] = words[i].getBytes(StandardCharsets.UTF_8);
        }
        return bytes;
    }

    /** Appends row {@code row} in {@code format}, line end included. */
    static void write(long row, TextFormat format, TextBuffer out) {
        long layout = SeededData.bits(LAYOUT_SEED, row);
        switch (format) {
            case CSV -> {
                for (int c = 0; c < KEYS.length; c++) {
                    if (c > 0) {
                        out.append(',');
                    }
                    value(row, c, out);
                }
            }
            case NDJSON -> ndjson(row, layout, out);
        }
        out.append('\n');
    }

    private static void ndjson(long row, long layout, TextBuffer out) {
        int style = (int) (layout & 7);
        boolean spaced = style == 1;
        int[] order = style == 0 ? permutation(layout >>> 8) : new int[] {0, 1, 2, 3, 4, 5};
        out.append(spaced ? "{ " : "{");
        for (int k = 0; k < order.length; k++) {
            int c = order[k];
            if (k > 0) {
                out.append(spaced ? ", " : ",");
            }
            out.append(KEYS[c]).append(spaced ? ": " : ":");
            boolean quoted = c >= 4 || (c == 0 && style == 2);
            if (quoted) {
                out.append('"');
            }
            value(row, c, out);
            if (quoted) {
                out.append('"');
            }
        }
        out.append(spaced ? " }" : "}");
    }

    /** The {@code index}-th of the 720 orders of the six columns (Lehmer code). */
    private static int[] permutation(long index) {
        int[] remaining = {0, 1, 2, 3, 4, 5};
        int[] order = new int[6];
        long rest = Long.remainderUnsigned(index, 720);
        int left = 6;
        for (int k = 0; k < 6; k++) {
            long factorial = 1;
            for (int f = 2; f < left; f++) {
                factorial *= f;
            }
            int pick = (int) (rest / factorial);
            rest %= factorial;
            order[k] = remaining[pick];
            System.arraycopy(remaining, pick + 1, remaining, pick, left - pick - 1);
            left--;
        }
        return order;
    }

    private static void value(long row, int column, TextBuffer out) {
        long form = SeededData.bits(RATE_FORM_SEED, row);
        switch (column) {
            case 0 -> out.append((long) (int) SeededData.bits(ID_SEED, row));
            case 1 -> out.append(SeededData.bits(AMOUNT_SEED, row) >> (SeededData.bits(AMOUNT_SHIFT_SEED, row) & 63));
            case 2 -> price(priceCents(row), form, out);
            case 3 -> rate(form, row, out);
            case 4 -> date(SeededData.between(DAY_SEED, row, FIRST_DAY, LAST_DAY + 1), out);
            case 5 -> out.append(WORDS[(int) SeededData.between(WORD_SEED, row, 0, WORDS.length)]);
            default -> throw new IllegalArgumentException("no column " + column);
        }
    }

    /** Cents with 1 to 12 digits, so that |price| < 10^10 fits DECIMAL(12,2). */
    private static long priceCents(long row) {
        int digits = 1 + (int) Long.remainderUnsigned(SeededData.bits(PRICE_DIGITS_SEED, row), 12);
        return SeededData.between(PRICE_SEED, row, 1 - POWERS_OF_TEN[digits], POWERS_OF_TEN[digits]);
    }

    private static void price(long cents, long form, TextBuffer out) {
        boolean trimmed = (form >>> 8 & 15) == 0;
        if (cents == 0 && (form >>> 12 & 1) == 0) {
            out.append("-0.00");
            return;
        }
        if (cents < 0) {
            out.append('-');
        }
        long magnitude = Math.abs(cents);
        out.appendDigits(magnitude / 100, 1);
        long fraction = magnitude % 100;
        if (!trimmed) {
            out.append('.').appendDigits(fraction, 2);
        } else if (fraction != 0) {
            out.append('.').appendDigits(fraction % 10 == 0 ? fraction / 10 : fraction, fraction % 10 == 0 ? 1 : 2);
        }
    }

    /**
     * A mantissa below 10^7 with 0 to 7 decimals, a quarter of them negative (1 in 256 zero, so some are -0.0); 1 in 8
     * with an exponent.
     */
    private static void rate(long form, long row, TextBuffer out) {
        long bits = SeededData.bits(RATE_SEED, row);
        long mantissa = (bits >>> 44 & 255) == 0 ? 0 : Long.remainderUnsigned(bits, 10_000_000);
        int decimals = (int) (bits >>> 40 & 7);
        if ((bits >>> 62) == 0) {
            out.append('-');
        }
        int shape = (int) (form & 15);
        if (shape == 0) {
            out.appendDigits(mantissa, 1).append('e').append(-decimals);
            return;
        }
        if (shape == 1) {
            String digits = Long.toString(mantissa);
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits.substring(1));
            }
            int exponent = digits.length() - 1 - decimals;
            out.append('E').append(exponent >= 0 ? "+" : "").append(exponent);
            return;
        }
        out.appendDigits(mantissa / POWERS_OF_TEN[decimals], 1);
        if (decimals > 0) {
            out.append('.').appendDigits(mantissa % POWERS_OF_TEN[decimals], decimals);
        }
    }

    private static void date(long epochDay, TextBuffer out) {
        LocalDate date = LocalDate.ofEpochDay(epochDay);
        out.appendDigits(date.getYear(), 4).append('-').appendDigits(date.getMonthValue(), 2).append('-')
                .appendDigits(date.getDayOfMonth(), 2);
    }
}
