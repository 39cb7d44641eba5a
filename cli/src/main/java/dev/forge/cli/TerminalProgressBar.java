package dev.forge.cli;

import dev.forge.columnar.io.ProgressListener;
import java.io.PrintWriter;

/**
 * A one-line progress bar redrawn in place with a carriage return, at most ten times a second; it prints nothing
 * unless the output is a terminal, so scripts and pipes stay quiet.
 */
final class TerminalProgressBar implements ProgressListener {
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000;

    private final PrintWriter out;
    private final boolean enabled;
    private long lastDraw;
    private String lastTask;
    private boolean drawn;

    TerminalProgressBar(PrintWriter out, boolean enabled) {
        this.out = out;
        this.enabled = enabled;
    }

    /** A bar on standard error when the process has a terminal. */
    static TerminalProgressBar forConsole(PrintWriter err) {
        return new TerminalProgressBar(err, System.console() != null && System.console().isTerminal());
    }

    @Override
    public synchronized void update(String task, long done, long total) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        boolean finished = total > 0 && done >= total;
        if (!finished && task.equals(lastTask) && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        lastTask = task;
        out.print('\r' + line(task, done, total));
        out.flush();
        drawn = true;
    }

    static String line(String task, long done, long estimatedTotal) {
        // generators know some row counts only roughly: never show more done than the total
        long total = Math.max(done, estimatedTotal);
        double fraction = total <= 0 ? 0 : Math.min(1, done / (double) total);
        int filled = (int) Math.round(fraction * WIDTH);
        return String.format("%-10s [%s%s] %3d%% %s/%s", task, "#".repeat(filled), " ".repeat(WIDTH - filled),
                Math.round(fraction * 100), compact(done), compact(total));
    }

    private static String compact(long count) {
        if (count >= 1_000_000) {
            return String.format("%.1fM", count / 1e6);
        }
        if (count >= 10_000) {
            return String.format("%.0fk", count / 1e3);
        }
        return Long.toString(count);
    }

    /** Ends the bar's line so that what follows starts on a fresh one. */
    synchronized void finish() {
        if (drawn) {
            out.println();
            drawn = false;
        }
    }
}
