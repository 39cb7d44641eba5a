package dev.forge.columnar.encoding;

/**
 * Dictionary chunks whose codes are packed wider than the dictionary needs: valid chunks ({@link EncodedChunk#parse}
 * accepts any code width that indexes the dictionary, up to the value width) that the encoder never writes, so that
 * decoders can be tested at every code width without dictionaries of billions of entries.
 */
public final class WideCodeDictionaries {
    private WideCodeDictionaries() {
    }

    /** {@code values} dictionary-encoded with codes of {@code width} bits. */
    public static EncodedChunk encode(ChunkValues values, int width) {
        long[] keys = DictionaryEncoding.sortedDistinctKeys(values);
        if (width < DictionaryEncoding.codeWidth(keys.length) || width > values.valueBits()) {
            throw new IllegalArgumentException(width + "-bit codes cannot index " + keys.length + " entries in a "
                    + values.valueBytes() + "-byte chunk");
        }
        return DictionaryEncoding.encodeWithKeys(values, keys, width);
    }
}
