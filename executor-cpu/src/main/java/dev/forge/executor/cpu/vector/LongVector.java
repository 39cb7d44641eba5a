package dev.forge.executor.cpu.vector;

/**
 * 64-bit integer values: INT32, INT64, DATE (days), TIMESTAMP (microseconds) and DECIMAL of precision up to 18
 * (unscaled). Narrower types are widened so one set of loops serves them all.
 */
public record LongVector(long[] values, boolean[] nulls, int length) implements Vector {
    @Override
    public LongVector gather(int[] rows, int count) {
        long[] gathered = new long[count];
        for (int i = 0; i < count; i++) {
            int row = rows[i];
            gathered[i] = row >= 0 ? values[row] : 0;
        }
        return new LongVector(gathered, Vector.gatherNulls(nulls, rows, count), count);
    }

    @Override
    public LongVector slice(int from, int count) {
        return new LongVector(java.util.Arrays.copyOfRange(values, from, from + count),
                Vector.sliceNulls(nulls, from, count), count);
    }
}
