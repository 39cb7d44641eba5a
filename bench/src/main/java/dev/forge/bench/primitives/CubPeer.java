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

/**
 * CUB, timed in the same run as Forge: builds cub_primitives.cu with the nvcc of this machine for this GPU, runs it
 * on the same sizes and reads its medians. Where there is no nvcc the peer is absent, and says why.
 */
final class CubPeer {
    private final Path binary;

    private CubPeer(Path binary) {
        this.binary = binary;
    }

    /** The built peer, or the reason there is none. */
    static Result build(String architecture) {
        Optional<Path> nvcc = findNvcc();
        if (nvcc.isEmpty()) {
            return new Result(null, "no nvcc on this machine (PATH, CUDA_HOME, /usr/local/cuda): CUB not measured");
        }
        try {
            Path folder = Files.createTempDirectory("forge-cub");
            Path source = folder.resolve("cub_primitives.cu");
            try (InputStream in = CubPeer.class.getResourceAsStream("cub_primitives.cu")) {
                Files.write(source, in.readAllBytes());
            }
            Path binary = folder.resolve("cub_primitives");
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

    /** A peer, or why it is absent. */
    record Result(CubPeer peer, String absentReason) {
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
        List<String> command = new ArrayList<>(List.of(binary.toString()));
        sizes.forEach(size -> command.add(Long.toString(size)));
        Map<String, Double> medians = new HashMap<>();
        for (String line : run(command, 600).lines().toList()) {
            String[] fields = line.split(" ");
            if (fields.length == 5 && fields[0].equals("cub")) {
                medians.put(key(fields[1], fields[2], Long.parseLong(fields[3])), Double.parseDouble(fields[4]));
            }
        }
        return medians;
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
