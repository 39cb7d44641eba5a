package dev.forge.primitives;

/** Counts per bin, and how many values fell outside every bin (below, at or above the upper bound, or NaN). */
public record Histogram(long[] counts, long dropped) {

    public int binCount() {
        return counts.length;
    }
}
