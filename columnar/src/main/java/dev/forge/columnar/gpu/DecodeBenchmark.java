package dev.forge.columnar.gpu;

import dev.forge.columnar.Layouts;
import dev.forge.columnar.encoding.ChunkDecoder;
import dev.forge.columnar.encoding.EncodedChunk;
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
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Throughput of the GPU decoders on columns far larger than L2 (2^28 values by default), against the device's copy
 * ceiling (read + write bytes per second of a device-to-device copy, measured at the start of the same run). Each
 * result gives the decoded bytes written per second over that ceiling, the figure the issue states its targets in,
 * and the bytes moved (encoded bytes read plus decoded bytes written) over it, which says how close the decoder is
 * to memory speed: decoded bytes alone can reach the ceiling only when the input is much smaller than the output.
 *
 * <p>Per column: CUDA events around {@value #CALLS_PER_SAMPLE} decodes queued back to back, {@value #SAMPLES}
 * samples after {@value #WARM_UPS} warm-ups, the median reported; the whole output, poisoned first, is then checked
 * byte for byte against the CPU decoder, and a column that differs reports no figure.
 *
 * <p>{@code java -cp ... dev.forge.columnar.gpu.DecodeBenchmark [values [name-filter]]} prints the device, the commit
 * (system property {@code forge.commit}), a line per column as it is measured and a table at the end.
 */
public final class DecodeBenchmark {
    public static final int DEFAULT_VALUES = 1 << 28;
    private static final int WARM_UPS = 3;
    private static final int SAMPLES = 10;
    private static final int CALLS_PER_SAMPLE = 5;
    private static final byte POISON = (byte) 0xA5;

    /**
     * One column's result.
     *
     * @param encodedBytes the encoded chunks' sizes (every section is read at least once)
     * @param seconds the median time of one decode of the whole column
     * @param copyCeiling read + write bytes per second of a device copy in the same run
     */
    public record Result(String name, long decodedBytes, long encodedBytes, double seconds, double copyCeiling) {
        public double decodedBytesPerSecond() {
            return decodedBytes / seconds;
        }

        /** Decoded bytes per second over the copy ceiling: the figure. */
        public double decodedOfCopy() {
            return decodedBytesPerSecond() / copyCeiling;
        }

        /** Encoded plus decoded bytes per second over the copy ceiling: how near memory speed the decode runs. */
        public double movedOfCopy() {
            return (decodedBytes + encodedBytes) / seconds / copyCeiling;
        }

        public Measurement measurement() {
            return new Measurement("decode " + name + " (bytes written)", decodedBytesPerSecond(),
                    Measurement.Unit.BYTES_PER_SECOND, copyCeiling, true);
        }
    }

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

    public double copyCeiling() {
        return copyCeiling;
    }

    /** Every column. */
    public List<Result> run() {
        return run(name -> true, result -> { });
    }

    /** The columns whose names {@code include} accepts, each reported to {@code progress} once measured. */
    public List<Result> run(Predicate<String> include, Consumer<Result> progress) {
        List<Result> results = new ArrayList<>();
        for (DecodeBenchmarkInputs.Input input : DecodeBenchmarkInputs.all()) {
            if (include.test(input.name())) {
                Result result = measure(input.name(), input.chunks(values));
                progress.accept(result);
                results.add(result);
            }
        }
        return results;
    }

    private Result measure(String name, List<EncodedChunk> chunks) {
        long decodedBytes = 0;
        long encodedBytes = 0;
        for (EncodedChunk chunk : chunks) {
            decodedBytes += (long) chunk.count() * chunk.valueBytes();
            encodedBytes += chunk.memory().byteSize();
        }
        List<DeviceBuffer> encoded = new ArrayList<>();
        try (DeviceBuffer output = device.allocate(decodedBytes);
                Stream stream = device.createStream();
                Event start = device.createEvent();
                Event end = device.createEvent()) {
            for (EncodedChunk chunk : chunks) {
                encoded.add(decoder.upload(chunk));
            }
            output.fill(POISON);
            Runnable decodeColumn = () -> {
                long offset = 0;
                for (int i = 0; i < chunks.size(); i++) {
                    EncodedChunk chunk = chunks.get(i);
                    long bytes = (long) chunk.count() * chunk.valueBytes();
                    decoder.decodeInto(chunk, encoded.get(i), output.slice(offset, bytes), stream);
                    offset += bytes;
                }
            };
            // Several decodes per sample: with one, the events would also count the host's time to queue it.
            double[] seconds = new double[SAMPLES];
            for (int sample = -WARM_UPS; sample < SAMPLES; sample++) {
                start.record(stream);
                for (int call = 0; call < CALLS_PER_SAMPLE; call++) {
                    decodeColumn.run();
                }
                end.record(stream);
                end.synchronize();
                if (sample >= 0) {
                    seconds[sample] = end.elapsedMillisSince(start) / 1e3 / CALLS_PER_SAMPLE;
                }
            }
            verify(name, chunks, output);
            Arrays.sort(seconds);
            return new Result(name, decodedBytes, encodedBytes, seconds[SAMPLES / 2], copyCeiling);
        } finally {
            encoded.forEach(DeviceBuffer::close);
        }
    }

    /** The whole output against the CPU decoder: a wrong decoder's speed is no figure. */
    private static void verify(String name, List<EncodedChunk> chunks, DeviceBuffer output) {
        long offset = 0;
        for (EncodedChunk chunk : chunks) {
            int bytes = Math.toIntExact((long) chunk.count() * chunk.valueBytes());
            MemorySegment expected = MemorySegment.ofArray(new byte[bytes]);
            ChunkDecoder.decode(chunk, expected);
            MemorySegment actual = MemorySegment.ofArray(new byte[bytes]);
            output.slice(offset, bytes).copyTo(actual);
            long mismatch = actual.mismatch(expected);
            if (mismatch != -1) {
                throw new IllegalStateException("GPU decode of " + name + " (" + chunk + ") differs from the CPU decoder"
                        + " at value " + mismatch / chunk.valueBytes() + ": GPU " + hex(actual, mismatch, chunk)
                        + ", CPU " + hex(expected, mismatch, chunk) + "; no figure reported");
            }
            offset += bytes;
        }
    }

    private static String hex(MemorySegment values, long byteOffset, EncodedChunk chunk) {
        long index = byteOffset / chunk.valueBytes();
        return chunk.valueBytes() == 4 ? Integer.toHexString(values.getAtIndex(Layouts.INT, index))
                : Long.toHexString(values.getAtIndex(Layouts.LONG, index));
    }

    public static void main(String[] arguments) {
        int values = arguments.length > 0 ? Integer.parseInt(arguments[0]) : DEFAULT_VALUES;
        String filter = arguments.length > 1 ? arguments[1] : "";
        CudaDevice device = Cuda.defaultDevice();
        long started = System.nanoTime();
        DecodeBenchmark benchmark = new DecodeBenchmark(device, values);
        System.out.printf("decode benchmark on %s, commit %s, %d values per column, copy ceiling %.2f TB/s (read+write)%n",
                device, System.getProperty("forge.commit", "unknown"), values, benchmark.copyCeiling() / 1e12);
        List<Result> results = benchmark.run(name -> name.contains(filter),
                result -> System.out.printf("  measured %s: %.2f of copy (decoded), %.2f (moved), %.0f s so far%n",
                        result.name(), result.decodedOfCopy(), result.movedOfCopy(),
                        (System.nanoTime() - started) / 1e9));
        System.out.printf("%-44s %12s %10s %10s%n", "column", "decoded", "of copy", "moved");
        for (Result result : results) {
            System.out.printf("%-44s %12s %10.2f %10.2f%n", result.name(), result.measurement().formattedValue(),
                    result.decodedOfCopy(), result.movedOfCopy());
        }
        System.out.printf("(\"of copy\": decoded bytes per second over the copy ceiling; \"moved\": encoded + decoded"
                + " bytes per second over it; %.0f s in all)%n", (System.nanoTime() - started) / 1e9);
    }
}
