package dev.forge.columnar.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.forge.columnar.Layouts;
import dev.forge.columnar.encoding.ChunkDecoder;
import dev.forge.cuda.testing.HostPrograms;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the CUDA sources of the decoders on the CPU (compiled by the host C++ compiler against
 * {@code src/test/emulation/cuda_on_cpu.h}) over the same cases as {@link GpuDecoderTest}, and compares with the CPU
 * decoder, built with AddressSanitizer and UndefinedBehaviorSanitizer so that reads past the chunk, misaligned vector
 * accesses and undefined shifts fail too. Each chunk goes through the kernel GpuDecoder picks for its width in two
 * launch shapes (one CTA whose warps loop over every block, 16-byte aligned; three CTAs with chunk and output off
 * alignment and half a dictionary staged) and through the fused structs' run-time-width and per-width paths. Since
 * each emulated thread runs until its next barrier, a missing {@code __syncwarp} between writing and reading a tile
 * shows here. It checks the kernels' logic where there is no GPU; {@link GpuDecoderTest} remains the real test.
 */
class KernelEmulationTest {
    @TempDir
    Path folder;

    @Test
    void kernelsDecodeLikeTheCpuDecoder() throws IOException, InterruptedException {
        assumeTrue(HostPrograms.onPath("g++"), "kernel emulation skipped: no g++ on the PATH");
        Path vectors = folder.resolve("vectors.bin");
        List<DecoderCases.Case> cases = DecoderCases.all();
        writeVectors(cases, vectors);
        Path program = folder.resolve("decode_on_cpu");
        HostPrograms.run(List.of("g++", "-std=c++20", "-O0", "-w", "-fsanitize=address,undefined",
                "-fno-sanitize-recover=all", "-Isrc/main/cuda", "-Isrc/test/emulation",
                "src/test/emulation/decode_on_cpu.cpp", "-o", program.toString()), "compiling the emulation", 120);
        String output = HostPrograms.run(List.of(program.toString(), vectors.toString()),
                "running the kernels on the CPU", 120);
        assertThat(output).contains("all " + cases.size() + " cases match");
    }

    private static void writeVectors(List<DecoderCases.Case> cases, Path path) throws IOException {
        try (OutputStream file = Files.newOutputStream(path); DataOutputStream out = new DataOutputStream(file)) {
            for (DecoderCases.Case decoderCase : cases) {
                byte[] description = decoderCase.description().getBytes(StandardCharsets.UTF_8);
                byte[] chunk = decoderCase.chunk().memory().toArray(Layouts.BYTE);
                MemorySegment expected = MemorySegment.ofArray(
                        new byte[decoderCase.chunk().count() * decoderCase.chunk().valueBytes()]);
                ChunkDecoder.decode(decoderCase.chunk(), expected);
                byte[] expectedBytes = expected.toArray(Layouts.BYTE);
                out.write(littleEndian(4).putInt(description.length).array());
                out.write(description);
                out.write(littleEndian(8).putLong(chunk.length).array());
                out.write(chunk);
                out.write(littleEndian(8).putLong(expectedBytes.length).array());
                out.write(expectedBytes);
            }
        }
    }

    private static ByteBuffer littleEndian(int bytes) {
        return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }
}
