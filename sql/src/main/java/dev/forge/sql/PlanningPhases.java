package dev.forge.sql;

/**
 * Where one {@link SqlPlanner#plan} call spent its time, in nanoseconds: setting up Calcite's schema, catalog reader
 * and validator, parsing, validating, converting to relational algebra, optimising ({@link QueryOptimizer}), and
 * translating to Forge's plan (with {@code PlanValidator}'s check). Profiles and statistics read it; nothing depends on
 * it.
 */
public record PlanningPhases(long setupNanos, long parseNanos, long validateNanos, long convertNanos,
        long optimiseNanos, long translateNanos) {
    public long totalNanos() {
        return setupNanos + parseNanos + validateNanos + convertNanos + optimiseNanos + translateNanos;
    }
}
