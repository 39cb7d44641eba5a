package dev.forge.columnar.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forge.columnar.Layouts;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Chunks large enough that the encoders, decoders and {@link EncodedChunk#parse} split their blocks across threads
 * ({@link BlockParallelism}) give what the one-thread path gives for the same blocks.
 */
class LargeChunkEncodingTest {
    private static final int COUNT = BlockParallelism.PARALLEL_BLOCKS * EncodedChunk.BLOCK_VALUES + 4321;

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Encoding.class, names = {"FRAME_OF_REFERENCE", "DELTA", "DICTIONARY"})
    void largeChunksRoundTripAndEncodeTheSameEveryTime(Encoding encoding) {
        for (int valueBytes : new int[] {4, 8}) {
            ValueShapes shape = encoding == Encoding.DELTA ? ValueShapes.SORTED_SMALL_STEPS
                    : encoding == Encoding.DICTIONARY ? ValueShapes.FEW_DISTINCT_WIDE : ValueShapes.NARROW_WITH_OUTLIERS;
            ChunkValues values = shape.chunk(valueBytes, COUNT, valueBytes);
            EncodedChunk chunk = encode(encoding, values);
            assertThat(Arrays.equals(ChunkDecoder.decodeToLongs(chunk), values.values())).as("round trip").isTrue();
            assertThat(encode(encoding, values).memory().mismatch(chunk.memory())).as("second encoding").isEqualTo(-1);
        }
    }

    private static EncodedChunk encode(Encoding encoding, ChunkValues values) {
        return switch (encoding) {
            case FRAME_OF_REFERENCE -> FrameOfReferenceEncoding.encode(values);
            case DELTA -> DeltaEncoding.encode(values);
            case DICTIONARY -> DictionaryEncoding.encode(values);
            default -> throw new IllegalArgumentException(encoding + " has no per-block work");
        };
    }

    /** Each block of a large frame-of-reference chunk holds what encoding that block alone (one thread) gives. */
    @ParameterizedTest(name = "{0}-byte values")
    @ValueSource(ints = {4, 8})
    void frameOfReferenceBlocksMatchTheirOneThreadEncoding(int valueBytes) {
        ChunkValues values = ValueShapes.NARROW_WITH_OUTLIERS.chunk(11, COUNT, valueBytes);
        FrameOfReferenceEncoding.Plan plan = FrameOfReferenceEncoding.plan(values);
        EncodedChunk large = FrameOfReferenceEncoding.encode(values, plan.reference(), plan.width());
        assertThat(large.entryCount()).as("patches").isPositive();
        long blockBytes = BitPacking.blockBytes(plan.width());
        int patch = 0;
        for (int block = 0; block < large.blockCount(); block++) {
            int first = block * EncodedChunk.BLOCK_VALUES;
            int size = Math.min(EncodedChunk.BLOCK_VALUES, COUNT - first);
            long[] part = Arrays.copyOfRange(values.values(), first, first + size);
            EncodedChunk alone = FrameOfReferenceEncoding.encode(new ChunkValues(part, size, valueBytes, false),
                    plan.reference(), plan.width());
            assertThat(large.section(0).asSlice(block * blockBytes, blockBytes).mismatch(alone.section(0)))
                    .as("packed block %d", block).isEqualTo(-1);
            for (int i = 0; i < alone.entryCount(); i++, patch++) {
                assertThat(large.section(1).getAtIndex(Layouts.INT, patch))
                        .isEqualTo(first + alone.section(1).getAtIndex(Layouts.INT, i));
            }
        }
        assertThat(patch).isEqualTo(large.entryCount());
    }

    @ParameterizedTest(name = "{0}-byte values")
    @ValueSource(ints = {4, 8})
    void parseNamesTheFirstBadCodeOfALargeDictionary(int valueBytes) {
        long[] raw = new long[COUNT];
        for (int i = 0; i < COUNT; i++) {
            raw[i] = 1_000_000 + (i * 7919L) % 1500;
        }
        EncodedChunk chunk = DictionaryEncoding.encode(new ChunkValues(raw, COUNT, valueBytes, false));
        assertThat(chunk.entryCount()).isEqualTo(1500);
        assertThat(chunk.width()).isEqualTo(11);
        byte[] bytes = chunk.memory().toArray(Layouts.BYTE);
        MemorySegment damaged = MemorySegment.ofArray(bytes);
        long packed = chunk.sectionOffsetOf(1);
        long blockBytes = BitPacking.blockBytes(chunk.width());
        for (int block : new int[] {250, 3, 120}) {
            // Lane 0's first word all ones: its first value's code becomes 2047, past the 1500 entries.
            damaged.set(Layouts.INT, packed + block * blockBytes, -1);
        }
        assertThatThrownBy(() -> EncodedChunk.parse(damaged))
                .isInstanceOf(InvalidChunkException.class)
                .hasMessage("code 2047 at value " + 3 * EncodedChunk.BLOCK_VALUES + " is past the dictionary's "
                        + chunk.entryCount() + " entries");
    }
}
