package dev.forge.columnar.gpu;

import dev.forge.columnar.encoding.ChunkEncoder;
import dev.forge.columnar.encoding.ChunkValues;
import dev.forge.columnar.encoding.DeltaEncoding;
import dev.forge.columnar.encoding.DictionaryEncoding;
import dev.forge.columnar.encoding.EncodedChunk;
import dev.forge.columnar.encoding.Encoding;
import dev.forge.columnar.encoding.FrameOfReferenceEncoding;
import dev.forge.columnar.encoding.PlainEncoding;
import dev.forge.columnar.encoding.RunLengthEncoding;
import dev.forge.columnar.encoding.WideCodeDictionaries;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Seeded encoded chunks that exercise every decoder: every bit width of frame of reference (with scattered and with
 * dense patches) and delta, every dictionary code width (with dictionaries small and too large to stage whole), run
 * lengths from single values to runs across many 4096-value tiles, plain, and empty chunks, at sizes around the
 * 1024-value block and past the blocks one CTA's warps take at once (so that warps loop).
 */
final class DecoderCases {
    private DecoderCases() {
    }

    static final int[] SIZES = {1, 31, 1023, 1024, 1025, 3 * 1024 + 7};
    /**
     * More blocks than one CTA of the frame-of-reference or delta kernels has warps (8 and 4), so that on one CTA, as
     * the emulation runs them first, warps loop; tried at a few widths, since the looping does not depend on it.
     */
    static final int LOOPING_SIZE = 9 * 1024 + 3;
    /** Around the 4096-value tile of the run-length kernel, and several tiles. */
    static final int[] RUN_LENGTH_SIZES = {1, 31, 4095, 4096, 4097, 3 * 4096 + 5, 40_000};

    /** A chunk and what it tests. */
    record Case(EncodedChunk chunk, String description) {
    }

    static List<Case> frameOfReference(int valueBytes) {
        SplittableRandom random = new SplittableRandom(1000 + valueBytes);
        List<Case> cases = new ArrayList<>();
        for (int width = 0; width <= valueBytes * 8; width++) {
            for (int size : sizes(width)) {
                cases.add(frameOfReference(random, valueBytes, width, size, 50, "width " + width));
            }
            // One outlier in three: blocks with more patches than a warp has lanes.
            cases.add(frameOfReference(random, valueBytes, width, 2 * 1024 + 99, 3, "width " + width + ", dense patches"));
        }
        return cases;
    }

    private static int[] sizes(int width) {
        int[] sizes = Arrays.copyOf(SIZES, SIZES.length + 1);
        sizes[SIZES.length] = LOOPING_SIZE;
        return width % 11 == 0 ? sizes : SIZES;
    }

    /** Values in the frame of a random reference, one in {@code outlierOdds} replaced by a random (usually patched) one. */
    private static Case frameOfReference(SplittableRandom random, int valueBytes, int width, int size, int outlierOdds,
            String description) {
        long reference = narrow(random.nextLong(), valueBytes);
        long[] values = new long[size];
        for (int i = 0; i < size; i++) {
            values[i] = narrow(reference + (random.nextLong() & lowBits(width)), valueBytes);
            if (random.nextInt(outlierOdds) == 0) {
                values[i] = narrow(random.nextLong(), valueBytes);
            }
        }
        ChunkValues chunkValues = new ChunkValues(values, size, valueBytes, false);
        return new Case(FrameOfReferenceEncoding.encode(chunkValues, reference, width), description);
    }

    static List<Case> delta(int valueBytes) {
        SplittableRandom random = new SplittableRandom(2000 + valueBytes);
        List<Case> cases = new ArrayList<>();
        for (int stepBits = 0; stepBits <= valueBytes * 8; stepBits++) {
            for (int size : sizes(stepBits)) {
                long[] values = new long[size];
                long value = random.nextLong();
                for (int i = 0; i < size; i++) {
                    value = narrow(value + (random.nextLong() & lowBits(stepBits)), valueBytes);
                    values[i] = value;
                }
                cases.add(new Case(DeltaEncoding.encode(new ChunkValues(values, size, valueBytes, false)),
                        "steps of " + stepBits + " bits"));
            }
        }
        return cases;
    }

