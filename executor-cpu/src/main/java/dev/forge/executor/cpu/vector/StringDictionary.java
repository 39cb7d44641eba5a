package dev.forge.executor.cpu.vector;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A heap copy of a VARCHAR column's sorted dictionary: entry {@code code} is {@code bytes[starts[code],
 * starts[code] + lengths[code])}, in UTF-8 byte order, so codes compare like the strings. Evaluators cache what they
 * derive from a dictionary (a LIKE result per entry, a literal's code) under the dictionary's identity.
 */
public final class StringDictionary {
    private final byte[] bytes;
    private final int[] starts;
    private final int[] lengths;
    private final ConcurrentHashMap<Object, Object> derived = new ConcurrentHashMap<>();

    public StringDictionary(byte[] bytes, int[] starts, int[] lengths) {
        this.bytes = bytes;
        this.starts = starts;
        this.lengths = lengths;
    }

    public int size() {
        return starts.length;
    }

    public byte[] bytes() {
        return bytes;
    }

    public int start(int code) {
        return starts[code];
    }

    public int length(int code) {
        return lengths[code];
    }

    public String string(int code) {
        return new String(bytes, starts[code], lengths[code], StandardCharsets.UTF_8);
    }

    /**
     * The first code whose entry is >= {@code value} (size() when none); with {@link #contains} this places a
     * literal among the codes.
     */
    public int lowerBound(byte[] value) {
        int low = 0;
        int high = size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            int start = starts[middle];
            if (Arrays.compareUnsigned(bytes, start, start + lengths[middle], value, 0, value.length) < 0) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    public boolean entryEquals(int code, byte[] value) {
        int start = starts[code];
        return Arrays.equals(bytes, start, start + lengths[code], value, 0, value.length);
    }

    /** A value derived from this dictionary by {@code key}'s owner, computed once and shared by all threads. */
    @SuppressWarnings("unchecked")
    public <T> T derived(Object key, Function<StringDictionary, T> compute) {
        return (T) derived.computeIfAbsent(key, ignored -> compute.apply(this));
    }
}
