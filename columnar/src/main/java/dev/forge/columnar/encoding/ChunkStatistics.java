package dev.forge.columnar.encoding;

/**
 * What a reader or planner knows about a chunk without decoding it. {@code min} and {@code max} are values
 * (widened like {@link ChunkValues}; raw bits for floats) in the order of {@link ChunkValues#sortKey}, over the
 * non-null values; {@code hasMinMax} is false when there are none (or the type has no such order here).
 * {@code distinctCount} is exact for the encoded values.
 */
public record ChunkStatistics(long count, long nullCount, boolean hasMinMax, long min, long max, long distinctCount,
        long runCount) {

    /** Statistics of a chunk with nothing to compare: all nulls, or a type without word values. */
    public static ChunkStatistics withoutRange(long count, long nullCount) {
        return new ChunkStatistics(count, nullCount, false, 0, 0, 0, 0);
    }
}
