package dev.forge.executor.cpu.vector;

import java.util.Arrays;

/** Appends computed strings (UTF-8) into one byte array for a new {@link StringVector}. */
public final class StringVectorBuilder {
    private byte[] data;
    private int used;
    private final int[] starts;
    private final int[] lengths;
    private boolean[] nulls;
    private int count;

    public StringVectorBuilder(int rows, int expectedBytes) {
        this.data = new byte[Math.max(16, expectedBytes)];
        this.starts = new int[rows];
        this.lengths = new int[rows];
    }

    public void append(byte[] source, int from, int length) {
        ensure(length);
        System.arraycopy(source, from, data, used, length);
        starts[count] = used;
        lengths[count] = length;
        used += length;
        count++;
    }

    public void append(byte[] source) {
        append(source, 0, source.length);
    }

    /** Appends the concatenation of two byte ranges as one string. */
    public void appendConcatenation(byte[] first, int firstFrom, int firstLength, byte[] second, int secondFrom,
            int secondLength) {
        ensure(firstLength + secondLength);
        System.arraycopy(first, firstFrom, data, used, firstLength);
        System.arraycopy(second, secondFrom, data, used + firstLength, secondLength);
        starts[count] = used;
        lengths[count] = firstLength + secondLength;
        used += firstLength + secondLength;
        count++;
    }

    public void appendNull() {
        if (nulls == null) {
            nulls = new boolean[starts.length];
        }
        nulls[count] = true;
        starts[count] = used;
        lengths[count] = 0;
        count++;
    }

    private void ensure(int extra) {
        long needed = (long) used + extra;
        if (needed > Integer.MAX_VALUE - 16) {
            throw new dev.forge.plan.QueryException("a batch of strings exceeds 2 GiB");
        }
        if (needed > data.length) {
            data = Arrays.copyOf(data, (int) Math.min(Integer.MAX_VALUE - 16, Math.max(needed, 2L * data.length)));
        }
    }

    public StringVector build() {
        return StringVector.plain(data, starts, lengths, nulls, count);
    }
}
