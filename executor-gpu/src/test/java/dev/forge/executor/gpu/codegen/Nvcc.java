package dev.forge.executor.gpu.codegen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
        writeHeader(folder, header);
        return compileBesideHeader(nvcc, folder, name, source);
    }

    /**
     * Compiles every source of {@code sourcesByName} (the header written once beside them) on all cores, one nvcc per
     * core: each nvcc is single-threaded, and the corpus has a few hundred kernels. Returns each complaint by name.
     */
    static Map<String, String> compileAll(Path nvcc, Path folder, Map<String, String> sourcesByName, String header)
            throws IOException, InterruptedException {
        writeHeader(folder, header);
        Map<String, String> complaints = new ConcurrentSkipListMap<>();
        try (ExecutorService workers = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors())) {
            List<Future<?>> compiled = new ArrayList<>();
            sourcesByName.forEach((name, source) -> compiled.add(workers.submit(() -> {
                compileBesideHeader(nvcc, folder, name, source).ifPresent(text -> complaints.put(name, text));
                return null;
            })));
            for (Future<?> each : compiled) {
                each.get();
            }
        } catch (ExecutionException failed) {
            throw new IOException("running nvcc failed", failed.getCause());
        }
        return complaints;
    }

    private static void writeHeader(Path folder, String header) throws IOException {
        Files.writeString(folder.resolve(GeneratedKernel.HEADER), header, StandardCharsets.UTF_8);
    }

    private static Optional<String> compileBesideHeader(Path nvcc, Path folder, String name, String source)
            throws IOException, InterruptedException {
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
