package dev.forge.cli.shell;

import dev.forge.cli.query.EngineChoice;
import dev.forge.cli.query.RunStatistics;
import java.util.Locale;

/**
 * The one line after each result: rows returned, rows and bytes scanned, the time to the microsecond, the engine (and
 * why it fell back to the CPU), warm or cold, and how many kernels were compiled. Only measured numbers.
 */
public final class SummaryLine {
    private SummaryLine() {
    }

    public static String of(RunStatistics statistics) {
        StringBuilder line = new StringBuilder();
        line.append(count(statistics.rowsReturned(), "row")).append(" in ").append(duration(statistics.elapsedNanos()));
        if (statistics.rowsScanned() >= 0) {
            line.append(" · scanned ").append(count(statistics.rowsScanned(), "row"));
            if (statistics.bytesScanned() >= 0) {
                line.append(", ").append(bytes(statistics.bytesScanned()));
            }
        }
        line.append(" · ").append(statistics.engine().lowerCase());
        if (statistics.engine() == EngineChoice.CPU && statistics.fallbackReason() != null) {
            line.append(" (fell back: ").append(statistics.fallbackReason()).append(')');
        }
        line.append(" · ").append(statistics.warm() ? "warm" : "cold");
        if (statistics.engine() == EngineChoice.GPU || statistics.kernelsCompiled() > 0) {
            line.append(" · ").append(statistics.kernelsCompiled() == 0 ? "no kernels compiled"
                    : count(statistics.kernelsCompiled(), "kernel") + " compiled");
        }
        return line.toString();
    }

    static String count(long count, String noun) {
        return String.format(Locale.ROOT, "%,d %s%s", count, noun, count == 1 ? "" : "s");
    }

    /** Milliseconds with three decimals (microsecond precision) below a minute, else seconds. */
    public static String duration(long nanos) {
        if (nanos < 60_000_000_000L) {
            return String.format(Locale.ROOT, "%,.3f ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%,.3f s", nanos / 1e9);
    }

    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes / 1024.0;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
