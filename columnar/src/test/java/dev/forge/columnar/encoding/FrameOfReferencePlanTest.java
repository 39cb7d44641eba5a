package dev.forge.columnar.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.columnar.PhysicalType;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The frame-of-reference plan, priced by binary searches, equals pricing every value's width one by one. */
class FrameOfReferencePlanTest {

    @Test
    void theSearchedPlanEqualsTheCountedOne() {
        SplittableRandom random = new SplittableRandom(2026);
        for (PhysicalType type : new PhysicalType[] {PhysicalType.INT32, PhysicalType.INT64, PhysicalType.FLOAT32,
                PhysicalType.FLOAT64}) {
            for (int shape = 0; shape < 8; shape++) {
                for (int count : new int[] {1, 2, 1023, 1024, 1025, 5000}) {
                    ChunkValues values = ChunkValues.of(type, values(random, type, shape, count), count);
                    assertThat(FrameOfReferenceEncoding.plan(values)).as("%s shape %d, %d values", type, shape, count)
                            .isEqualTo(countedPlan(values));
                }
            }
        }
    }

    private static long[] values(SplittableRandom random, PhysicalType type, int shape, int count) {
        long[] values = new long[count];
        for (int i = 0; i < count; i++) {
            long value = switch (shape) {
                case 0 -> 42; // all equal: width 0
                case 1 -> random.nextLong(1000); // narrow
                case 2 -> random.nextLong(); // anything
                case 3 -> random.nextInt(100) == 0 ? random.nextLong() : 1_000_000 + random.nextLong(256); // outliers
                case 4 -> random.nextInt(50) == 0 ? -random.nextLong(1L << 40) : random.nextLong(1 << 12); // low outliers
                case 5 -> i % 2 == 0 ? Long.MIN_VALUE : Long.MAX_VALUE; // the extremes
                case 6 -> -random.nextLong(1 << 20); // negative only
                default -> (long) i * i; // growing
            };
            values[i] = ChunkValues.normalize(value, type.valueBytes());
        }
        return values;
    }

    /** The plan as first written: for each candidate reference, a histogram of the bits every value needs. */
    private static FrameOfReferenceEncoding.Plan countedPlan(ChunkValues values) {
        long[] sorted = Arrays.copyOf(values.values(), values.count());
        Arrays.sort(sorted);
        int count = values.count();
        long blocks = (count + EncodedChunk.BLOCK_VALUES - 1) / EncodedChunk.BLOCK_VALUES;
        FrameOfReferenceEncoding.Plan best = null;
        for (int quantile : new int[] {0, 1000, 100, 20}) {
            long reference = sorted[quantile == 0 ? 0 : count / quantile];
            long[] needing = new long[values.valueBits() + 1];
            long below = 0;
            for (int i = 0; i < count; i++) {
                if (values.get(i) < reference) {
                    below++;
                } else {
                    needing[EncodedChunk.bitsFor(values.get(i) - reference)]++;
                }
            }
            long patchBytes = 4L + values.valueBytes();
            FrameOfReferenceEncoding.Plan bestHere = null;
            long wider = 0;
            for (int width = values.valueBits(); width >= 0; width--) {
                long patches = below + wider;
                long bytes = blocks * BitPacking.blockBytes(width) + patches * patchBytes + (patches > 0 ? (blocks + 1) * 4 : 0);
                if (bestHere == null || bytes <= bestHere.bytes()) {
                    bestHere = new FrameOfReferenceEncoding.Plan(reference, width, (int) patches, bytes);
                }
                wider += needing[width];
            }
            if (best == null || bestHere.bytes() < best.bytes()) {
                best = bestHere;
            }
        }
        return best;
    }
}
