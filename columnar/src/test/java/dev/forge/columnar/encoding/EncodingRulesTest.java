package dev.forge.columnar.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forge.columnar.Layouts;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Each encoding's parameters checked against the obvious computation on small inputs. */
class EncodingRulesTest {

    private static ChunkValues longs(long... values) {
        return new ChunkValues(values, values.length, 8, false);
    }

    @Test
    void frameOfReferenceUsesTheMinimumAndTheBitsOfTheRange() {
        SplittableRandom random = new SplittableRandom(3);
        long[] raw = new long[2048];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = 1_000_001 + random.nextInt(500);
        }
        raw[100] = 1_000_001;
        raw[200] = 1_000_500;
        EncodedChunk chunk = FrameOfReferenceEncoding.encode(longs(raw));
        assertThat(chunk.reference()).isEqualTo(1_000_001);
        assertThat(chunk.width()).isEqualTo(64 - Long.numberOfLeadingZeros(499));
        assertThat(chunk.entryCount()).isZero();
        assertThat(ChunkDecoder.decodeToLongs(chunk)).containsExactly(raw);
    }

    @Test
    void frameOfReferencePatchesOutliersInsteadOfWideningEveryValue() {
        SplittableRandom random = new SplittableRandom(5);
        long[] raw = new long[5000];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = 77_000 + random.nextInt(16);
        }
        raw[17] = Long.MAX_VALUE - 3;
        raw[4321] = -9_000_000_000L;
        raw[4999] = 1L << 40;
        EncodedChunk chunk = FrameOfReferenceEncoding.encode(longs(raw));
        assertThat(chunk.width()).isEqualTo(4);
        assertThat(chunk.reference()).isEqualTo(Arrays.stream(raw).filter(v -> v >= 77_000 && v < 77_016).min().orElseThrow());
        assertThat(chunk.entryCount()).isEqualTo(3);
        MemorySegment positions = chunk.section(1);
        assertThat(new int[] {positions.getAtIndex(Layouts.INT, 0), positions.getAtIndex(Layouts.INT, 1),
                positions.getAtIndex(Layouts.INT, 2)}).containsExactly(17, 4321, 4999);
        MemorySegment starts = chunk.section(3);
        int[] blockStarts = new int[chunk.blockCount() + 1];
        for (int i = 0; i < blockStarts.length; i++) {
            blockStarts[i] = starts.getAtIndex(Layouts.INT, i);
        }
        assertThat(blockStarts).containsExactly(0, 1, 1, 1, 1, 3); // blocks of 1024: patches in block 0 and 4
        assertThat(ChunkDecoder.decodeToLongs(chunk)).containsExactly(raw);
    }

    @Test
    void frameOfReferenceWithAGivenWidthPatchesEveryValueThatDoesNotFit() {
        ChunkValues values = longs(10, 11, 12, 300, 9);
        EncodedChunk chunk = FrameOfReferenceEncoding.encode(values, 10, 2);
        assertThat(chunk.entryCount()).isEqualTo(2); // 300 is too wide, 9 is below the reference
        assertThat(ChunkDecoder.decodeToLongs(chunk)).containsExactly(10, 11, 12, 300, 9);
    }

    @Test
    void deltaReferenceIsTheSmallestDifferenceWithinLanes() {
        long[] raw = new long[64];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = 500 + 3L * i + (i == 40 ? 9 : 0);
        }
        EncodedChunk chunk = DeltaEncoding.encode(longs(raw));
        // Differences are 3, except 12 into index 40 and -6 out of it (41 is in the same lane as 40).
        assertThat(chunk.reference()).isEqualTo(-6);
        assertThat(chunk.width()).isEqualTo(64 - Long.numberOfLeadingZeros(12 - -6));
        assertThat(ChunkValues.read(chunk.section(0), 1, 8)).isEqualTo(raw[32]); // lane 1's base
        assertThat(ChunkDecoder.decodeToLongs(chunk)).containsExactly(raw);
    }

    @Test
    void dictionaryIsSortedDistinctAndCodesIndexIt() {
        ChunkValues values = longs(40, -7, 40, 12, -7, 99);
        EncodedChunk chunk = DictionaryEncoding.encode(values);
        long[] dictionary = new long[chunk.entryCount()];
        for (int i = 0; i < dictionary.length; i++) {
            dictionary[i] = ChunkValues.read(chunk.section(0), i, 8);
        }
        assertThat(dictionary).containsExactly(-7, 12, 40, 99);
        assertThat(chunk.width()).isEqualTo(2);
        long[] codes = new long[1024];
        BitPacking.unpackBlock(chunk.section(1), 0, chunk.width(), codes, BitPacking.LaneOrder.STRIDED);
        assertThat(Arrays.copyOf(codes, 6)).containsExactly(2, 0, 2, 1, 0, 3);
    }

    @Test
    void aGivenDictionaryEncodesLikeTheChunksOwnAndMustHoldEveryValue() {
        ChunkValues values = longs(40, -7, 40, 12, -7, 99);
        EncodedChunk own = DictionaryEncoding.encode(values);
        EncodedChunk given = DictionaryEncoding.encodeWithDictionary(values, new long[] {99, 12, -7, 40, 12});
        assertThat(given.memory().mismatch(own.memory())).isEqualTo(-1);
        assertThatThrownBy(() -> DictionaryEncoding.encodeWithDictionary(values, new long[] {99, 12, -7}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("value 40 at 0 is not in the dictionary of 3 entries");
    }

    @Test
    void floatDictionaryOrdersLikeTheNumbersAndKeepsEveryBitPattern() {
        float[] floats = {2.5f, -1f, Float.NaN, -0f, 0f, Float.intBitsToFloat(0x7fc00001), Float.NEGATIVE_INFINITY, 2.5f};
        long[] raw = new long[floats.length];
        for (int i = 0; i < floats.length; i++) {
            raw[i] = Float.floatToRawIntBits(floats[i]);
        }
        ChunkValues values = new ChunkValues(raw, raw.length, 4, true);
        EncodedChunk chunk = DictionaryEncoding.encode(values);
        assertThat(chunk.entryCount()).isEqualTo(7);
        float[] dictionary = new float[chunk.entryCount()];
        for (int i = 0; i < dictionary.length; i++) {
            dictionary[i] = Float.intBitsToFloat((int) ChunkValues.read(chunk.section(0), i, 4));
        }
        assertThat(Arrays.copyOf(dictionary, 5)).containsExactly(Float.NEGATIVE_INFINITY, -1f, -0f, 0f, 2.5f);
        assertThat(ChunkDecoder.decodeToLongs(chunk)).containsExactly(raw);
    }

    @Test
    void runLengthRecordsEachRunsValueAndEnd() {
        EncodedChunk chunk = RunLengthEncoding.encode(longs(5, 5, 5, 8, 5, 5));
        assertThat(chunk.entryCount()).isEqualTo(3);
        long[] runValues = new long[3];
        int[] runEnds = new int[3];
        for (int i = 0; i < 3; i++) {
            runValues[i] = ChunkValues.read(chunk.section(0), i, 8);
            runEnds[i] = chunk.section(1).getAtIndex(Layouts.INT, i);
        }
        assertThat(runValues).containsExactly(5, 8, 5);
        assertThat(runEnds).containsExactly(3, 4, 6);
    }

    @Test
    void chooserPicksTheEncodingTheDataCallsFor() {
        assertThat(chosen(ValueShapes.FULL_RANGE, 8)).isEqualTo(Encoding.PLAIN);
        assertThat(chosen(ValueShapes.NARROW_RANGE, 8)).isEqualTo(Encoding.FRAME_OF_REFERENCE);
        assertThat(chosen(ValueShapes.NARROW_WITH_OUTLIERS, 8)).isEqualTo(Encoding.FRAME_OF_REFERENCE);
        assertThat(chosen(ValueShapes.SORTED_SMALL_STEPS, 8)).isEqualTo(Encoding.DELTA);
        assertThat(chosen(ValueShapes.FEW_DISTINCT_WIDE, 8)).isEqualTo(Encoding.DICTIONARY);
        assertThat(chosen(ValueShapes.LONG_RUNS, 8)).isEqualTo(Encoding.RUN_LENGTH);
        assertThat(chosen(ValueShapes.FULL_RANGE, 4)).isEqualTo(Encoding.PLAIN);
    }

    @Test
    void statisticsAreTheObviousOnes() {
        long[] raw = {9, -4, 9, 9, 100, -4};
        ChunkStatistics statistics = ChunkEncoder.encode(longs(raw)).statistics();
        assertThat(statistics.min()).isEqualTo(-4);
        assertThat(statistics.max()).isEqualTo(100);
        assertThat(statistics.distinctCount()).isEqualTo(new TreeSet<>(Arrays.stream(raw).boxed().toList()).size());
        assertThat(statistics.runCount()).isEqualTo(5);
        assertThat(statistics.hasMinMax()).isTrue();
    }

    @Test
    void tinyChunksAreCheaperAsPatchesThanAsAPackedBlock() {
        EncodedChunk chunk = FrameOfReferenceEncoding.encode(longs(10, 20, 30, 40));
        assertThat(chunk.width()).isZero(); // a 1024-value block of 5 bits would cost 640 bytes for 4 values
        assertThat(chunk.entryCount()).isEqualTo(3); // 10 is the reference itself
        assertThat(ChunkDecoder.decodeToLongs(chunk)).containsExactly(10, 20, 30, 40);
    }

    @Test
    void parseRejectsInconsistentHeaders() {
        EncodedChunk chunk = FrameOfReferenceEncoding.encode(ValueShapes.NARROW_RANGE.chunk(1, 2000, 8));
        byte[] bytes = chunk.memory().toArray(Layouts.BYTE);

        byte[] badEncoding = bytes.clone();
        badEncoding[0] = 42;
        assertThatThrownBy(() -> EncodedChunk.parse(MemorySegment.ofArray(badEncoding)))
                .isInstanceOf(InvalidChunkException.class).hasMessageContaining("unknown encoding id 42");

        byte[] tooWide = bytes.clone();
        tooWide[2] = 65;
        assertThatThrownBy(() -> EncodedChunk.parse(MemorySegment.ofArray(tooWide)))
                .isInstanceOf(InvalidChunkException.class).hasMessageContaining("packs 65 bits");

        byte[] moreValues = bytes.clone();
        MemorySegment.ofArray(moreValues).set(Layouts.INT, 4, 5000); // five blocks, but the packed section holds two
        assertThatThrownBy(() -> EncodedChunk.parse(MemorySegment.ofArray(moreValues)))
                .isInstanceOf(InvalidChunkException.class).hasMessageContaining("packed words section");

        assertThatThrownBy(() -> EncodedChunk.parse(MemorySegment.ofArray(Arrays.copyOf(bytes, 100))))
                .isInstanceOf(InvalidChunkException.class).hasMessageContaining("shorter than its 128-byte header");
    }

    @Test
    void parseRejectsADictionaryCodePastTheDictionary() {
        EncodedChunk chunk = DictionaryEncoding.encode(longs(1, 2, 3, 1, 2));
        byte[] bytes = chunk.memory().toArray(Layouts.BYTE);
        MemorySegment memory = MemorySegment.ofArray(bytes);
        memory.set(Layouts.INT, 16, 2); // claim 2 entries; code 2 now points past them
        memory.set(Layouts.LONG, 24 + 8, 16); // and shrink the dictionary section to match
        assertThatThrownBy(() -> EncodedChunk.parse(memory)).isInstanceOf(InvalidChunkException.class)
                .hasMessageContaining("past the dictionary");
    }

    private static Encoding chosen(ValueShapes shape, int valueBytes) {
        return ChunkEncoder.encode(shape.chunk(21, 8192, valueBytes)).chunk().encoding();
    }
}