    static List<Case> dictionary(int valueBytes) {
        SplittableRandom random = new SplittableRandom(3000 + valueBytes);
        List<Case> cases = new ArrayList<>();
        for (int codeBits = 0; codeBits <= 12; codeBits++) {
            long[] palette = palette(random, 1 << codeBits, valueBytes);
            for (int size : new int[] {1, 1023, 1025, 5000, LOOPING_SIZE}) {
                EncodedChunk chunk = DictionaryEncoding.encode(drawn(random, palette, size, valueBytes));
                cases.add(new Case(chunk, "dictionary of " + chunk.entryCount()));
            }
        }
        // Codes wider than the dictionary needs, up to the value width: every kernel the GPU decoder may pick.
        long[] palette = palette(random, 300, valueBytes);
        for (int width = 9; width <= valueBytes * 8; width++) {
            EncodedChunk chunk = WideCodeDictionaries.encode(drawn(random, palette, 2 * 1024 + 77, valueBytes), width);
            cases.add(new Case(chunk, "dictionary of " + chunk.entryCount() + " with " + width + "-bit codes"));
        }
        // More entries than shared memory holds: the GPU stages the first ones and reads the rest from memory.
        EncodedChunk large = DictionaryEncoding.encode(
                drawn(random, palette(random, 70_000, valueBytes), 150_000, valueBytes));
        cases.add(new Case(large, "dictionary of " + large.entryCount()));
        return cases;
    }

    private static long[] palette(SplittableRandom random, int entries, int valueBytes) {
        long[] palette = new long[entries];
        for (int i = 0; i < entries; i++) {
            palette[i] = narrow(random.nextLong(), valueBytes);
        }
        return palette;
    }

    private static ChunkValues drawn(SplittableRandom random, long[] palette, int size, int valueBytes) {
        long[] values = new long[size];
        for (int i = 0; i < size; i++) {
            values[i] = palette[random.nextInt(palette.length)];
        }
        return new ChunkValues(values, size, valueBytes, false);
    }

    static List<Case> runLengthAndPlain(int valueBytes) {
        SplittableRandom random = new SplittableRandom(4000 + valueBytes);
        List<Case> cases = new ArrayList<>();
        for (int maxRun : new int[] {1, 3, 50, 2000, 20_000}) {
            for (int size : RUN_LENGTH_SIZES) {
                long[] values = new long[size];
                long value = random.nextLong();
                for (int i = 0; i < size; i++) {
                    if (random.nextInt(maxRun) == 0) {
                        value = random.nextLong();
                    }
                    values[i] = narrow(value, valueBytes);
                }
                ChunkValues chunkValues = new ChunkValues(values, size, valueBytes, false);
                cases.add(new Case(RunLengthEncoding.encode(chunkValues), "runs up to " + maxRun));
                cases.add(new Case(PlainEncoding.encode(chunkValues), "plain"));
            }
        }
        return cases;
    }

    /**
     * Chunks of 16.8M values: more 1024-value blocks than an H100 or H200 holds warps (64 on each of 132
     * multiprocessors), and more 4096-value run-length tiles than it holds CTAs.
     */
    static List<Case> large() {
        SplittableRandom random = new SplittableRandom(6000);
        int size = (1 << 24) + 12_345;
        List<Case> cases = new ArrayList<>();
        cases.add(frameOfReference(random, 4, 13, size, 1000, "width 13, large"));
        cases.add(frameOfReference(random, 8, 40, size, 1000, "width 40, large"));
        long[] steps = new long[size];
        long value = random.nextLong();
        for (int i = 0; i < size; i++) {
            value += random.nextInt(1 << 12);
            steps[i] = narrow(value, 4);
        }
        cases.add(new Case(DeltaEncoding.encode(new ChunkValues(steps, size, 4, false)), "delta, large"));
        for (int valueBytes : new int[] {4, 8}) {
            EncodedChunk dictionary = DictionaryEncoding.encode(drawn(random, palette(random, 65_536, valueBytes), size,
                    valueBytes));
            cases.add(new Case(dictionary, "dictionary of " + dictionary.entryCount() + ", large"));
        }
        long[] runs = new long[size];
        for (int start = 0; start < size; ) {
            int end = Math.min(size, start + 1 + random.nextInt(60));
            Arrays.fill(runs, start, end, narrow(random.nextLong(), 8));
            start = end;
        }
        cases.add(new Case(RunLengthEncoding.encode(new ChunkValues(runs, size, 8, false)), "runs of ~30, large"));
        return cases;
    }

    static List<Case> empty() {
        List<Case> cases = new ArrayList<>();
        for (Encoding encoding : Encoding.values()) {
            ChunkValues none = new ChunkValues(new long[0], 0, 8, false);
            cases.add(new Case(ChunkEncoder.encode(none, 0, null, Optional.of(encoding)).chunk(), "empty"));
        }
        return cases;
    }

    static List<Case> all() {
        List<Case> cases = new ArrayList<>();
        for (int valueBytes : new int[] {4, 8}) {
            cases.addAll(frameOfReference(valueBytes));
            cases.addAll(delta(valueBytes));
            cases.addAll(dictionary(valueBytes));
            cases.addAll(runLengthAndPlain(valueBytes));
        }
        cases.addAll(empty());
        return cases;
    }

    private static long narrow(long value, int valueBytes) {
        return valueBytes == 4 ? (int) value : value;
    }

    private static long lowBits(int bits) {
        return bits == 64 ? -1L : (1L << bits) - 1;
    }
}
