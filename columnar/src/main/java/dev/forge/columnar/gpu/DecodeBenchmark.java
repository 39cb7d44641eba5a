package dev.forge.columnar.gpu;

import dev.forge.columnar.encoding.ChunkDecoder;
import dev.forge.columnar.encoding.ChunkValues;
import dev.forge.columnar.encoding.DeltaEncoding;
import dev.forge.columnar.encoding.DictionaryEncoding;
import dev.forge.columnar.encoding.EncodedChunk;
import dev.forge.columnar.encoding.FrameOfReferenceEncoding;
import dev.forge.columnar.encoding.RunLengthEncoding;
import dev.forge.cuda.Cuda;
import dev.forge.cuda.CudaDevice;
import dev.forge.cuda.DeviceBuffer;
import dev.forge.cuda.Event;
import dev.forge.cuda.Stream;
import dev.forge.cuda.bench.DeviceBenchmark;
import dev.forge.cuda.bench.Measurement;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Throughput of the GPU decoders on chunks far larger than L2, as decoded bytes written per second against the
 * device's copy ceiling (read + write), the figure the design's decode goal (>= 0.90) is stated in. Each result is
 * checked against the CPU decoder on a sample before it is reported.
 *
 * <p>{@code java -cp ... dev.forge.columnar.gpu.DecodeBenchmark [values]} prints the device, the commit (system
 * property {@code forge.commit}) and one line per measurement.
 */
public final class DecodeBenchmark {
    /** 2^25 values: 128 MiB of decoded 32-bit values, well beyond any L2. */
    public static final int DEFAULT_VALUES = 1 << 25;
    private static final int CALLS_PER_SAMPLE = 5;

    private final CudaDevice device;
    private final GpuDecoder decoder;
    private final int values;
    private final double copyCeiling;

    public DecodeBenchmark(CudaDevice device, int values) {
        this.device = device;
        this.decoder = new GpuDecoder(device);
        this.values = values;
        // The ceiling is measured in the same run, not taken from a table: clocks and machines differ.
        this.copyCeiling = new DeviceBenchmark(device, step -> { }).copyBandwidth().stream()
                .mapToDouble(Measurement::value).max().orElse(Double.NaN);
    }

    public List<Measurement> run() {
        List<Measurement> results = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(2024);
        for (int width : new int[] {1, 4, 8, 12, 16, 24, 32}) {
            results.add(measure("frame of reference u32, width " + width, frameOfReference(random, 4, width)));
        }
        for (int width : new int[] {8, 32, 64}) {
            results.add(measure("frame of reference u64, width " + width, frameOfReference(random, 8, width)));
        }
        results.add(measure("delta u32, steps < 16", delta(random, 4, 4)));
        results.add(measure("delta u64, steps < 256", delta(random, 8, 8)));
        results.add(measure("dictionary u32, 256 entries", dictionary(random, 4, 256)));
        results.add(measure("dictionary u64, 4096 entries", dictionary(random, 8, 4096)));
        results.add(measure("run-length u32, runs of ~100", runLength(random, 4, 100)));
        return results;
    }

    private EncodedChunk frameOfReference(SplittableRandom random, int valueBytes, int width) {
        // At the full width only the type's smallest value as reference keeps every value at or above it; any other
        // reference makes about half the values patches, and the benchmark would time the patch path instead.
        long reference = width < 8 * valueBytes ? random.nextLong(1 << 20)
                : valueBytes == 4 ? Integer.MIN_VALUE : Long.MIN_VALUE;
        long mask = width == 64 ? -1L : (1L << width) - 1;
        long[] raw = new long[values];
        for (int i = 0; i < values; i++) {
            raw[i] = ChunkValues.normalize(reference + (random.nextLong() & mask), valueBytes);
        }
        return FrameOfReferenceEncoding.encode(new ChunkValues(raw, values, valueBytes, false), reference, width);
    }

