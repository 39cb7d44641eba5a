package dev.forge.bench.load;

import dev.forge.bench.experiments.Statistics;

/**
 * One timed step of the loading benchmark: its wall-clock runs (and the first of them on its own: the first time a
 * step runs in a JVM is the nearest this benchmark comes to a new {@code forge} process, whose code is not yet
 * compiled), the bytes its throughput is counted in (0 where a rate means nothing, as for opening a file) and what
 * those bytes are, and the rows it produced (0 where none).
 */
public record LoadStep(String name, String description, Statistics seconds, double firstRunSeconds, long bytes,
        ByteBasis basis, long rows) {

    /** What a step's bytes are, so that two steps' rates are only compared where they count the same bytes. */
    public enum ByteBasis {
        NONE("-"),
        TBL_TEXT(".tbl text"),
        FORGE_FILE(".forge file"),
        COPIED("copied"),
        ALLOCATED("allocated");

        public final String label;

        ByteBasis(String label) {
            this.label = label;
        }
    }

    /** Megabytes (10^6 bytes) per second at the median, or NaN where the step has no byte basis. */
    public double megabytesPerSecond() {
        return basis == ByteBasis.NONE || seconds.median() <= 0 ? Double.NaN : bytes / 1e6 / seconds.median();
    }
}
