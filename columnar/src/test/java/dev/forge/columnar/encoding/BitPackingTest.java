package dev.forge.columnar.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.columnar.Layouts;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The lane layout round-trips at every width and matches its bit-by-bit definition. */
class BitPackingTest {

    @ParameterizedTest
    @EnumSource(BitPacking.LaneOrder.class)
    void everyWidthRoundTrips(BitPacking.LaneOrder order) {
        SplittableRandom random = new SplittableRandom(7);
        for (int width = 0; width <= 64; width++) {
            long[] block = randomBlock(random, width);
            MemorySegment packed = MemorySegment.ofArray(new byte[(int) BitPacking.blockBytes(width) + 64]);
            BitPacking.packBlock(block, width, packed, 64, order);
            long[] unpacked = new long[1024];
            BitPacking.unpackBlock(packed, 64, width, unpacked, order);
            assertThat(unpacked).as("width %d", width).containsExactly(block);
        }
    }

    /**
     * Up to 32 bits a value is cut from its word and the next one even when it ends inside the first: whatever
     * follows the block (in the file, and in the unpacker's scratch words left by a wider block) must not show.
     */
    @ParameterizedTest
    @EnumSource(BitPacking.LaneOrder.class)
    void narrowWidthsIgnoreWhatFollowsTheBlock(BitPacking.LaneOrder order) {
        SplittableRandom random = new SplittableRandom(11);
        long[] ones = new long[1024];
        java.util.Arrays.fill(ones, -1L);
        MemorySegment wide = MemorySegment.ofArray(new byte[(int) BitPacking.blockBytes(64)]);
        BitPacking.packBlock(ones, 64, wide, 0, order);
        for (int width = 1; width <= 32; width++) {
            BitPacking.unpackBlock(wide, 0, 64, new long[1024], order); // scratch words all ones
            long[] block = randomBlock(random, width);
            MemorySegment packed = MemorySegment.ofArray(new byte[(int) BitPacking.blockBytes(64)]);
            packed.fill((byte) -1);
            packed.asSlice(0, BitPacking.blockBytes(width)).fill((byte) 0);
            BitPacking.packBlock(block, width, packed, 0, order);
            long[] unpacked = new long[1024];
            BitPacking.unpackBlock(packed, 0, width, unpacked, order);
            assertThat(unpacked).as("width %d", width).containsExactly(block);
        }
    }

    @ParameterizedTest
    @EnumSource(BitPacking.LaneOrder.class)
    void layoutMatchesTheBitByBitDefinition(BitPacking.LaneOrder order) {
        SplittableRandom random = new SplittableRandom(11);
        for (int width : new int[] {1, 3, 7, 8, 13, 31, 32, 33, 47, 63, 64}) {
            long[] block = randomBlock(random, width);
            MemorySegment packed = MemorySegment.ofArray(new byte[(int) BitPacking.blockBytes(width)]);
            BitPacking.packBlock(block, width, packed, 0, order);
            assertThat(packed.toArray(Layouts.BYTE)).as("width %d", width).containsExactly(packBitByBit(block, width, order));
        }
    }

    /**
     * The layout written as plainly as possible: bit k of the value at position j of lane l is bit j * width + k of
     * lane l's stream, which is bit (that % 32) of word (that / 32) * 32 + l.
     */
    private static byte[] packBitByBit(long[] block, int width, BitPacking.LaneOrder order) {
        int[] words = new int[width * 32];
        for (int lane = 0; lane < 32; lane++) {
            for (int position = 0; position < 32; position++) {
                int index = order == BitPacking.LaneOrder.STRIDED ? position * 32 + lane : lane * 32 + position;
                for (int k = 0; k < width; k++) {
                    if ((block[index] >>> k & 1) != 0) {
                        int streamBit = position * width + k;
                        words[(streamBit / 32) * 32 + lane] |= 1 << (streamBit % 32);
                    }
                }
            }
        }
        MemorySegment bytes = MemorySegment.ofArray(new byte[words.length * 4]);
        for (int i = 0; i < words.length; i++) {
            bytes.setAtIndex(Layouts.INT, i, words[i]);
        }
        return bytes.toArray(Layouts.BYTE);
    }

    private static long[] randomBlock(SplittableRandom random, int width) {
        long[] block = new long[1024];
        for (int i = 0; i < block.length; i++) {
            block[i] = random.nextLong() & BitPacking.lowBits(width);
        }
        if (width > 0) {
            block[5] = BitPacking.lowBits(width); // the widest value, every bit set
        }
        return block;
    }
}
