package dev.forge.columnar.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.columnar.Layouts;
import dev.forge.columnar.encoding.ChunkDecoder;
import dev.forge.columnar.encoding.ChunkValues;
import dev.forge.columnar.encoding.DeltaEncoding;
import dev.forge.columnar.encoding.DictionaryEncoding;
import dev.forge.columnar.encoding.EncodedChunk;
import dev.forge.columnar.encoding.Encoding;
import dev.forge.columnar.encoding.FrameOfReferenceEncoding;
import dev.forge.columnar.encoding.PlainEncoding;
import dev.forge.columnar.encoding.RunLengthEncoding;
import dev.forge.cuda.Cuda;
import dev.forge.cuda.CudaDevice;
import dev.forge.cuda.DeviceBuffer;
import dev.forge.cuda.Stream;
import dev.forge.cuda.testing.RequiresGpu;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The GPU decoders against the CPU decoder, bit for bit, on seeded random data of every width and encoding. */
@RequiresGpu
class GpuDecoderTest {
    private static final byte POISON = (byte) 0xA5;
    private static final int GUARD_BYTES = 256;
    private static final int[] SIZES = {1, 31, 1023, 1024, 1025, 3 * 1024 + 7};

    private static CudaDevice device;
    private static GpuDecoder decoder;
    private static Stream stream;

    @BeforeAll
    static void openDevice() {
        device = Cuda.defaultDevice();
        decoder = new GpuDecoder(device);
        stream = device.createStream();
    }

    @AfterAll
    static void closeStream() {
        if (stream != null) {
            stream.close();
        }
    }

    @ParameterizedTest(name = "{0}-byte values")
    @ValueSource(ints = {4, 8})
    void frameOfReferenceAtEveryWidthWithPatches(int valueBytes) {
        SplittableRandom random = new SplittableRandom(1000 + valueBytes);
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
                assertGpuMatchesCpu(FrameOfReferenceEncoding.encode(chunkValues, reference, width), "width " + width);
            }
        }
    }

    @ParameterizedTest(name = "{0}-byte values")
    @ValueSource(ints = {4, 8})
    void deltaAtEveryWidth(int valueBytes) {
        SplittableRandom random = new SplittableRandom(2000 + valueBytes);
        for (int stepBits = 0; stepBits <= valueBytes * 8; stepBits++) {
            for (int size : SIZES) {
                long[] values = new long[size];
                long value = random.nextLong();
                for (int i = 0; i < size; i++) {
                    value = narrow(value + (random.nextLong() & lowBits(stepBits)), valueBytes);
                    values[i] = value;
                }
                EncodedChunk chunk = DeltaEncoding.encode(new ChunkValues(values, size, valueBytes, false));
                assertGpuMatchesCpu(chunk, "steps of " + stepBits + " bits");
            }
        }
    }

    @ParameterizedTest(name = "{0}-byte values")
    @ValueSource(ints = {4, 8})
    void dictionaryAtEveryCodeWidthUpTo12Bits(int valueBytes) {
        SplittableRandom random = new SplittableRandom(3000 + valueBytes);
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
                assertGpuMatchesCpu(chunk, "dictionary of " + chunk.entryCount());
            }
        }
    }

    @ParameterizedTest(name = "{0}-byte values")
    @ValueSource(ints = {4, 8})
    void runLengthAndPlain(int valueBytes) {
        SplittableRandom random = new SplittableRandom(4000 + valueBytes);
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
                assertGpuMatchesCpu(RunLengthEncoding.encode(chunkValues), "runs up to " + maxRun);
                assertGpuMatchesCpu(PlainEncoding.encode(chunkValues), "plain");
            }
        }
    }

    @Test
    void anEmptyChunkWritesNothing() {
        for (Encoding encoding : Encoding.values()) {
            ChunkValues none = new ChunkValues(new long[0], 0, 8, false);
            EncodedChunk chunk = dev.forge.columnar.encoding.ChunkEncoder.encode(none, 0, null,
                    java.util.Optional.of(encoding)).chunk();
            assertGpuMatchesCpu(chunk, "empty");
        }
    }

    /**
     * Decodes on both sides into poisoned memory and compares every output byte, then checks the bytes after the
     * output still hold the poison (a decoder that writes past its output fails here).
     */
    private static void assertGpuMatchesCpu(EncodedChunk chunk, String what) {
        int outputBytes = chunk.count() * chunk.valueBytes();
        MemorySegment expected = MemorySegment.ofArray(new byte[outputBytes + GUARD_BYTES]);
        expected.fill(POISON);
        ChunkDecoder.decode(chunk, expected);
        try (DeviceBuffer encoded = decoder.upload(chunk);
                DeviceBuffer output = device.allocate(outputBytes + GUARD_BYTES)) {
            output.fill(POISON);
            decoder.decodeInto(chunk, encoded, output, stream);
            stream.synchronize();
            MemorySegment actual = MemorySegment.ofArray(new byte[outputBytes + GUARD_BYTES]);
            output.copyTo(actual);
            byte[] actualBytes = actual.toArray(Layouts.BYTE);
            byte[] expectedBytes = expected.toArray(Layouts.BYTE);
            int mismatch = Arrays.mismatch(actualBytes, expectedBytes);
            assertThat(mismatch).as("%s (%s): first differing byte %d (value %d)", chunk, what, mismatch,
                    mismatch < 0 ? -1 : mismatch / chunk.valueBytes()).isEqualTo(-1);
        }
    }

    private static long narrow(long value, int valueBytes) {
        return valueBytes == 4 ? (int) value : value;
    }

    private static long lowBits(int bits) {
        return bits == 64 ? -1L : (1L << bits) - 1;
    }
}
