package dev.forge.executor.cpu.vector;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * VARCHAR values: string {@code i} is the UTF-8 {@code data[starts[i], starts[i] + lengths[i])}. Gathers share
 * {@code data}. When the strings come from a dictionary column, {@code codes} and {@code dictionary} are set too
 * ({@code data} is then the dictionary's bytes), so comparisons and LIKE can work per dictionary entry.
 */
public record StringVector(byte[] data, int[] starts, int[] lengths, boolean[] nulls, int length, int[] codes,
        StringDictionary dictionary) implements Vector {

    public static StringVector plain(byte[] data, int[] starts, int[] lengths, boolean[] nulls, int length) {
        return new StringVector(data, starts, lengths, nulls, length, null, null);
    }

    /** A vector of dictionary codes; NULL rows may hold any code. */
    public static StringVector coded(StringDictionary dictionary, int[] codes, boolean[] nulls, int length) {
        int[] starts = new int[length];
        int[] lengths = new int[length];
        int size = dictionary.size();
        for (int i = 0; i < length; i++) {
            int code = codes[i];
            if (code >= 0 && code < size) {
                starts[i] = dictionary.start(code);
                lengths[i] = dictionary.length(code);
            }
        }
        return new StringVector(dictionary.bytes(), starts, lengths, nulls, length, codes, dictionary);
    }

    public boolean hasDictionary() {
        return dictionary != null;
    }

    public String string(int row) {
        return new String(data, starts[row], lengths[row], StandardCharsets.UTF_8);
    }

    public byte[] bytes(int row) {
        return Arrays.copyOfRange(data, starts[row], starts[row] + lengths[row]);
    }

    @Override
    public StringVector gather(int[] rows, int count) {
        int[] gatheredStarts = new int[count];
        int[] gatheredLengths = new int[count];
        int[] gatheredCodes = codes == null ? null : new int[count];
        for (int i = 0; i < count; i++) {
            int row = rows[i];
            if (row >= 0) {
                gatheredStarts[i] = starts[row];
                gatheredLengths[i] = lengths[row];
                if (gatheredCodes != null) {
                    gatheredCodes[i] = codes[row];
                }
            }
        }
        return new StringVector(data, gatheredStarts, gatheredLengths, Vector.gatherNulls(nulls, rows, count), count,
                gatheredCodes, dictionary);
    }

    @Override
    public StringVector slice(int from, int count) {
        return new StringVector(data, Arrays.copyOfRange(starts, from, from + count),
                Arrays.copyOfRange(lengths, from, from + count), Vector.sliceNulls(nulls, from, count), count,
                codes == null ? null : Arrays.copyOfRange(codes, from, from + count), dictionary);
    }

    /** Unsigned byte comparison of row {@code a} here with row {@code b} of {@code other} (code point order). */
    public int compare(int a, StringVector other, int b) {
        if (dictionary != null && dictionary == other.dictionary) {
            return Integer.compare(codes[a], other.codes[b]);
        }
        return Arrays.compareUnsigned(data, starts[a], starts[a] + lengths[a], other.data, other.starts[b],
                other.starts[b] + other.lengths[b]);
    }

    public boolean equalsRow(int a, StringVector other, int b) {
        if (dictionary != null && dictionary == other.dictionary) {
            return codes[a] == other.codes[b];
        }
        return lengths[a] == other.lengths[b] && Arrays.equals(data, starts[a], starts[a] + lengths[a], other.data,
                other.starts[b], other.starts[b] + other.lengths[b]);
    }
}
