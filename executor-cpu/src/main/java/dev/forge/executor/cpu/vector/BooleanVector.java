package dev.forge.executor.cpu.vector;

/** BOOLEAN values. */
public record BooleanVector(boolean[] values, boolean[] nulls, int length) implements Vector {
    @Override
    public BooleanVector gather(int[] rows, int count) {
        boolean[] gathered = new boolean[count];
        for (int i = 0; i < count; i++) {
            int row = rows[i];
            gathered[i] = row >= 0 && values[row];
        }
        return new BooleanVector(gathered, Vector.gatherNulls(nulls, rows, count), count);
    }

    @Override
    public BooleanVector slice(int from, int count) {
        return new BooleanVector(java.util.Arrays.copyOfRange(values, from, from + count),
                Vector.sliceNulls(nulls, from, count), count);
    }

    /** Whether row {@code i} is TRUE (not FALSE, not NULL). */
    public boolean isTrue(int row) {
        return values[row] && (nulls == null || !nulls[row]);
    }
}
