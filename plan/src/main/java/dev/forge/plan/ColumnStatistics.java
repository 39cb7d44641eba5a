package dev.forge.plan;

/**
 * One column's statistics. {@code min} and {@code max} are NULL for an all-NULL column (or where unknown) and otherwise
 * values in {@link dev.forge.plan.expr.Literal}'s representation; {@code distinctCount} counts non-NULL distinct values
 * (exact, or -1 when unknown).
 */
public record ColumnStatistics(long nullCount, long distinctCount, Object min, Object max) {
    public ColumnStatistics {
        if (nullCount < 0) {
            throw new IllegalArgumentException("null count must be >= 0: " + nullCount);
        }
        if (distinctCount < -1) {
            throw new IllegalArgumentException("distinct count must be >= 0 or -1 (unknown): " + distinctCount);
        }
    }

    public boolean distinctCountKnown() {
        return distinctCount >= 0;
    }
}
