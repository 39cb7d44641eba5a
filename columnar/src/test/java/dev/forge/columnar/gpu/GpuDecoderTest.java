package dev.forge.columnar.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.columnar.Column;
import dev.forge.columnar.Layouts;
import dev.forge.columnar.NullPattern;
import dev.forge.columnar.PhysicalType;
import dev.forge.columnar.Table;
import dev.forge.columnar.TestTables;
import dev.forge.columnar.encoding.ChunkDecoder;
import dev.forge.columnar.encoding.EncodedChunk;
import dev.forge.columnar.file.ForgeFile;
import dev.forge.columnar.file.ForgeFileWriter;
import dev.forge.cuda.Cuda;
import dev.forge.cuda.CudaDevice;
import dev.forge.cuda.DeviceBuffer;
import dev.forge.cuda.Stream;
import dev.forge.cuda.testing.RequiresGpu;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The GPU decoders against the CPU decoder, bit for bit, on seeded random data of every width and encoding. */
@RequiresGpu
class GpuDecoderTest {
    private static final byte POISON = (byte) 0xA5;
    private static final int GUARD_BYTES = 256;

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
        assertAllMatch(DecoderCases.frameOfReference(valueBytes));
    }

    @ParameterizedTest(name = "{0}-byte values")
    @ValueSource(ints = {4, 8})
    void deltaAtEveryWidth(int valueBytes) {
        assertAllMatch(DecoderCases.delta(valueBytes));
    }

    @ParameterizedTest(name = "{0}-byte values")
    @ValueSource(ints = {4, 8})
    void dictionaryAtEveryCodeWidthUpTo12Bits(int valueBytes) {
        assertAllMatch(DecoderCases.dictionary(valueBytes));
    }

    @ParameterizedTest(name = "{0}-byte values")
    @ValueSource(ints = {4, 8})
    void runLengthAndPlain(int valueBytes) {
        assertAllMatch(DecoderCases.runLengthAndPlain(valueBytes));
    }

    @Test
    void anEmptyChunkWritesNothing() {
        assertAllMatch(DecoderCases.empty());
    }

    /** One value past 16-byte alignment the kernels store value by value: the same bytes, nothing outside. */
    @Test
    void everyCaseDecodesIntoAnOutputOneValuePastAlignment() {
        for (DecoderCases.Case decoderCase : DecoderCases.all()) {
            assertGpuMatchesCpu(decoderCase.chunk(), decoderCase.description(), decoderCase.chunk().valueBytes());
        }
    }

    /**
     * Chunks of more blocks than the GPU holds warps, so each warp (or CTA) decodes several, with the launch shapes
     * of real sizes: a 64K-entry dictionary staged in part, run-length tiles that take several windows of runs.
     */
    @Test
    void largeChunksDecodeWithWarpsLoopingOverTheirBlocks() {
        for (DecoderCases.Case decoderCase : DecoderCases.large()) {
            assertGpuMatchesCpu(decoderCase.chunk(), decoderCase.description(), 0);
        }
    }

    /** Chunks used where they lie in a mapped file decode on the GPU to what the file reader decodes. */
    @Test
    void chunksOfAMappedFileDecodeLikeTheFileReader(@TempDir Path folder) throws IOException {
        Path path = folder.resolve("gpu.forge");
        try (Table table = TestTables.everyKind(5000, NullPattern.RANDOM, 21)) {
            ForgeFileWriter.withDefaults().rowGroupRows(2048).write(table, path);
        }
        int checked = 0;
        try (ForgeFile file = ForgeFile.open(path)) {
            for (int column = 0; column < file.schema().size(); column++) {
                PhysicalType physical = file.schema().field(column).type().physicalType();
                if (!physical.isEncodableWord()) {
                    continue;
                }
                try (Column read = file.readColumn(column)) {
                    long first = 0;
                    for (int group = 0; group < file.rowGroupCount(); group++) {
                        EncodedChunk chunk = file.encodedChunk(group, column);
                        long bytes = (long) chunk.count() * chunk.valueBytes();
                        try (DeviceBuffer encoded = decoder.upload(chunk);
                                DeviceBuffer output = decoder.decode(chunk, encoded, stream)) {
                            stream.synchronize();
                            MemorySegment actual = MemorySegment.ofArray(new byte[(int) bytes]);
                            output.copyTo(actual);
                            byte[] expected = read.view().values().asSlice(first * chunk.valueBytes(), bytes).toArray(Layouts.BYTE);
                            assertThat(actual.toArray(Layouts.BYTE)).as("column %d, row group %d", column, group)
                                    .isEqualTo(expected);
                        }
                        first += chunk.count();
                        checked++;
                    }
                }
            }
        }
        assertThat(checked).isEqualTo(7 * 3); // 7 word columns, 3 row groups
    }

    private static void assertAllMatch(List<DecoderCases.Case> cases) {
        for (DecoderCases.Case decoderCase : cases) {
            assertGpuMatchesCpu(decoderCase.chunk(), decoderCase.description(), 0);
        }
    }

    /**
     * Decodes on both sides into poisoned memory, the GPU's {@code offset} bytes into its buffer, and compares every
     * output byte; the bytes before and after the output must still hold the poison (a decoder that writes outside
     * its output fails here).
     */
    private static void assertGpuMatchesCpu(EncodedChunk chunk, String what, int offset) {
        int outputBytes = chunk.count() * chunk.valueBytes();
        MemorySegment expected = MemorySegment.ofArray(new byte[offset + outputBytes + GUARD_BYTES]);
        expected.fill(POISON);
        ChunkDecoder.decode(chunk, expected.asSlice(offset));
        try (DeviceBuffer encoded = decoder.upload(chunk);
                DeviceBuffer output = device.allocate(offset + outputBytes + GUARD_BYTES)) {
            output.fill(POISON);
            decoder.decodeInto(chunk, encoded, output.slice(offset, outputBytes), stream);
            stream.synchronize();
            MemorySegment actual = MemorySegment.ofArray(new byte[offset + outputBytes + GUARD_BYTES]);
            output.copyTo(actual);
            long mismatch = actual.mismatch(expected);
            assertThat(mismatch).as("%s (%s) into an output %d bytes into its buffer: first differing byte %d (value %d)",
                    chunk, what, offset, mismatch, mismatch < 0 ? -1 : (mismatch - offset) / chunk.valueBytes())
                    .isEqualTo(-1);
        }
    }
}
