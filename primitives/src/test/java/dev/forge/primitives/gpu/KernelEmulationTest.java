package dev.forge.primitives.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.forge.cuda.testing.HostPrograms;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the kernels of select.cu, gather.cu and histogram.cu on the CPU (compiled by the host C++ compiler against
 * columnar's {@code cuda_on_cpu.h} and {@code src/test/emulation/primitives_on_cpu.h}, with AddressSanitizer and
 * UndefinedBehaviorSanitizer) against plain references. It checks the kernels' own logic where there is no GPU; CUB
 * and the decoupled look-back are stood in for, so {@link GpuSelectTest}, {@link GpuGatherTest} and
 * {@link GpuHistogramTest} remain the real tests.
 *
 * <p>The shapes that failed on the H100 (INT64 partition by a byte mask with half kept, FLOAT64 scatter and gather
 * by INT64) run at 2^18 + 3 elements, since every emulated block costs about 2 ms; {@code
 * -Dforge.emulation.failingShapeSize=16777216} runs them at the H100's 2^24 (2 minutes of CPU time).
 */
class KernelEmulationTest {
    private static final List<String> KERNELS = List.of("select.cu", "gather.cu", "histogram.cu");
    private static final long FAILING_SHAPE_SIZE = Long.getLong("forge.emulation.failingShapeSize", (1L << 18) + 3);

    @TempDir
    Path folder;

    @Test
    void selectGatherAndHistogramKernelsMatchTheirReferences() throws IOException, InterruptedException {
        assumeTrue(HostPrograms.onPath("g++"), "kernel emulation skipped: no g++ on the PATH");
        Path columnarEmulation = Path.of("../columnar/src/test/emulation");
        assumeTrue(Files.exists(columnarEmulation.resolve("cuda_on_cpu.h")), "kernel emulation skipped: no "
                + columnarEmulation.resolve("cuda_on_cpu.h") + " beside this module");
        for (String kernel : KERNELS) {
            // the emulation has no CUB, no real warps for the look-back, and no dynamic shared memory
            String source = Files.readString(Path.of("src/main/cuda", kernel))
                    .replaceAll("(?m)^#include <cub/.*$", "")
                    .replace("#include \"decoupled_look_back.cuh\"", "#include \"look_back_on_cpu.h\"")
                    .replace("extern __shared__ unsigned int sharedBins[];",
                            "unsigned int* sharedBins = cuda_on_cpu::histogram_shared;");
            Files.writeString(folder.resolve(kernel), source, StandardCharsets.UTF_8);
        }
        Path program = folder.resolve("primitives_on_cpu");
        long timeoutSeconds = FAILING_SHAPE_SIZE > 1 << 20 ? 900 : 300;
        HostPrograms.run(List.of("g++", "-std=c++20", "-O0", "-w", "-fsanitize=address,undefined",
                "-fno-sanitize-recover=all", "-I" + folder, "-Isrc/test/emulation", "-I" + columnarEmulation,
                "src/test/emulation/primitives_on_cpu.cpp", "-o", program.toString()), "compiling the emulation",
                timeoutSeconds);
        String output = HostPrograms.run(List.of(program.toString(), Long.toString(FAILING_SHAPE_SIZE)),
                "running the kernels on the CPU", timeoutSeconds);
        assertThat(output).contains("cases match").doesNotContain("differ");
    }
}
