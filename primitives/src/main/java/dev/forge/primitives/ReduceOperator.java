package dev.forge.primitives;

/** The associative operator of a segmented or by-key reduction. */
public enum ReduceOperator {
    SUM,
    MIN,
    MAX
}
