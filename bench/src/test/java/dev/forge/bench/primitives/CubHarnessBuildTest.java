package dev.forge.bench.primitives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The CUB harnesses of {@code forge bench primitives} must build wherever nvcc is: each is built here as the
 * benchmark builds it on the GPU machine ({@link NvccPeer#build}, for sm_90), both at once (about a minute of nvcc
 * on two busy cores); cub_experiments then runs without a GPU ({@code --checksums-only}) on every kind of request
 * the benchmark makes, which must print {@link CubInputsTest}'s checksums. Skipped without nvcc, or with FORGE_SKIP_NVCC=1 as the kernel build is.
 */
class CubHarnessBuildTest {
    @Test
    void bothHarnessesBuildWithThisMachinesNvcc() throws Exception {
        assumeTrue(!"1".equals(System.getenv("FORGE_SKIP_NVCC")), "FORGE_SKIP_NVCC=1");
        assumeTrue(nvccPresent(), "no nvcc on this machine (PATH, CUDA_HOME, /usr/local/cuda)");
        CompletableFuture<NvccPeer.Result> primitives = CompletableFuture.supplyAsync(
                () -> NvccPeer.build("cub_primitives.cu", "sm_90", List.of()));
        CompletableFuture<NvccPeer.Result> experiments = CompletableFuture.supplyAsync(
                () -> NvccPeer.build("cub_experiments.cu", "sm_90", List.of()));
        for (NvccPeer.Result built : List.of(primitives.join(), experiments.join())) {
            assertThat(built.peer()).as(built.absentReason()).isNotNull();
        }
        // every request the benchmark makes is understood, and prints its data's checksum before any CUDA call
        List<String> arguments = new ArrayList<>(List.of("--checksums-only"));
        arguments.addAll(CubInputsTest.HARNESS.keySet());
        NvccPeer.Execution run = experiments.join().peer().execute(arguments, 60);
        assertThat(run.exitCode()).as(String.join("\n", run.lines())).isZero();
        Map<String, Long> printed = new HashMap<>();
        CubPeers.dataChecksums(run.lines()).forEach((key, checksum) -> printed.put(key.replace(' ', ':'), checksum));
        assertThat(printed).isEqualTo(CubInputsTest.HARNESS);
    }

    private static boolean nvccPresent() {
        String home = System.getenv("CUDA_HOME");
        for (String folder : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!folder.isEmpty() && Files.isExecutable(Path.of(folder, "nvcc"))) {
                return true;
            }
        }
        return home != null && Files.isExecutable(Path.of(home, "bin", "nvcc"))
                || Files.isExecutable(Path.of("/usr/local/cuda/bin/nvcc"));
    }
}
