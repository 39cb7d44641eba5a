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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Seeded encoded chunks that exercise every decoder: every bit width of frame of reference (with patches) and
 * delta, dictionary code widths 0..12, run lengths, plain, and empty chunks, at sizes around the 1024-value block.
 */
final class DecoderCases {
    private DecoderCases() {
    }

    static final int[] SIZES = {1, 31, 1023, 1024, 1025, 3 * 1024 + 7};

    /** A chunk and what it tests. */
    record Case(EncodedChunk chunk, String description) {
    }

    static List<Case> frameOfReference(int valueBytes) {
        SplittableRandom random = new SplittableRandom(1000 + valueBytes);
        List<Case> cases = new ArrayList<>();
        for (int width = 0; width <= valueBytes * 8; width++) {
            for (int size : SIZES) {
                long reference = narrow(random.nextLong(), valueBytes);
                long[] values = new long[size];
                for (int i = 0; i < size; i++) {
                    values[i] = narrow(reference + (random.nextLong() & lowBits(width)), valueBytes);
                    if (random.nextInt(50) == 0) {
                        values[i] = narrow(random.nextLong(), valueBytes); // an outlier: usually a patch
                    }
                }
                ChunkValues chunkValues = new ChunkValues(values, size, valueBytes, false);
                cases.add(new Case(FrameOfReferenceEncoding.encode(chunkValues, reference, width), "width " + width));
            }
        }
        return cases;
    }

    static List<Case> delta(int valueBytes) {
        SplittableRandom random = new SplittableRandom(2000 + valueBytes);
        List<Case> cases = new ArrayList<>();
        for (int stepBits = 0; stepBits <= valueBytes * 8; stepBits++) {
            for (int size : SIZES) {
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
            long[] palette = new long[1 << codeBits];
            for (int i = 0; i < palette.length; i++) {
                palette[i] = narrow(random.nextLong(), valueBytes);
            }
            for (int size : new int[] {1, 1023, 1025, 5000}) {
                long[] values = new long[size];
                for (int i = 0; i < size; i++) {
                    values[i] = palette[random.nextInt(palette.length)];
                }
                EncodedChunk chunk = DictionaryEncoding.encode(new ChunkValues(values, size, valueBytes, false));
                cases.add(new Case(chunk, "dictionary of " + chunk.entryCount()));
            }
        }
        return cases;
    }

    static List<Case> runLengthAndPlain(int valueBytes) {
        SplittableRandom random = new SplittableRandom(4000 + valueBytes);
        List<Case> cases = new ArrayList<>();
        for (int maxRun : new int[] {1, 3, 50, 2000}) {
            for (int size : SIZES) {
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
