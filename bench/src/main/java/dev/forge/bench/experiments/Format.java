package dev.forge.bench.experiments;

import java.util.Locale;

/** How figures are written in logs and reports, one way everywhere. */
public final class Format {
    private Format() {
    }

    /** "1.234 ms", with enough digits for microsecond times. */
    public static String millis(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "-";
        }
        double millis = seconds * 1e3;
        return String.format(Locale.ROOT, millis >= 100 ? "%.1f ms" : millis >= 1 ? "%.3f ms" : "%.4f ms", millis);
    }

    /** The median with its coefficient of variation: "1.234 ms ±0.8%". */
    public static String millis(Statistics statistics) {
        return statistics == null ? "-" : millis(statistics.median())
                + String.format(Locale.ROOT, " ±%.1f%%", statistics.coefficientOfVariationPercent());
    }

    /** "2.95 TB/s" or "812.3 GB/s" or "4.21 GB/s". */
    public static String bytesPerSecond(double bytesPerSecond) {
        if (!Double.isFinite(bytesPerSecond)) {
            return "-";
        }
        if (bytesPerSecond >= 1e12) {
            return String.format(Locale.ROOT, "%.2f TB/s", bytesPerSecond / 1e12);
        }
        return String.format(Locale.ROOT, bytesPerSecond >= 1e10 ? "%.1f GB/s" : "%.2f GB/s", bytesPerSecond / 1e9);
    }

    /**
     * "1.23 T/s", "12.3 G/s", "456 M/s": elements per second (rows, or the floating-point operations of a matrix
     * product).
     */
    public static String rate(double perSecond) {
        if (!Double.isFinite(perSecond)) {
            return "-";
        }
        if (perSecond >= 1e12) {
            return String.format(Locale.ROOT, "%.2f T/s", perSecond / 1e12);
        }
        if (perSecond >= 1e9) {
            return String.format(Locale.ROOT, "%.2f G/s", perSecond / 1e9);
        }
        return String.format(Locale.ROOT, perSecond >= 1e6 ? "%.1f M/s" : "%.3f M/s", perSecond / 1e6);
    }

    /** "12.3x" or "0.41x"; "-" for NaN. */
    public static String ratio(double ratio) {
        if (!Double.isFinite(ratio)) {
            return "-";
        }
        return String.format(Locale.ROOT, ratio >= 100 ? "%.0fx" : ratio >= 10 ? "%.1fx" : "%.2fx", ratio);
    }

    /** "1.5 GB", "12.0 MB", "512 B". */
    public static String bytes(long bytes) {
        if (bytes >= 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
        }
        if (bytes >= 1_000_000L) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
        }
        if (bytes >= 1_000L) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1e3);
        }
        return bytes + " B";
    }

    /** "61%" of a ceiling; "0.4%" below 10%, so a small fraction does not read as nothing. */
    public static String percent(double fraction) {
        if (!Double.isFinite(fraction)) {
            return "-";
        }
        return String.format(Locale.ROOT, fraction < 0.1 ? "%.1f%%" : "%.0f%%", 100 * fraction);
    }
}
