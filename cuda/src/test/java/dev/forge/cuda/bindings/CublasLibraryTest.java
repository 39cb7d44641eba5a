package dev.forge.cuda.bindings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CublasLibraryTest {

    @Test
    void foldersComeFromTheEnvironmentThenTheDefaultToolkitThenInstalledToolkitsNewestFirst() {
        List<Path> folders = Cublas.searchFolders(Map.of("CUDA_HOME", "/opt/cuda-home", "CUDA_PATH", "/opt/cuda-path"),
                List.of(Path.of("/usr/local/cuda-13.0"), Path.of("/usr/local/cuda-12.9")));
        assertThat(folders).startsWith(Path.of("/opt/cuda-home/lib64"), Path.of("/opt/cuda-home/targets/x86_64-linux/lib"),
                Path.of("/opt/cuda-home/lib"), Path.of("/opt/cuda-path/lib64"));
        assertThat(folders).containsSubsequence(Path.of("/usr/local/cuda/lib64"),
                Path.of("/usr/local/cuda/targets/x86_64-linux/lib"), Path.of("/usr/local/cuda-13.0/lib64"),
                Path.of("/usr/local/cuda-12.9/targets/x86_64-linux/lib"));
        assertThat(folders).doesNotHaveDuplicates();
    }

    @Test
    void aHomeNamedTwiceIsSearchedOnce() {
        List<Path> folders = Cublas.searchFolders(Map.of("CUDA_HOME", "/usr/local/cuda", "CUDA_PATH", " "), List.of());
        assertThat(folders).containsExactly(Path.of("/usr/local/cuda/lib64"),
                Path.of("/usr/local/cuda/targets/x86_64-linux/lib"), Path.of("/usr/local/cuda/lib"));
    }

    @Test
    void candidatesAreTheOverrideThenEveryNameInEveryFolderThenBareNames() {
        List<String> candidates = Cublas.candidates("/my/libcublas.so", List.of(Path.of("/a"), Path.of("/b")));
        assertThat(candidates).containsExactly("/my/libcublas.so",
                "/a/libcublas.so.13", "/a/libcublas.so.12", "/a/libcublas.so",
                "/b/libcublas.so.13", "/b/libcublas.so.12", "/b/libcublas.so",
                "libcublas.so.13", "libcublas.so.12", "libcublas.so");
    }

    @Test
    void toolkitVersionsCompareAsNumbers(@TempDir Path local) throws IOException {
        for (String name : new String[] {"cuda-12.9", "cuda-12.10", "cuda-13.0", "cuda", "cudnn"}) {
            Files.createDirectory(local.resolve(name));
        }
        assertThat(Cublas.installedToolkits(local)).extracting(path -> path.getFileName().toString())
                .containsExactly("cuda-13.0", "cuda-12.10", "cuda-12.9");
        assertThat(Cublas.compareVersions("12.10", "12.9")).isPositive();
        assertThat(Cublas.compareVersions("13.0", "13.0")).isZero();
    }

    @Test
    void theAbsenceMessageSaysWhereItLookedAndWhatToDo() {
        String message = Cublas.describeAbsence("no cuBLAS found (tried libcublas.so.13)", null,
                List.of(Path.of("/usr/local/cuda/lib64"), Path.of("/usr/local/cuda/targets/x86_64-linux/lib")));
        assertThat(message).contains("no cuBLAS found", "libcublas.so.13, libcublas.so.12, libcublas.so",
                "FORGE_CUBLAS (unset)", "/usr/local/cuda/lib64", "/usr/local/cuda/targets/x86_64-linux/lib",
                "system loader path", "set FORGE_CUBLAS");
    }

    @Test
    void withoutTheLibraryEveryCallFailsWithTheReason() {
        assumeFalse(Cublas.library().isLoaded(), "cuBLAS is installed here; this checks the machine without it");
        assertThat(Cublas.unavailableReason()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("looked for libcublas.so.13", "/usr/local/cuda/lib64"));
        try (Arena arena = Arena.ofConfined()) {
            assertThatThrownBy(() -> Cublas.cublasCreate(arena.allocate(8)))
                    .isInstanceOf(UnsatisfiedLinkError.class)
                    .hasMessageContaining("cublasCreate_v2 is not available")
                    .hasMessageContaining("/usr/local/cuda/lib64");
        }
    }

    @Test
    void whereTheLibraryIsInstalledEveryBoundSymbolResolves() {
        assumeTrue(Cublas.library().isLoaded(), "cuBLAS is not installed here: " + Cublas.unavailableReason().orElse(""));
        for (String symbol : new String[] {"cublasCreate_v2", "cublasDestroy_v2", "cublasGetVersion_v2",
                "cublasSetStream_v2", "cublasSetWorkspace_v2", "cublasSetMathMode", "cublasGemmEx", "cublasSgemv_v2"}) {
            assertThat(Cublas.library().hasSymbol(symbol)).as(symbol).isTrue();
        }
        assertThat(Cublas.unavailableReason()).isEmpty();
    }
}
