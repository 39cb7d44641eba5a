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
        Arrays.parallelSort(keys); // the same order as a plain sort; sequential below 8192 keys
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
        return encodeWithKeys(values, sortedDistinctKeys(values));
    }

    /**
     * Encodes against a dictionary known in advance (its values in any order, repeats allowed), which saves sorting
     * the chunk: every value of the chunk must be in it, and the chunk's dictionary is all of it.
     */
    public static EncodedChunk encodeWithDictionary(ChunkValues values, long[] dictionary) {
        long[] keys = new long[dictionary.length];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = values.sortKey(values.normalize(dictionary[i]));
        }
        Arrays.parallelSort(keys);
        keys = distinct(keys);
        return encodeWithKeys(values, keys);
    }

    /** Encodes with the distinct sort keys already found (ascending). */
    static EncodedChunk encodeWithKeys(ChunkValues values, long[] keys) {
        return encodeWithKeys(values, keys, codeWidth(keys.length));
    }

    /** Encodes with codes of {@code width} bits, at least {@link #codeWidth} of the keys (tests use wider ones). */
    static EncodedChunk encodeWithKeys(ChunkValues values, long[] keys, int width) {
        int count = values.count();
        int valueBytes = values.valueBytes();
        MemorySegment dictionary = ChunkValues.newSection(keys.length, valueBytes);
        for (int code = 0; code < keys.length; code++) {
            ChunkValues.write(dictionary, code, values.sortKey(keys[code]), valueBytes);
        }
        int blocks = (count + EncodedChunk.BLOCK_VALUES - 1) / EncodedChunk.BLOCK_VALUES;
        MemorySegment packed = MemorySegment.ofArray(new byte[Math.toIntExact(blocks * BitPacking.blockBytes(width))]);
        BlockParallelism.forEachBlock(blocks, b -> {
            long[] block = BlockParallelism.scratchBlock();
            Arrays.fill(block, 0);
            int first = b * EncodedChunk.BLOCK_VALUES;
            int inBlock = Math.min(EncodedChunk.BLOCK_VALUES, count - first);
            for (int i = 0; i < inBlock; i++) {
                int code = Arrays.binarySearch(keys, values.sortKey(values.get(first + i)));
                if (code < 0) {
                    throw new IllegalArgumentException("value " + values.get(first + i) + " at " + (first + i)
                            + " is not in the dictionary of " + keys.length + " entries");
                }
                block[i] = code;
            }
            BitPacking.packBlock(block, width, packed, b * BitPacking.blockBytes(width), BitPacking.LaneOrder.STRIDED);
        });
        return ChunkAssembler.assemble(Encoding.DICTIONARY, valueBytes, width, count, 0, keys.length, dictionary, packed);
    }

    static void decode(EncodedChunk chunk, MemorySegment out) {
        int count = chunk.count();
        int width = chunk.width();
        int valueBytes = chunk.valueBytes();
        MemorySegment dictionary = chunk.section(0);
        MemorySegment packed = chunk.section(1);
        BlockParallelism.forEachBlock(chunk.blockCount(), b -> {
            long[] codes = BlockParallelism.scratchBlock();
            BitPacking.unpackBlock(packed, b * BitPacking.blockBytes(width), width, codes, BitPacking.LaneOrder.STRIDED);
            int first = b * EncodedChunk.BLOCK_VALUES;
            int inBlock = Math.min(EncodedChunk.BLOCK_VALUES, count - first);
            for (int i = 0; i < inBlock; i++) {
                ChunkValues.write(out, first + i, ChunkValues.read(dictionary, codes[i], valueBytes), valueBytes);
            }
        });
    }
}
