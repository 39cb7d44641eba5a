package dev.forge.executor.cpu.operator;

import dev.forge.executor.cpu.vector.BooleanVector;
import dev.forge.executor.cpu.vector.DoubleVector;
import dev.forge.executor.cpu.vector.Int128Vector;
import dev.forge.executor.cpu.vector.LongVector;
import dev.forge.executor.cpu.vector.StringDictionary;
import dev.forge.executor.cpu.vector.StringVector;
import dev.forge.executor.cpu.vector.Vector;

/**
 * Hash codes of composite keys, column at a time. Equal keys hash equally whatever vector holds them: a dictionary
 * string hashes its bytes (computed once per dictionary entry), like a plain one.
 */
final class KeyHashing {
    private static final long NULL_HASH = 0x5bd1e9955bd1e995L;
    private static final long SEED = 0x2545F4914F6CDD1DL;
    private static final Object DICTIONARY_HASHES = new Object();

    private KeyHashing() {
    }

    static long mix(long value) {
        long h = value * 0x9E3779B97F4A7C15L;
        h ^= h >>> 32;
        h *= 0xD6E8FEB86659FD93L;
        h ^= h >>> 32;
        return h;
    }

    /** {@code hashes[i]} for rows [0, rows) over all {@code keys}. */
    static void hash(Vector[] keys, int rows, long[] hashes) {
        java.util.Arrays.fill(hashes, 0, rows, SEED);
        for (Vector key : keys) {
            combine(key, rows, hashes);
        }
    }

    private static void combine(Vector key, int rows, long[] hashes) {
        boolean[] nulls = key.nulls();
        switch (key) {
            case LongVector v -> {
                long[] values = v.values();
                for (int i = 0; i < rows; i++) {
                    hashes[i] = step(hashes[i], nulls != null && nulls[i] ? NULL_HASH : mix(values[i]));
                }
            }
            case BooleanVector v -> {
                boolean[] values = v.values();
                for (int i = 0; i < rows; i++) {
                    hashes[i] = step(hashes[i], nulls != null && nulls[i] ? NULL_HASH : mix(values[i] ? 1 : 0));
                }
            }
            case DoubleVector v -> {
                double[] values = v.values();
                for (int i = 0; i < rows; i++) {
                    hashes[i] = step(hashes[i], nulls != null && nulls[i] ? NULL_HASH
                            : mix(KeyColumn.canonicalBits(values[i])));
                }
            }
            case Int128Vector v -> {
                for (int i = 0; i < rows; i++) {
                    hashes[i] = step(hashes[i], nulls != null && nulls[i] ? NULL_HASH
                            : mix(v.high()[i] * 31 + mix(v.low()[i])));
                }
            }
            case StringVector v -> {
                if (v.hasDictionary()) {
                    long[] byCode = v.dictionary().derived(DICTIONARY_HASHES, KeyHashing::dictionaryHashes);
                    int[] codes = v.codes();
                    for (int i = 0; i < rows; i++) {
                        hashes[i] = step(hashes[i], nulls != null && nulls[i] ? NULL_HASH : byCode[codes[i]]);
                    }
                } else {
                    byte[] data = v.data();
                    for (int i = 0; i < rows; i++) {
                        hashes[i] = step(hashes[i], nulls != null && nulls[i] ? NULL_HASH
                                : hashBytes(data, v.starts()[i], v.lengths()[i]));
                    }
                }
            }
        }
    }

    private static long step(long hash, long value) {
        return (hash ^ value) * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L;
    }

    private static long[] dictionaryHashes(StringDictionary dictionary) {
        long[] hashes = new long[dictionary.size()];
        for (int code = 0; code < hashes.length; code++) {
            hashes[code] = hashBytes(dictionary.bytes(), dictionary.start(code), dictionary.length(code));
        }
        return hashes;
    }

    static long hashBytes(byte[] data, int start, int length) {
        long h = length * 0x9E3779B97F4A7C15L;
        int i = start;
        int end = start + length;
        for (; i + 8 <= end; i += 8) {
            long word = 0;
            for (int k = 7; k >= 0; k--) {
                word = word << 8 | (data[i + k] & 0xFF);
            }
            h = (h ^ mix(word)) * 0xC2B2AE3D27D4EB4FL;
        }
        long tail = 0;
        for (int k = end - 1; k >= i; k--) {
            tail = tail << 8 | (data[k] & 0xFF);
        }
        return mix(h ^ tail ^ (end - i));
    }
}
