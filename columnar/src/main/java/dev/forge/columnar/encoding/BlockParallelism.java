package dev.forge.columnar.encoding;

import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Runs per-block work of the encoders and decoders on all cores when a chunk is large: the 1024-value blocks of the
 * packed layouts are independent, so a chunk of 2^28 values encodes in about a second instead of half a minute.
 * Small chunks stay on the calling thread (a file's row groups are already encoded in parallel, one column each).
 * Every caller writes disjoint parts of its output, so the result is the same however the blocks are scheduled.
 */
final class BlockParallelism {
    private BlockParallelism() {
    }

    /** Chunks of at least this many blocks (256 K values) are worth splitting across threads. */
    static final int PARALLEL_BLOCKS = 256;

    private static final ThreadLocal<long[]> BLOCK = ThreadLocal.withInitial(() -> new long[EncodedChunk.BLOCK_VALUES]);

    /** Runs {@code body} for blocks {@code 0 .. blocks - 1}, in parallel when there are many. */
    static void forEachBlock(int blocks, IntConsumer body) {
        blocks(blocks).forEach(body);
    }

    /** The blocks {@code 0 .. blocks - 1} as a stream, parallel when there are many (for searches and reductions). */
    static IntStream blocks(int blocks) {
        IntStream range = IntStream.range(0, blocks);
        return blocks >= PARALLEL_BLOCKS ? range.parallel() : range;
    }

    /** This thread's scratch array of one block's values; its contents are whatever the last user left. */
    static long[] scratchBlock() {
        return BLOCK.get();
    }
}
