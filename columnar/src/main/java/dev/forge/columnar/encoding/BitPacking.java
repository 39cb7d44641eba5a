package dev.forge.columnar.encoding;

import dev.forge.columnar.Layouts;
import java.lang.foreign.MemorySegment;

/**
 * The packed layout shared by every bit-packed section, after the FastLanes idea: a block of 1024 values is split
 * into 32 lanes of 32 values, one lane per GPU thread of a warp. Each lane's values are concatenated into its own
 * bit stream, {@code width} bits per value, least significant bit first; bit {@code b} of lane {@code l}'s stream
 * is bit {@code b % 32} of 32-bit word {@code (b / 32) * 32 + l} of the block. A block thus takes
 * {@code width * 32} words, and when a warp's 32 threads each load word {@code k} of their lane they load 32
 * consecutive words: one coalesced 128-byte transaction. Any width from 0 to 64 works; a value of up to 64 bits
 * spans at most three words.
 *
 * <p>Which values a lane holds is the {@link LaneOrder}: strided (value {@code j} of lane {@code l} is value
 * {@code j * 32 + l} of the block, so a warp also writes its output coalesced) for frame of reference and
 * dictionary codes; contiguous (value {@code l * 32 + j}) for delta, so each lane differences neighbours.
 */
public final class BitPacking {
    private BitPacking() {
    }

    public static final int LANES = 32;
    public static final int VALUES_PER_LANE = 32;

    /** Each thread's copy of the words of the block it unpacks (64 bits at most per value: 64 words per lane). */
    private static final ThreadLocal<int[]> BLOCK_WORDS = ThreadLocal.withInitial(() -> new int[64 * LANES]);

    /** Which of a block's 1024 values each lane holds. */
    public enum LaneOrder {
        /** Lane {@code l} holds values {@code l, l + 32, l + 64, ...}. */
        STRIDED,
        /** Lane {@code l} holds values {@code 32 l .. 32 l + 31}. */
        CONTIGUOUS;

        int indexOf(int lane, int position) {
            return this == STRIDED ? position * LANES + lane : lane * VALUES_PER_LANE + position;
        }
    }

    /** Bytes of one packed block of this width. */
    public static long blockBytes(int width) {
        return width * 128L;
    }

    /**
     * Packs the low {@code width} bits of the 1024 values of {@code block} into {@code out} at {@code offset}
     * (which must be zero there).
     */
    public static void packBlock(long[] block, int width, MemorySegment out, long offset, LaneOrder order) {
        if (width == 0) {
            return;
        }
        int[] words = new int[width];
        for (int lane = 0; lane < LANES; lane++) {
            java.util.Arrays.fill(words, 0);
            for (int position = 0; position < VALUES_PER_LANE; position++) {
                long value = block[order.indexOf(lane, position)];
                int bit = position * width;
                int written = 0;
                while (written < width) {
                    int shift = bit & 31;
                    int take = Math.min(32 - shift, width - written);
                    long piece = (value >>> written) & lowBits(take);
                    words[bit >>> 5] |= (int) (piece << shift);
                    bit += take;
                    written += take;
                }
            }
            for (int word = 0; word < width; word++) {
                out.set(Layouts.INT, offset + ((long) word * LANES + lane) * 4, words[word]);
            }
        }
    }

    /** Unpacks one block into the 1024 entries of {@code block}, each as an unsigned {@code width}-bit value. */
    public static void unpackBlock(MemorySegment packed, long offset, int width, long[] block, LaneOrder order) {
        if (width == 0) {
            java.util.Arrays.fill(block, 0, LANES * VALUES_PER_LANE, 0);
            return;
        }
        // One bulk copy of the block's words, instead of one or two bounds-checked segment reads per value.
        int[] words = BLOCK_WORDS.get();
        MemorySegment.copy(packed, Layouts.INT, offset, words, 0, width * LANES);
        long mask = lowBits(width);
        if (width <= 32) {
            unpackNarrow(words, width, mask, block, order);
            return;
        }
        for (int lane = 0; lane < LANES; lane++) {
            for (int position = 0; position < VALUES_PER_LANE; position++) {
                // The same arithmetic as unpack_value in fused_decode.cuh, so the GPU matches bit for bit.
                int bit = position * width;
                int word = bit >>> 5;
                int shift = bit & 31;
                long value = Integer.toUnsignedLong(words[word * LANES + lane]) >>> shift;
                if (shift + width > 32) {
                    value |= Integer.toUnsignedLong(words[(word + 1) * LANES + lane]) << (32 - shift);
                }
                if (shift + width > 64) {
                    value |= Integer.toUnsignedLong(words[(word + 2) * LANES + lane]) << (64 - shift);
                }
                block[order.indexOf(lane, position)] = value & mask;
            }
        }
    }

    /**
     * Widths up to 32 without a branch per value: a value lies in the 64 bits of its first word and the next, and
     * where it ends inside the first, the next word's bits land above {@code width} and the mask drops them. The
     * next word may lie past the block's (the scratch array holds 64 words per lane), which only the mask sees.
     */
    private static void unpackNarrow(int[] words, int width, long mask, long[] block, LaneOrder order) {
        for (int lane = 0; lane < LANES; lane++) {
            for (int position = 0; position < VALUES_PER_LANE; position++) {
                int bit = position * width;
                int first = (bit >>> 5) * LANES + lane;
                long window = Integer.toUnsignedLong(words[first]) | ((long) words[first + LANES] << 32);
                block[order.indexOf(lane, position)] = (window >>> (bit & 31)) & mask;
            }
        }
    }

    /** A mask of the low {@code bits} bits, for 0 to 64. */
    static long lowBits(int bits) {
        return bits == 64 ? -1L : (1L << bits) - 1;
    }
}
