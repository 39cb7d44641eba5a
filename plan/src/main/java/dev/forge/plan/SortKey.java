package dev.forge.plan;

/**
 * One ORDER BY key: the input field at {@code field}, descending or not, NULLs first or last. Floats order as SQL (and
 * DuckDB) do: -0.0 equals 0.0 and NaN is greater than every other value.
 */
public record SortKey(int field, boolean descending, boolean nullsFirst) {
    public SortKey {
        if (field < 0) {
            throw new IllegalArgumentException("sort key field must be >= 0: " + field);
        }
    }

    /** Ascending with NULLs last, the SQL default for ASC. */
    public static SortKey ascending(int field) {
        return new SortKey(field, false, false);
    }

    /** Descending with NULLs last, DuckDB's default for DESC (and so Forge's; PostgreSQL puts them first). */
    public static SortKey descending(int field) {
        return new SortKey(field, true, false);
    }
}
