package dev.forge.executor.gpu.codegen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** nvcc, where installed, compiling generated kernels the way NVRTC will on the GPU machine (sm_90, C++17). */
final class Nvcc {
    private Nvcc() {
    }

    static Optional<Path> find() {
        List<Path> candidates = new ArrayList<>();
        String cudaHome = System.getenv("CUDA_HOME");
        if (cudaHome != null) {
            candidates.add(Path.of(cudaHome, "bin", "nvcc"));
        }
        for (String folder : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!folder.isEmpty()) {
                candidates.add(Path.of(folder, "nvcc"));
            }
        }
        candidates.add(Path.of("/usr/local/cuda/bin/nvcc"));
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    /** Compiles {@code source} (with the pipeline header beside it); returns nvcc's complaint, or empty when it compiled. */
    static Optional<String> compile(Path nvcc, Path folder, String name, String source, String header)
            throws IOException, InterruptedException {
        Files.writeString(folder.resolve(GeneratedKernel.HEADER), header, StandardCharsets.UTF_8);
        Path file = folder.resolve(name + ".cu");
        Files.writeString(file, source, StandardCharsets.UTF_8);
        Process process = new ProcessBuilder(nvcc.toString(), "-cubin", "-std=c++17", "-arch=sm_90", "-Werror",
                "all-warnings", "-I" + folder, "-o", folder.resolve(name + ".cubin").toString(), file.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            return Optional.of("nvcc did not finish in 5 minutes");
        }
        return process.exitValue() == 0 ? Optional.empty() : Optional.of(output);
    }
}
