package dev.forge.columnar.encoding;

import dev.forge.columnar.Layouts;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * Frame of reference with bit-packing and patches: each value is stored as {@code value - reference} in
 * {@code width} bits ({@link BitPacking}, strided lanes). Values below the reference or too wide for the width are
 * exceptions: their packed slot holds 0 and a patch (position, original value) restores them, so one outlier costs
 * a few bytes instead of widening every value.
 */
public final class FrameOfReferenceEncoding {
    private FrameOfReferenceEncoding() {
    }

    /** The chosen frame: reference, width, how many patches that leaves, and the encoded size in bytes. */
    public record Plan(long reference, int width, int patchCount, long bytes) {
    }

    /**
     * Picks the reference and width that make the chunk smallest. Candidate references are the minimum and a few
     * low quantiles (so a handful of small outliers can be patched instead of setting the frame); for each, every
     * width is priced from how many sorted values fit it.
     */
    public static Plan plan(ChunkValues values) {
        long[] sorted = Arrays.copyOf(values.values(), values.count());
        Arrays.sort(sorted);
        return plan(values, sorted);
    }

    /** {@link #plan(ChunkValues)} with the values already sorted (signed order), to share one sort. */
    static Plan plan(ChunkValues values, long[] sorted) {
        int count = values.count();
        if (count == 0) {
            return new Plan(0, 0, 0, 0);
        }
        long blocks = (count + EncodedChunk.BLOCK_VALUES - 1) / EncodedChunk.BLOCK_VALUES;
        Plan best = null;
        for (int quantile : new int[] {0, 1000, 100, 20}) {
            long reference = sorted[quantile == 0 ? 0 : count / quantile];
            Plan candidate = bestWidth(sorted, count, reference, blocks, values.valueBits(), values.valueBytes());
            if (best == null || candidate.bytes() < best.bytes()) {
                best = candidate;
            }
        }
        return best;
    }

    /**
     * The smallest plan with this reference. Values below it, and values more than {@code width} bits above it, are
     * patches. The values are sorted, so those that fit a width are one range, {@code [reference, reference +
     * 2^width)}, whose ends binary searches find: a few dozen searches instead of a pass over the chunk per reference.
     */
    private static Plan bestWidth(long[] sorted, int count, long reference, long blocks, int maxBits, int valueBytes) {
        int atOrAbove = firstIndex(sorted, 0, count, value -> value >= reference);
        long patchBytes = 4L + valueBytes;
        Plan best = null;
        for (int width = maxBits; width >= 0; width--) {
            long span = width >= 64 ? 0 : 1L << width;
            int fitEnd = width >= 64 ? count : firstIndex(sorted, atOrAbove, count,
                    value -> Long.compareUnsigned(value - reference, span) >= 0);
            long patches = count - (fitEnd - atOrAbove);
            long bytes = blocks * BitPacking.blockBytes(width) + patches * patchBytes + (patches > 0 ? (blocks + 1) * 4 : 0);
            if (patches <= Integer.MAX_VALUE && (best == null || bytes <= best.bytes())) {
                best = new Plan(reference, width, (int) patches, bytes);
            }
        }
        return best;
    }

    /** The first index in {@code [from, to)} whose value passes {@code test}, which no value before a passing one does. */
    private static int firstIndex(long[] sorted, int from, int to, java.util.function.LongPredicate test) {
        int low = from;
        int high = to;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (test.test(sorted[middle])) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return low;
    }

    public static EncodedChunk encode(ChunkValues values) {
        Plan plan = plan(values);
        return encode(values, plan.reference(), plan.width());
    }

    /** Encodes with a given frame; values that do not fit it become patches. */
    public static EncodedChunk encode(ChunkValues values, long reference, int width) {
        int count = values.count();
        int valueBytes = values.valueBytes();
        long frame = values.normalize(reference);
        int blocks = (count + EncodedChunk.BLOCK_VALUES - 1) / EncodedChunk.BLOCK_VALUES;
        MemorySegment packed = MemorySegment.ofArray(new byte[Math.toIntExact(blocks * BitPacking.blockBytes(width))]);
        // Each block's first patch, counted first, lets the blocks be packed independently (in parallel when large).
        int[] patchStarts = new int[blocks + 1];
        BlockParallelism.forEachBlock(blocks, b -> {
            int first = b * EncodedChunk.BLOCK_VALUES;
            int patches = 0;
            for (int i = first; i < Math.min(first + EncodedChunk.BLOCK_VALUES, count); i++) {
                if (isPatch(values.get(i), frame, width)) {
                    patches++;
                }
            }
            patchStarts[b + 1] = patches;
        });
        for (int b = 0; b < blocks; b++) {
            patchStarts[b + 1] += patchStarts[b];
        }
        int patchCount = patchStarts[blocks];
        MemorySegment positions = MemorySegment.ofArray(new byte[patchCount * 4]);
        MemorySegment patchValues = ChunkValues.newSection(patchCount, valueBytes);
        MemorySegment starts = MemorySegment.ofArray(new byte[patchCount == 0 ? 0 : (blocks + 1) * 4]);
        if (patchCount > 0) {
            MemorySegment.copy(patchStarts, 0, starts, Layouts.INT, 0, blocks + 1);
        }
        BlockParallelism.forEachBlock(blocks, b -> {
            long[] block = BlockParallelism.scratchBlock();
            Arrays.fill(block, 0);
            int first = b * EncodedChunk.BLOCK_VALUES;
            int inBlock = Math.min(EncodedChunk.BLOCK_VALUES, count - first);
            int patch = patchStarts[b];
            for (int i = 0; i < inBlock; i++) {
                long value = values.get(first + i);
                if (isPatch(value, frame, width)) {
                    positions.setAtIndex(Layouts.INT, patch, first + i);
                    ChunkValues.write(patchValues, patch, value, valueBytes);
                    patch++;
                } else {
                    block[i] = value - frame;
                }
            }
            BitPacking.packBlock(block, width, packed, b * BitPacking.blockBytes(width), BitPacking.LaneOrder.STRIDED);
        });
        return ChunkAssembler.assemble(Encoding.FRAME_OF_REFERENCE, valueBytes, width, count, frame, patchCount,
                packed, positions, patchValues, starts);
    }

    private static boolean isPatch(long value, long reference, int width) {
        return value < reference || EncodedChunk.bitsFor(value - reference) > width;
    }

    static void decode(EncodedChunk chunk, MemorySegment out) {
        int count = chunk.count();
        int width = chunk.width();
        int valueBytes = chunk.valueBytes();
        MemorySegment packed = chunk.section(0);
        BlockParallelism.forEachBlock(chunk.blockCount(), b -> {
            long[] block = BlockParallelism.scratchBlock();
            BitPacking.unpackBlock(packed, b * BitPacking.blockBytes(width), width, block, BitPacking.LaneOrder.STRIDED);
            int first = b * EncodedChunk.BLOCK_VALUES;
            int inBlock = Math.min(EncodedChunk.BLOCK_VALUES, count - first);
            for (int i = 0; i < inBlock; i++) {
                ChunkValues.write(out, first + i, chunk.reference() + block[i], valueBytes);
            }
        });
        MemorySegment positions = chunk.section(1);
        MemorySegment patchValues = chunk.section(2);
        for (int patch = 0; patch < chunk.entryCount(); patch++) {
            ChunkValues.write(out, positions.getAtIndex(Layouts.INT, patch),
                    ChunkValues.read(patchValues, patch, valueBytes), valueBytes);
        }
    }
}
