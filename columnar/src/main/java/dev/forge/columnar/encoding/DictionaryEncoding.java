package dev.forge.columnar.encoding;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * Dictionary encoding: the distinct values, sorted (by {@link ChunkValues#sortKey}, so codes compare like the
 * values), and per value its code bit-packed in the fewest bits that index the dictionary.
 */
public final class DictionaryEncoding {
    private DictionaryEncoding() {
    }

    /** The distinct values' sort keys, ascending. */
    static long[] sortedDistinctKeys(ChunkValues values) {
        return distinct(sortedKeys(values));
    }

    /** Every value's sort key, ascending; for integers these are the values themselves. */
    static long[] sortedKeys(ChunkValues values) {
        long[] keys = new long[values.count()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = values.sortKey(values.get(i));
        }
        Arrays.sort(keys);
        return keys;
    }

    /** The distinct entries of a sorted array. */
    static long[] distinct(long[] sorted) {
        long[] keys = sorted.clone();
        int distinct = 0;
        for (int i = 0; i < keys.length; i++) {
            if (i == 0 || keys[i] != keys[i - 1]) {
                keys[distinct++] = keys[i];
            }
        }
        return Arrays.copyOf(keys, distinct);
    }

    /** Bytes the encoding would take with {@code distinct} entries. */
    public static long estimateBytes(int count, int distinct, int valueBytes) {
        long blocks = (count + EncodedChunk.BLOCK_VALUES - 1) / EncodedChunk.BLOCK_VALUES;
        return (long) distinct * valueBytes + blocks * BitPacking.blockBytes(codeWidth(distinct));
    }

    static int codeWidth(int distinct) {
        return distinct <= 1 ? 0 : EncodedChunk.bitsFor(distinct - 1);
    }

    public static EncodedChunk encode(ChunkValues values) {
        return encode(values, sortedDistinctKeys(values));
    }

    /** Encodes with the distinct sort keys already found (ascending). */
    static EncodedChunk encode(ChunkValues values, long[] keys) {
        return encode(values, keys, codeWidth(keys.length));
    }

    /** Encodes with codes of {@code width} bits, at least {@link #codeWidth} of the keys (tests use wider ones). */
    static EncodedChunk encode(ChunkValues values, long[] keys, int width) {
        int count = values.count();
        int valueBytes = values.valueBytes();
        MemorySegment dictionary = ChunkValues.newSection(keys.length, valueBytes);
        for (int code = 0; code < keys.length; code++) {
            ChunkValues.write(dictionary, code, values.sortKey(keys[code]), valueBytes);
        }
        int blocks = (count + EncodedChunk.BLOCK_VALUES - 1) / EncodedChunk.BLOCK_VALUES;
        MemorySegment packed = MemorySegment.ofArray(new byte[Math.toIntExact(blocks * BitPacking.blockBytes(width))]);
        long[] block = new long[EncodedChunk.BLOCK_VALUES];
        for (int b = 0; b < blocks; b++) {
            Arrays.fill(block, 0);
            int first = b * EncodedChunk.BLOCK_VALUES;
            int inBlock = Math.min(EncodedChunk.BLOCK_VALUES, count - first);
            for (int i = 0; i < inBlock; i++) {
                block[i] = Arrays.binarySearch(keys, values.sortKey(values.get(first + i)));
            }
            BitPacking.packBlock(block, width, packed, b * BitPacking.blockBytes(width), BitPacking.LaneOrder.STRIDED);
        }
        return ChunkAssembler.assemble(Encoding.DICTIONARY, valueBytes, width, count, 0, keys.length, dictionary, packed);
    }

    static void decode(EncodedChunk chunk, MemorySegment out) {
        int count = chunk.count();
        int width = chunk.width();
        int valueBytes = chunk.valueBytes();
        MemorySegment dictionary = chunk.section(0);
        MemorySegment packed = chunk.section(1);
        long[] codes = new long[EncodedChunk.BLOCK_VALUES];
        for (int b = 0; b < chunk.blockCount(); b++) {
            BitPacking.unpackBlock(packed, b * BitPacking.blockBytes(width), width, codes, BitPacking.LaneOrder.STRIDED);
            int first = b * EncodedChunk.BLOCK_VALUES;
            int inBlock = Math.min(EncodedChunk.BLOCK_VALUES, count - first);
            for (int i = 0; i < inBlock; i++) {
                ChunkValues.write(out, first + i, ChunkValues.read(dictionary, codes[i], valueBytes), valueBytes);
            }
        }
    }
}
