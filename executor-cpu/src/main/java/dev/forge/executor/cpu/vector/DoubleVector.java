package dev.forge.executor.cpu.vector;

/** FLOAT64 values, and FLOAT32 values held exactly as doubles (arithmetic rounds back to float after each step). */
public record DoubleVector(double[] values, boolean[] nulls, int length) implements Vector {
    @Override
    public DoubleVector gather(int[] rows, int count) {
        double[] gathered = new double[count];
        for (int i = 0; i < count; i++) {
            int row = rows[i];
            gathered[i] = row >= 0 ? values[row] : 0;
        }
        return new DoubleVector(gathered, Vector.gatherNulls(nulls, rows, count), count);
    }

    @Override
    public DoubleVector slice(int from, int count) {
        return new DoubleVector(java.util.Arrays.copyOfRange(values, from, from + count),
                Vector.sliceNulls(nulls, from, count), count);
    }
}
