package dev.forge.bench.primitives;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CUB, timed in the same run as Forge: builds a CUB harness (cub_primitives.cu for `forge bench primitives`,
 * cub_experiments.cu for the experiment suite) with the nvcc of this machine for this GPU, runs it and reads its
 * output. Where there is no nvcc the peer is absent, and says why.
 */
public final class CubPeer {
    private static final Pattern QUOTED_INCLUDE =
            Pattern.compile("^\\s*#\\s*include\\s+\"([^\"]+)\"", Pattern.MULTILINE);

    private final Path binary;

    private CubPeer(Path binary) {
        this.binary = binary;
    }

    /** The primitives benchmark's harness, built for {@code architecture}, or the reason there is none. */
    static Result build(String architecture) {
        return build(CubPeer.class, "cub_primitives.cu", architecture);
    }

    /** Builds the harness {@code resource} (found next to {@code anchor} on the class path) for {@code architecture}. */
    public static Result build(Class<?> anchor, String resource, String architecture) {
        Optional<Path> nvcc = findNvcc();
        if (nvcc.isEmpty()) {
            return new Result(null, "no nvcc on this machine (PATH, CUDA_HOME, /usr/local/cuda): CUB not measured");
        }
        try {
            Path folder = Files.createTempDirectory("forge-cub");
            Path source = folder.resolve(resource);
            if (!copyResource(anchor, resource, source)) {
                return new Result(null, "the CUB harness " + resource + " is not on the class path");
            }
            // the headers it includes by quoted name sit next to it (cub_timing.cuh)
            Matcher include = QUOTED_INCLUDE.matcher(Files.readString(source));
            while (include.find()) {
                if (!copyResource(anchor, include.group(1), folder.resolve(include.group(1)))) {
                    return new Result(null, "the header " + include.group(1) + " of the CUB harness " + resource
                            + " is not on the class path");
                }
            }
            Path binary = folder.resolve(resource.replaceFirst("\\.cu$", ""));
            String output = run(List.of(nvcc.get().toString(), "-O3", "-std=c++17", "-arch=" + architecture,
                    "-o", binary.toString(), source.toString()), 300);
            if (!Files.isExecutable(binary)) {
                return new Result(null, "nvcc could not build the CUB harness: " + output.strip());
            }
            return new Result(new CubPeer(binary), "");
        } catch (IOException | InterruptedException failure) {
            return new Result(null, "the CUB harness could not be built: " + failure.getMessage());
        }
    }

    private static boolean copyResource(Class<?> anchor, String resource, Path target) throws IOException {
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                return false;
            }
            Files.write(target, in.readAllBytes());
            return true;
        }
    }

    /** A peer, or why it is absent. */
    public record Result(CubPeer peer, String absentReason) {
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

    /** Medians in seconds keyed by {@link #key}: "reduce_sum int32 268435456". */
    Map<String, Double> measure(List<Long> sizes) throws IOException, InterruptedException {
        Map<String, Double> medians = new HashMap<>();
        for (String line : outputLines(sizes.stream().map(String::valueOf).toList(), 600)) {
            String[] fields = line.split(" ");
            if (fields.length == 5 && fields[0].equals("cub")) {
                medians.put(key(fields[1], fields[2], Long.parseLong(fields[3])), Double.parseDouble(fields[4]));
            }
        }
        return medians;
    }

    /** Runs the built harness with {@code arguments} and returns its output (stdout and stderr) line by line. */
    public List<String> outputLines(List<String> arguments, int timeoutSeconds) throws IOException, InterruptedException {
        Execution execution = execute(arguments, timeoutSeconds);
        if (execution.exitCode() != 0) {
            throw new IOException(binary + " failed (exit " + execution.exitCode() + "): "
                    + String.join("\n", execution.lines()).strip());
        }
        return execution.lines();
    }

    /** What one run of the harness printed (stdout and stderr), and how it ended. */
    public record Execution(int exitCode, List<String> lines) {
    }

    /**
     * Runs the built harness with {@code arguments}, keeping what it printed also when it fails part way (the lines
     * before the failure are still measurements).
     */
    public Execution execute(List<String> arguments, int timeoutSeconds) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(binary.toString()));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(command.get(0) + " did not finish in " + timeoutSeconds + " s");
        }
        return new Execution(process.exitValue(), output.lines().toList());
    }

    static String key(String primitive, String type, long elements) {
        return primitive + " " + type + " " + elements;
    }

    private static String run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(command.get(0) + " did not finish in " + timeoutSeconds + " s");
        }
        if (process.exitValue() != 0) {
            throw new IOException(command.get(0) + " failed (exit " + process.exitValue() + "): " + output.strip());
        }
        return output;
    }
}
