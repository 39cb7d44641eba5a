package dev.forge.primitives;

/** An aggregate a group-by computes per group. */
public enum AggregateFunction {
    COUNT,
    SUM,
    MIN,
    MAX
}
