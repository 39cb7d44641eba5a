package dev.forge.columnar.encoding;

import java.util.Optional;

/**
 * Encodes a chunk of 4- or 8-byte values in whichever encoding makes it smallest, judged from the chunk's
 * statistics (range, distinct count, run count) and a pass that prices frame-of-reference widths; plain when
 * nothing beats it.
 */
public final class ChunkEncoder {
    private ChunkEncoder() {
    }

    /** The encoded chunk, and the statistics the choice was made from. */
    public record Result(EncodedChunk chunk, ChunkStatistics statistics) {
    }

    /**
     * Encodes {@code values}, of which {@code nullCount} are nulls that the caller has already replaced with
     * neighbouring valid values ({@code valid} says which are real, for the statistics; {@code null} means all).
     */
    public static Result encode(ChunkValues values, long nullCount, boolean[] valid, Optional<Encoding> forced) {
        // One sort serves the statistics, the dictionary and the frame-of-reference plan (for integers the sort
        // keys are the values; floats sort their raw bits once more for the frame).
        long[] sortedKeys = DictionaryEncoding.sortedKeys(values);
        long[] distinctKeys = DictionaryEncoding.distinct(sortedKeys);
        int runs = RunLengthEncoding.countRuns(values);
        ChunkStatistics statistics = statistics(values, nullCount, valid, distinctKeys.length, runs);
        FrameOfReferenceEncoding.Plan frame = values.floatingPoint()
                ? FrameOfReferenceEncoding.plan(values)
                : FrameOfReferenceEncoding.plan(values, sortedKeys);
        Encoding encoding = forced.orElseGet(() -> choose(values, frame, distinctKeys.length, runs));
        EncodedChunk chunk = switch (encoding) {
            case PLAIN -> PlainEncoding.encode(values);
            case FRAME_OF_REFERENCE -> FrameOfReferenceEncoding.encode(values, frame.reference(), frame.width());
            case DELTA -> DeltaEncoding.encode(values);
            case DICTIONARY -> DictionaryEncoding.encodeWithKeys(values, distinctKeys);
            case RUN_LENGTH -> RunLengthEncoding.encode(values);
        };
        return new Result(chunk, statistics);
    }

    public static Result encode(ChunkValues values) {
        return encode(values, 0, null, Optional.empty());
    }

    static Encoding choose(ChunkValues values, FrameOfReferenceEncoding.Plan frame, int distinct, int runs) {
        int count = values.count();
        long plain = (long) count * values.valueBytes();
        Encoding best = Encoding.PLAIN;
        long bestBytes = plain;
        if (frame.bytes() < bestBytes) {
            best = Encoding.FRAME_OF_REFERENCE;
            bestBytes = frame.bytes();
        }
        long dictionary = DictionaryEncoding.estimateBytes(count, distinct, values.valueBytes());
        if (dictionary < bestBytes) {
            best = Encoding.DICTIONARY;
            bestBytes = dictionary;
        }
        long runLength = RunLengthEncoding.estimateBytes(runs, values.valueBytes());
        if (runLength < bestBytes) {
            best = Encoding.RUN_LENGTH;
            bestBytes = runLength;
        }
        long delta = DeltaEncoding.plan(values).bytes();
        if (delta < bestBytes) {
            best = Encoding.DELTA;
        }
        return best;
    }

    private static ChunkStatistics statistics(ChunkValues values, long nullCount, boolean[] valid, int distinct, int runs) {
        boolean any = false;
        long minKey = Long.MAX_VALUE;
        long maxKey = Long.MIN_VALUE;
        for (int i = 0; i < values.count(); i++) {
            if (valid == null || valid[i]) {
                long key = values.sortKey(values.get(i));
                minKey = Math.min(minKey, key);
                maxKey = Math.max(maxKey, key);
                any = true;
            }
        }
        if (!any) {
            return new ChunkStatistics(values.count(), nullCount, false, 0, 0, distinct, runs);
        }
        return new ChunkStatistics(values.count(), nullCount, true, values.sortKey(minKey), values.sortKey(maxKey),
                distinct, runs);
    }
}
