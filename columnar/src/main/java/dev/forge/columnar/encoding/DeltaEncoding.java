package dev.forge.columnar.encoding;

import java.lang.foreign.MemorySegment;

/**
 * Delta encoding with a base per lane: in each 1024-value block, lane {@code l} holds values {@code 32 l .. 32 l + 31}
 * ({@link BitPacking.LaneOrder#CONTIGUOUS}); its first value is stored whole as the lane's base, and each later one
 * as its difference to the previous value minus the chunk's smallest difference (the reference), bit-packed. A
 * lane decodes with 31 additions and no other lane's help, so a warp decodes a block in parallel; the price is
 * 32 bases per block. All arithmetic wraps at the value width, so any sequence round-trips exactly.
 */
public final class DeltaEncoding {
    private DeltaEncoding() {
    }

    private static final int BLOCK = EncodedChunk.BLOCK_VALUES;
    private static final int LANE = BitPacking.VALUES_PER_LANE;

    /** The width and reference delta encoding would use, and its size in bytes. */
    public record Plan(long reference, int width, long bytes) {
    }

    public static Plan plan(ChunkValues values) {
        int blocks = (values.count() + BLOCK - 1) / BLOCK;
        // The smallest and largest difference of each block, then of the chunk.
        long[] smallestOfBlock = new long[blocks];
        long[] largestOfBlock = new long[blocks];
        BlockParallelism.forEachBlock(blocks, b -> {
            long smallest = Long.MAX_VALUE;
            long largest = Long.MIN_VALUE;
            for (int i = Math.max(1, b * BLOCK); i < Math.min((b + 1) * BLOCK, values.count()); i++) {
                if (i % LANE != 0) {
                    long difference = difference(values, i);
                    smallest = Math.min(smallest, difference);
                    largest = Math.max(largest, difference);
                }
            }
            smallestOfBlock[b] = smallest;
            largestOfBlock[b] = largest;
        });
        long smallest = Long.MAX_VALUE;
        long largest = Long.MIN_VALUE;
        for (int b = 0; b < blocks; b++) {
            smallest = Math.min(smallest, smallestOfBlock[b]);
            largest = Math.max(largest, largestOfBlock[b]);
        }
        if (smallest > largest) {
            smallest = 0; // no differences at all: fewer than two values in every lane
            largest = 0;
        }
        int width = EncodedChunk.bitsFor(largest - smallest);
        return new Plan(smallest, width, blocks * (BitPacking.blockBytes(width) + 32L * values.valueBytes()));
    }

    private static long difference(ChunkValues values, int index) {
        return values.normalize(values.get(index) - values.get(index - 1));
    }

    public static EncodedChunk encode(ChunkValues values) {
        Plan plan = plan(values);
        int count = values.count();
        int valueBytes = values.valueBytes();
        int width = plan.width();
        int blocks = (count + BLOCK - 1) / BLOCK;
        MemorySegment bases = ChunkValues.newSection(blocks * 32L, valueBytes);
        MemorySegment packed = MemorySegment.ofArray(new byte[Math.toIntExact(blocks * BitPacking.blockBytes(width))]);
        BlockParallelism.forEachBlock(blocks, b -> {
            long[] block = BlockParallelism.scratchBlock();
            java.util.Arrays.fill(block, 0);
            for (int lane = 0; lane < BitPacking.LANES; lane++) {
                int start = b * BLOCK + lane * LANE;
                if (start >= count) {
                    break;
                }
                ChunkValues.write(bases, b * 32L + lane, values.get(start), valueBytes);
                for (int position = 1; position < LANE && start + position < count; position++) {
                    block[lane * LANE + position] = difference(values, start + position) - plan.reference();
                }
            }
            BitPacking.packBlock(block, width, packed, b * BitPacking.blockBytes(width), BitPacking.LaneOrder.CONTIGUOUS);
        });
        return ChunkAssembler.assemble(Encoding.DELTA, valueBytes, width, count, plan.reference(), 0, bases, packed);
    }

    static void decode(EncodedChunk chunk, MemorySegment out) {
        int count = chunk.count();
        int width = chunk.width();
        int valueBytes = chunk.valueBytes();
        MemorySegment bases = chunk.section(0);
        MemorySegment packed = chunk.section(1);
        BlockParallelism.forEachBlock(chunk.blockCount(), b -> {
            long[] block = BlockParallelism.scratchBlock();
            BitPacking.unpackBlock(packed, b * BitPacking.blockBytes(width), width, block, BitPacking.LaneOrder.CONTIGUOUS);
            for (int lane = 0; lane < BitPacking.LANES; lane++) {
                int start = b * BLOCK + lane * LANE;
                if (start >= count) {
                    break;
                }
                long value = ChunkValues.read(bases, b * 32L + lane, valueBytes);
                ChunkValues.write(out, start, value, valueBytes);
                for (int position = 1; position < LANE && start + position < count; position++) {
                    value = ChunkValues.normalize(value + chunk.reference() + block[lane * LANE + position], valueBytes);
                    ChunkValues.write(out, start + position, value, valueBytes);
                }
            }
        });
    }
}
