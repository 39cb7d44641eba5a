package dev.forge.executor.cpu.vector;

/**
 * The values of one column for one batch of rows, in plain Java arrays so the inner loops are primitive and unboxed.
 * A vector is immutable once built and may be shared by several batches; {@code nulls} is {@code null} when no value
 * is NULL. Arrays may be longer than {@link #length()}.
 */
public sealed interface Vector permits BooleanVector, LongVector, DoubleVector, Int128Vector, StringVector {
    int length();

    /** {@code nulls[i]} is true where row {@code i} is NULL; {@code null} when there are none. */
    boolean[] nulls();

    default boolean isNull(int row) {
        boolean[] nulls = nulls();
        return nulls != null && nulls[row];
    }

    /** The rows {@code rows[0..count)} of this vector, in that order; a row of -1 gives NULL. */
    Vector gather(int[] rows, int count);

    /** Rows {@code [from, from + count)}. */
    Vector slice(int from, int count);

    /** Gathers the null flags; returns {@code null} when none of the gathered rows is NULL. */
    static boolean[] gatherNulls(boolean[] nulls, int[] rows, int count) {
        boolean[] result = null;
        for (int i = 0; i < count; i++) {
            int row = rows[i];
            if (row < 0 || nulls != null && nulls[row]) {
                if (result == null) {
                    result = new boolean[count];
                }
                result[i] = true;
            }
        }
        return result;
    }

    static boolean[] sliceNulls(boolean[] nulls, int from, int count) {
        if (nulls == null) {
            return null;
        }
        for (int i = from; i < from + count; i++) {
            if (nulls[i]) {
                return java.util.Arrays.copyOfRange(nulls, from, from + count);
            }
        }
        return null;
    }
}
