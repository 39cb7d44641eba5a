package dev.forge.plan;

/** The aggregate functions a {@link HashAggregate} computes. NULL arguments are ignored by all but COUNT(*). */
public enum AggregateFunction {
    /** Rows, or with one argument the non-NULL values; never NULL, 0 for no rows; INT64. */
    COUNT,
    /** Sum of the non-NULL values; NULL when there are none. Decimal sums are exact; float sums deterministic. */
    SUM,
    /** As SUM but 0 instead of NULL when there are no values (Calcite's $SUM0, from AVG and COUNT rewrites). */
    SUM0,
    MIN,
    MAX,
    /** Average of the non-NULL values; the planner normally rewrites it to SUM / COUNT before it gets here. */
    AVG,
    /** The group's only value (NULL for no rows); more than one row is an error (a scalar sub-query's result). */
    SINGLE_VALUE,
    /** Any one of the group's values (the planner uses it where all are known to be equal). */
    ANY_VALUE
}
