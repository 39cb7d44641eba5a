package dev.forge.columnar.gpu;

import dev.forge.columnar.encoding.ChunkValues;
import dev.forge.columnar.encoding.DeltaEncoding;
import dev.forge.columnar.encoding.DictionaryEncoding;
import dev.forge.columnar.encoding.EncodedChunk;
import dev.forge.columnar.encoding.FrameOfReferenceEncoding;
import dev.forge.columnar.encoding.PlainEncoding;
import dev.forge.columnar.encoding.RunLengthEncoding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The encoded columns {@link DecodeBenchmark} decodes: every frame-of-reference width of 4-byte values, a spread of
 * 8-byte widths, delta, dictionaries of 256 to 64K entries, run lengths and plain. Values are drawn on all cores
 * (each range of values from its own seeded stream, so the data is the same for any thread count) and encoded by the
 * encoders' parallel paths, so 2^28 values take about a second per column on a 16-core host.
 *
 * <p>A column is split into chunks of at most {@link #CHUNK_BYTES} decoded bytes: one chunk of 2^28 4-byte values,
 * two of 8-byte values, each well below the 2 GB limit of one encoded chunk.
 */
final class DecodeBenchmarkInputs {
    private DecodeBenchmarkInputs() {
    }

    static final long CHUNK_BYTES = 1L << 30;
    private static final int RANGE_VALUES = 1 << 20;

    /** One column to decode: its name, value width, and how to make its chunk {@code index} of {@code count} values. */
    record Input(String name, int valueBytes, ChunkMaker maker) {
        /** The column of {@code values} values, as chunks of at most {@link #CHUNK_BYTES} decoded bytes. */
        List<EncodedChunk> chunks(int values) {
            return chunks(values, CHUNK_BYTES);
        }

        List<EncodedChunk> chunks(int values, long chunkBytes) {
            int perChunk = (int) Math.min(values, chunkBytes / valueBytes);
            List<EncodedChunk> chunks = new ArrayList<>();
            for (int first = 0, index = 0; first < values; first += perChunk, index++) {
                chunks.add(maker.make(index, Math.min(perChunk, values - first)));
            }
            return chunks;
        }
    }

    /** Makes chunk {@code index} (the seed of its values) of a column. */
    @FunctionalInterface
    interface ChunkMaker {
        EncodedChunk make(int index, int count);
    }

    static List<Input> all() {
        List<Input> inputs = new ArrayList<>();
        inputs.add(new Input("plain u32 (a device copy)", 4, (index, count) -> PlainEncoding.encode(
                drawn(index, count, 4, (random, i) -> random.nextLong()))));
        for (int width = 0; width <= 32; width++) {
            inputs.add(frameOfReference(4, width));
        }
        for (int width : new int[] {1, 4, 8, 12, 16, 20, 24, 32, 40, 48, 56, 64}) {
            inputs.add(frameOfReference(8, width));
        }
        inputs.add(delta(4, 4, "steps < 16"));
        inputs.add(delta(4, 16, "steps < 65536"));
        inputs.add(delta(8, 8, "steps < 256"));
        for (int entries : new int[] {256, 4096, 65536}) {
            inputs.add(dictionary(4, entries));
        }
        for (int entries : new int[] {4096, 65536}) {
            inputs.add(dictionary(8, entries));
        }
        inputs.add(runLength(4, 100));
        inputs.add(runLength(4, 8));
        inputs.add(runLength(8, 100));
        return inputs;
    }

    /**
     * Frame of reference at exactly {@code width} bits and without patches: the reference sits near the type's
     * smallest value, so reference + any {@code width}-bit number stays in range (at the full width it is the
     * smallest value itself); a patch path would be timed otherwise.
     */
    static Input frameOfReference(int valueBytes, int width) {
        long mask = width == 64 ? -1L : (1L << width) - 1;
        return new Input("frame of reference " + type(valueBytes) + ", width " + width, valueBytes, (index, count) -> {
            long smallest = valueBytes == 4 ? Integer.MIN_VALUE : Long.MIN_VALUE;
            long reference = width == valueBytes * 8 ? smallest : smallest + new SplittableRandom(index).nextLong(1 << 20);
            ChunkValues values = drawn(index, count, valueBytes, (random, i) -> reference + (random.nextLong() & mask));
            return FrameOfReferenceEncoding.encode(values, reference, width);
        });
    }

    /** Steps drawn below 2^stepBits, summed on all cores (addition wraps like the values, so the order is free). */
    static Input delta(int valueBytes, int stepBits, String steps) {
        return new Input("delta " + type(valueBytes) + ", " + steps, valueBytes, (index, count) -> {
            long[] values = drawn(index, count, 8, (random, i) -> random.nextLong(1L << stepBits)).values();
            values[0] = new SplittableRandom(index).nextLong();
            Arrays.parallelPrefix(values, Long::sum);
            Arrays.parallelSetAll(values, i -> ChunkValues.normalize(values[i], valueBytes));
            return DeltaEncoding.encode(new ChunkValues(values, count, valueBytes, false));
        });
    }

    /**
     * Codes drawn uniformly from {@code entries} distinct values (an odd multiplier makes them distinct), encoded
     * against that dictionary, which spares sorting the column.
     */
    static Input dictionary(int valueBytes, int entries) {
        long[] palette = new long[entries];
        Arrays.setAll(palette, code -> ChunkValues.normalize(code * 0x9E3779B97F4A7C15L, valueBytes));
        return new Input("dictionary " + type(valueBytes) + ", " + entries + " entries", valueBytes, (index, count) ->
                DictionaryEncoding.encodeWithDictionary(
                        drawn(index, count, valueBytes, (random, i) -> palette[random.nextInt(entries)]), palette));
    }

    /** Runs of 1 to 2 * meanRun - 1 values (mean {@code meanRun}), each of a random value. */
    static Input runLength(int valueBytes, int meanRun) {
        return new Input("run-length " + type(valueBytes) + ", runs of ~" + meanRun, valueBytes, (index, count) -> {
            SplittableRandom random = new SplittableRandom(index);
            long[] values = new long[count];
            for (int start = 0; start < count; ) {
                int end = (int) Math.min(count, start + 1L + random.nextInt(2 * meanRun - 1));
                Arrays.fill(values, start, end, ChunkValues.normalize(random.nextLong(), valueBytes));
                start = end;
            }
            return RunLengthEncoding.encode(new ChunkValues(values, count, valueBytes, false));
        });
    }

    /** A value from the stream of its range of values and its index. */
    @FunctionalInterface
    interface ValueDraw {
        long draw(SplittableRandom random, int index);
    }

    /** {@code count} values cut to {@code valueBytes}, each range of 2^20 drawn from its own stream, on all cores. */
    static ChunkValues drawn(int chunk, int count, int valueBytes, ValueDraw draw) {
        long[] values = new long[count];
        int ranges = (count + RANGE_VALUES - 1) / RANGE_VALUES;
        IntStream.range(0, ranges).parallel().forEach(range -> {
            SplittableRandom random = new SplittableRandom(((long) chunk << 32) + range);
            for (int i = range * RANGE_VALUES; i < Math.min(count, (range + 1) * RANGE_VALUES); i++) {
                values[i] = ChunkValues.normalize(draw.draw(random, i), valueBytes);
            }
        });
        return new ChunkValues(values, count, valueBytes, false);
    }

    private static String type(int valueBytes) {
        return valueBytes == 4 ? "u32" : "u64";
    }
}
