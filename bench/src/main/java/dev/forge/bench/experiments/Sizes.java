package dev.forge.bench.experiments;

import java.util.Locale;

/**
 * Sizes as people write them in the experiment suite: decimal suffixes (1K = 1,000, 1M = 1,000,000, 1G =
 * 1,000,000,000; so a 1000 x 1000 sheet is 1M cells), powers of two as {@code 2^N}, or plain numbers.
 */
public final class Sizes {
    /** The largest size any experiment takes: the CPU twins index rows with ints. */
    public static final long MAX = (1L << 31) - 16;

    private Sizes() {
    }

    public static long parse(String text) {
        String size = text.strip().toUpperCase(Locale.ROOT).replace("_", "");
        try {
            long count;
            if (size.startsWith("2^")) {
                int exponent = Integer.parseInt(size.substring(2));
                if (exponent < 0 || exponent > 31) {
                    throw new NumberFormatException();
                }
                count = 1L << exponent;
            } else if (size.endsWith("K") || size.endsWith("M") || size.endsWith("G")) {
                long unit = switch (size.charAt(size.length() - 1)) {
                    case 'K' -> 1_000L;
                    case 'M' -> 1_000_000L;
                    default -> 1_000_000_000L;
                };
                double scaled = Double.parseDouble(size.substring(0, size.length() - 1)) * unit;
                count = Math.round(scaled);
                if (Math.abs(scaled - count) > 1e-6) {
                    throw new NumberFormatException();
                }
            } else {
                count = Long.parseLong(size);
            }
            if (count < 1 || count > MAX) {
                throw new NumberFormatException();
            }
            return count;
        } catch (NumberFormatException | IndexOutOfBoundsException notASize) {
            throw new IllegalArgumentException("'" + text + "' is not a size from 1 to " + MAX
                    + " (write e.g. 1000000, 1M, 2.5M, 2^24 or 1G; K, M and G are powers of 1000)");
        }
    }

    /** Three significant digits, for interpolated sizes: 1380105 -> "1.38M", 31623 -> "31.6K", 999 -> "999". */
    public static String approximate(long size) {
        if (size < 1000) {
            return Long.toString(size);
        }
        String[] suffixes = {"K", "M", "G"};
        double scaled = size;
        int unit = -1;
        while (scaled >= 999.5 && unit < suffixes.length - 1) {
            scaled /= 1000;
            unit++;
        }
        String digits = new java.math.BigDecimal(scaled).round(new java.math.MathContext(3)).stripTrailingZeros()
                .toPlainString();
        return digits + suffixes[unit];
    }

    /** The shortest exact decimal form: 1000000 -> "1M", 2500000 -> "2.5M", 1234 -> "1234", 8192 -> "8192". */
    public static String format(long size) {
        String plain = Long.toString(size);
        for (long unit : new long[] {1_000_000_000L, 1_000_000L, 1_000L}) {
            if (size >= unit && size % (unit / 1000) == 0) {
                String suffix = unit == 1_000_000_000L ? "G" : unit == 1_000_000L ? "M" : "K";
                String digits = new java.math.BigDecimal(size).divide(java.math.BigDecimal.valueOf(unit))
                        .stripTrailingZeros().toPlainString();
                if (digits.length() + 1 < plain.length()) {
                    return digits + suffix;
                }
            }
        }
        return plain;
    }
}
