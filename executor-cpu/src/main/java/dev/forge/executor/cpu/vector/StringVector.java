package dev.forge.executor.cpu.vector;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * VARCHAR values: string {@code i} is the UTF-8 {@code data[starts[i], starts[i] + lengths[i])}. Gathers share
 * {@code data}. When the strings come from a dictionary column, {@code codes} and {@code dictionary} are set
 * ({@code data} is then the dictionary's bytes) and the starts and lengths are derived from the codes only when
 * something reads the bytes, since comparisons, LIKE, grouping and joins mostly work on codes.
 */
public final class StringVector implements Vector {
    private final byte[] data;
    /** Derived lazily for coded vectors, which threads may share: volatile so a reader sees complete arrays. */
    private volatile int[] starts;
    private volatile int[] lengths;
    private final boolean[] nulls;
    private final int length;
    private final int[] codes;
    private final StringDictionary dictionary;

    public StringVector(byte[] data, int[] starts, int[] lengths, boolean[] nulls, int length, int[] codes,
            StringDictionary dictionary) {
        this.data = data;
        this.starts = starts;
        this.lengths = lengths;
        this.nulls = nulls;
        this.length = length;
        this.codes = codes;
        this.dictionary = dictionary;
    }

    public static StringVector plain(byte[] data, int[] starts, int[] lengths, boolean[] nulls, int length) {
        return new StringVector(data, starts, lengths, nulls, length, null, null);
    }

    /** A vector of dictionary codes; NULL rows may hold any code. */
    public static StringVector coded(StringDictionary dictionary, int[] codes, boolean[] nulls, int length) {
        return new StringVector(dictionary.bytes(), null, null, nulls, length, codes, dictionary);
    }

    public byte[] data() {
        return data;
    }

    public int[] starts() {
        int[] resolved = starts;
        if (resolved == null) {
            resolveCodes();
            resolved = starts;
        }
        return resolved;
    }

    public int[] lengths() {
        int[] resolved = lengths;
        if (resolved == null) {
            resolveCodes();
            resolved = lengths;
        }
        return resolved;
    }

    /** Benign if two threads race here: both compute the same arrays. */
    private void resolveCodes() {
        int[] resolvedStarts = new int[length];
        int[] resolvedLengths = new int[length];
        int size = dictionary.size();
        for (int i = 0; i < length; i++) {
            int code = codes[i];
            if (code >= 0 && code < size) {
                resolvedStarts[i] = dictionary.start(code);
                resolvedLengths[i] = dictionary.length(code);
            }
        }
        lengths = resolvedLengths;
        starts = resolvedStarts;
    }

    @Override
    public boolean[] nulls() {
        return nulls;
    }

    @Override
    public int length() {
        return length;
    }

    public int[] codes() {
        return codes;
    }

    public StringDictionary dictionary() {
        return dictionary;
    }

    public boolean hasDictionary() {
        return dictionary != null;
    }

    public String string(int row) {
        return new String(data, starts()[row], lengths()[row], StandardCharsets.UTF_8);
    }

    public byte[] bytes(int row) {
        int start = starts()[row];
        return Arrays.copyOfRange(data, start, start + lengths()[row]);
    }

    @Override
    public StringVector gather(int[] rows, int count) {
        boolean[] gatheredNulls = Vector.gatherNulls(nulls, rows, count);
        if (codes != null) {
            int[] gatheredCodes = new int[count];
            for (int i = 0; i < count; i++) {
                int row = rows[i];
                gatheredCodes[i] = row >= 0 ? codes[row] : 0;
            }
            return coded(dictionary, gatheredCodes, gatheredNulls, count);
        }
        int[] gatheredStarts = new int[count];
        int[] gatheredLengths = new int[count];
        for (int i = 0; i < count; i++) {
            int row = rows[i];
            if (row >= 0) {
                gatheredStarts[i] = starts[row];
                gatheredLengths[i] = lengths[row];
            }
        }
        return plain(data, gatheredStarts, gatheredLengths, gatheredNulls, count);
    }

    @Override
    public StringVector slice(int from, int count) {
        boolean[] slicedNulls = Vector.sliceNulls(nulls, from, count);
        if (codes != null) {
            return coded(dictionary, Arrays.copyOfRange(codes, from, from + count), slicedNulls, count);
        }
        return plain(data, Arrays.copyOfRange(starts, from, from + count), Arrays.copyOfRange(lengths, from,
                from + count), slicedNulls, count);
    }

    /** Unsigned byte comparison of row {@code a} here with row {@code b} of {@code other} (code point order). */
    public int compare(int a, StringVector other, int b) {
        if (dictionary != null && dictionary == other.dictionary) {
            return Integer.compare(codes[a], other.codes[b]);
        }
        int[] aStarts = starts();
        int[] bStarts = other.starts();
        return Arrays.compareUnsigned(data, aStarts[a], aStarts[a] + lengths()[a], other.data, bStarts[b],
                bStarts[b] + other.lengths()[b]);
    }

    public boolean equalsRow(int a, StringVector other, int b) {
        if (dictionary != null && dictionary == other.dictionary) {
            return codes[a] == other.codes[b];
        }
        int aLength = lengths()[a];
        int aStart = starts()[a];
        int bStart = other.starts()[b];
        return aLength == other.lengths()[b] && Arrays.equals(data, aStart, aStart + aLength, other.data, bStart,
                bStart + aLength);
    }
}
