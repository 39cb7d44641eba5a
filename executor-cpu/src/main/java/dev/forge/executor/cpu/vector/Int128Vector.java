package dev.forge.executor.cpu.vector;

import java.math.BigInteger;

/** Unscaled values of DECIMAL wider than 18 digits, as two's complement halves. */
public record Int128Vector(long[] high, long[] low, boolean[] nulls, int length) implements Vector {
    @Override
    public Int128Vector gather(int[] rows, int count) {
        long[] gatheredHigh = new long[count];
        long[] gatheredLow = new long[count];
        for (int i = 0; i < count; i++) {
            int row = rows[i];
            if (row >= 0) {
                gatheredHigh[i] = high[row];
                gatheredLow[i] = low[row];
            }
        }
        return new Int128Vector(gatheredHigh, gatheredLow, Vector.gatherNulls(nulls, rows, count), count);
    }

    @Override
    public Int128Vector slice(int from, int count) {
        return new Int128Vector(java.util.Arrays.copyOfRange(high, from, from + count),
                java.util.Arrays.copyOfRange(low, from, from + count), Vector.sliceNulls(nulls, from, count), count);
    }

    /** Whether row {@code i} fits a long, so {@code low[i]} is its whole value. */
    public boolean fitsLong(int row) {
        return high[row] == low[row] >> 63;
    }

    public BigInteger bigInteger(int row) {
        return Int128.toBigInteger(high[row], low[row]);
    }
}
