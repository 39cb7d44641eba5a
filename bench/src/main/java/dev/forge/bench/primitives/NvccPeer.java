package dev.forge.bench.primitives;

import dev.forge.cuda.blas.BlasHandle;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A peer library timed in the same run as Forge by a small CUDA C++ harness in this package's resources (CUB's
 * cub_primitives.cu for the primitives benchmark and cub_experiments.cu for the experiment suite, cuBLAS's
 * cublas_gemm.cu for both GEMM runs): built with the nvcc of this machine for this GPU, run on the same sizes, its
 * medians read from lines {@code "<peer> <operation> <type> <size> <median seconds>"}. Where there is no nvcc, or the
 * build fails, the peer is absent and says why.
 */
public final class NvccPeer {
    /** Included by every harness (error checks and event timing), copied beside it. */
    private static final String SHARED_HEADER = "peer_harness.cuh";
    /** How long the primitives and GEMM benchmarks let a harness run. */
    private static final int RUN_TIMEOUT_SECONDS = 600;

    private final Path binary;

    private NvccPeer(Path binary) {
        this.binary = binary;
    }

    /**
     * The built harness {@code resource}, linked with {@code libraries} (e.g. {@link #linkingForgesCublas}), or why
     * there is none.
     */
    public static Result build(String resource, String architecture, List<String> libraries) {
        String name = resource.replace(".cu", "");
        Optional<Path> nvcc = findNvcc();
        if (nvcc.isEmpty()) {
            return new Result(null, "no nvcc on this machine (PATH, CUDA_HOME, /usr/local/cuda): " + name
                    + " not measured");
        }
        try {
            Path folder = Files.createTempDirectory("forge-" + name);
            Path source = folder.resolve(resource);
            for (String file : new String[] {resource, SHARED_HEADER}) {
                try (InputStream in = NvccPeer.class.getResourceAsStream(file)) {
                    if (in == null) {
                        return new Result(null, file + " is not on the class path (next to NvccPeer.class): " + name
                                + " not measured");
                    }
                    Files.write(folder.resolve(file), in.readAllBytes());
                }
            }
            Path binary = folder.resolve(name);
            List<String> command = new ArrayList<>(List.of(nvcc.get().toString(), "-O3", "-std=c++17",
                    "-arch=" + architecture, "-o", binary.toString(), source.toString()));
            command.addAll(libraries);
            Execution built = runProcess(command, 300);
            if (built.exitCode() != 0 || !Files.isExecutable(binary)) {
                return new Result(null, "nvcc could not build " + resource + ": " + built.text());
            }
            return new Result(new NvccPeer(binary), "");
        } catch (IOException | InterruptedException failure) {
            return new Result(null, resource + " could not be built: " + failure.getMessage());
        }
    }

    /** A peer, or why it is absent. */
    public record Result(NvccPeer peer, String absentReason) {
    }

    /**
     * Link options that make the cuBLAS harness load the very libcublas Forge loaded (its folder as the link path and
     * the run path), so that both sides run the same library; the loader's choice where Forge's came from it.
     */
    public static List<String> linkingForgesCublas() {
        return BlasHandle.libraryLocation().filter(Path::isAbsolute).map(Path::getParent)
                .map(folder -> List.of("-L" + folder, "-Xlinker", "-rpath=" + folder, "-lcublas"))
                .orElse(List.of("-lcublas"));
    }

    private static Optional<Path> findNvcc() {
        List<Path> candidates = new ArrayList<>();
        for (String folder : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!folder.isEmpty()) {
                candidates.add(Path.of(folder, "nvcc"));
            }
        }
        String home = System.getenv("CUDA_HOME");
        if (home != null) {
            candidates.add(Path.of(home, "bin", "nvcc"));
        }
        candidates.add(Path.of("/usr/local/cuda/bin/nvcc"));
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    /** The harness's output for {@code arguments}, line by line; a harness that fails throws, with what it printed. */
    public List<String> run(List<String> arguments) throws IOException, InterruptedException {
        Execution execution = execute(arguments, RUN_TIMEOUT_SECONDS);
        if (execution.exitCode() != 0) {
            throw new IOException(binary + " failed (exit " + execution.exitCode() + "): " + execution.text());
        }
        return execution.lines();
    }

    /** What one run printed (stdout and stderr together), and how it ended. */
    public record Execution(int exitCode, List<String> lines) {
        String text() {
            return String.join("\n", lines).strip();
        }
    }

    /**
     * Runs the harness with {@code arguments}, keeping what it printed also when it fails part way: the lines before
     * the failure are still measurements (the experiment suite shows them).
     */
    public Execution execute(List<String> arguments, int timeoutSeconds) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(binary.toString()));
        command.addAll(arguments);
        return runProcess(command, timeoutSeconds);
    }

    /** Medians in seconds keyed by {@link #key}, from the lines of {@code output} that start with {@code peer}. */
    public static Map<String, Double> medians(List<String> output, String peer) {
        Map<String, Double> medians = new HashMap<>();
        for (String line : output) {
            String[] fields = line.strip().split(" ");
            if (fields.length == 5 && fields[0].equals(peer)) {
                medians.put(key(fields[1], fields[2], Long.parseLong(fields[3])), Double.parseDouble(fields[4]));
            }
        }
        return medians;
    }

    /** Medians of a harness run on {@code sizes}; see {@link #medians}. */
    Map<String, Double> measure(List<Long> sizes, String peer) throws IOException, InterruptedException {
        return medians(run(sizes.stream().map(String::valueOf).toList()), peer);
    }

    /** "reduce_sum int32 268435456". */
    public static String key(String operation, String type, long size) {
        return operation + " " + type + " " + size;
    }

    private static Execution runProcess(List<String> command, int timeoutSeconds)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(command.get(0) + " did not finish in " + timeoutSeconds + " s");
        }
        return new Execution(process.exitValue(), output.lines().toList());
    }
}