    private EncodedChunk delta(SplittableRandom random, int valueBytes, int stepBits) {
        long[] raw = new long[values];
        long value = random.nextLong();
        for (int i = 0; i < values; i++) {
            value = ChunkValues.normalize(value + random.nextLong(1L << stepBits), valueBytes);
            raw[i] = value;
        }
        return DeltaEncoding.encode(new ChunkValues(raw, values, valueBytes, false));
    }

    private EncodedChunk dictionary(SplittableRandom random, int valueBytes, int entries) {
        long[] palette = random.longs(entries).map(v -> ChunkValues.normalize(v, valueBytes)).toArray();
        long[] raw = new long[values];
        for (int i = 0; i < values; i++) {
            raw[i] = palette[random.nextInt(entries)];
        }
        return DictionaryEncoding.encode(new ChunkValues(raw, values, valueBytes, false));
    }

    private EncodedChunk runLength(SplittableRandom random, int valueBytes, int meanRun) {
        long[] raw = new long[values];
        long value = random.nextLong();
        for (int i = 0; i < values; i++) {
            if (random.nextInt(meanRun) == 0) {
                value = random.nextLong();
            }
            raw[i] = ChunkValues.normalize(value, valueBytes);
        }
        return RunLengthEncoding.encode(new ChunkValues(raw, values, valueBytes, false));
    }

    private Measurement measure(String name, EncodedChunk chunk) {
        long outputBytes = (long) chunk.count() * chunk.valueBytes();
        try (DeviceBuffer encoded = decoder.upload(chunk);
                DeviceBuffer output = device.allocate(outputBytes);
                Stream stream = device.createStream();
                Event start = device.createEvent();
                Event end = device.createEvent()) {
            // Each sample times several decodes queued back to back: with one, the events would also count the
            // host's time to queue it, while the GPU idles.
            double[] seconds = new double[10];
            for (int run = -3; run < seconds.length; run++) {
                start.record(stream);
                for (int call = 0; call < CALLS_PER_SAMPLE; call++) {
                    decoder.decodeInto(chunk, encoded, output, stream);
                }
                end.record(stream);
                end.synchronize();
                if (run >= 0) {
                    seconds[run] = end.elapsedMillisSince(start) / 1e3 / CALLS_PER_SAMPLE;
                }
            }
            verifySample(chunk, output);
            Arrays.sort(seconds);
            return new Measurement("decode " + name + " (bytes written)", outputBytes / seconds[seconds.length / 2],
                    Measurement.Unit.BYTES_PER_SECOND, copyCeiling, true);
        }
    }

    /** The last 64 KiB of output against the CPU decoder: a wrong decoder's speed is no figure. */
    private static void verifySample(EncodedChunk chunk, DeviceBuffer output) {
        long outputBytes = (long) chunk.count() * chunk.valueBytes();
        long sample = Math.min(outputBytes, 64 << 10);
        MemorySegment expected = MemorySegment.ofArray(new byte[Math.toIntExact(outputBytes)]);
        ChunkDecoder.decode(chunk, expected);
        MemorySegment actual = MemorySegment.ofArray(new byte[Math.toIntExact(sample)]);
        output.slice(outputBytes - sample, sample).copyTo(actual);
        if (actual.mismatch(expected.asSlice(outputBytes - sample, sample)) != -1) {
            throw new IllegalStateException("GPU decode of " + chunk + " differs from the CPU decoder: no figure reported");
        }
    }

    public static void main(String[] arguments) {
        int values = arguments.length > 0 ? Integer.parseInt(arguments[0]) : DEFAULT_VALUES;
        CudaDevice device = Cuda.defaultDevice();
        System.out.println("decode benchmark on " + device + ", commit " + System.getProperty("forge.commit", "unknown")
                + ", " + values + " values per chunk");
        for (Measurement measurement : new DecodeBenchmark(device, values).run()) {
            System.out.printf("%-60s %12s  %s%n", measurement.name(), measurement.formattedValue(),
                    Double.isNaN(measurement.ceiling()) ? "" : String.format("%.2f of copy", measurement.ratio()));
        }
    }
}
