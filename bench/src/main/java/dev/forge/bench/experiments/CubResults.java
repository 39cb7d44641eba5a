package dev.forge.bench.experiments;

import dev.forge.bench.primitives.NvccPeer;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * CUB's figures for a whole suite run: cub_experiments.cu, built once with this machine's nvcc for its GPU, run once
 * with every request of the run before the experiments start (the same GPU, minutes apart, never at the same time as
 * Forge), each answer a median of CUDA-event timings over data it generated with {@link SeededData}'s formulas, and
 * the checksum of that data, which must equal the trial's for the figure to be shown.
 *
 * @param status one line: how CUB was measured, or why it was not
 */
public record CubResults(String status, boolean available, Map<String, Double> seconds, Map<String, Long> checksums) {
    static final String NAME = "CUB";
    private static final int TIMEOUT_SECONDS = 1800;

    public static CubResults absent(String reason) {
        return new CubResults(reason, false, Map.of(), Map.of());
    }

    public static CubResults measure(GpuResources gpu, List<String> requests, Consumer<String> log) {
        if (requests.isEmpty()) {
            return absent("no experiment of this run has a CUB peer");
        }
        String architecture = gpu.device().info().architecture();
        log.accept("building the CUB harness with nvcc for " + architecture);
        long began = System.nanoTime();
        NvccPeer.Result built = NvccPeer.build("cub_experiments.cu", architecture, List.of());
        if (built.peer() == null) {
            return absent(built.absentReason());
        }
        double buildSeconds = (System.nanoTime() - began) / 1e9;
        log.accept(String.format(Locale.ROOT, "built in %.0f s; running %d CUB measurements", buildSeconds,
                requests.size()));
        try {
            NvccPeer.Execution execution = built.peer().execute(requests, TIMEOUT_SECONDS);
            CubResults parsed = parse(execution.lines(), architecture);
            if (execution.exitCode() != 0) {
                // what it measured before failing stands; the rest is absent, with the harness's last words
                String failure = execution.lines().stream().filter(line -> !line.startsWith("cub"))
                        .reduce((first, second) -> second).orElse("no message");
                return new CubResults(parsed.status() + "; the harness then failed (exit " + execution.exitCode()
                        + "): " + failure, true, parsed.seconds(), parsed.checksums());
            }
            return parsed;
        } catch (IOException failed) {
            return absent("the CUB harness failed: " + failed.getMessage());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return absent("interrupted while CUB ran");
        }
    }

    static CubResults parse(List<String> lines, String architecture) {
        Map<String, Double> seconds = new HashMap<>();
        Map<String, Long> checksums = new HashMap<>();
        for (String line : lines) {
            String[] fields = line.strip().split(" ");
            if (fields.length != 5) {
                continue;
            }
            String key = fields[1] + " " + fields[2] + " " + fields[3];
            switch (fields[0]) {
                case "cub" -> seconds.put(key, Double.parseDouble(fields[4]));
                case "cubdata" -> checksums.put(key, Long.parseUnsignedLong(fields[4]));
                default -> {
                }
            }
        }
        return new CubResults("measured in this run before the experiments (nvcc, " + architecture
                + ", median of 20 CUDA-event timings after 5 warm-ups)", true, seconds, checksums);
    }

    /** CUB's result for one trial: its median, or why there is none. */
    PeerResult peerFor(CubCase cubCase, long size, OptionalLong trialChecksum) {
        return switch (cubCase) {
            case CubCase.Absent absent -> PeerResult.absent(NAME, absent.reason());
            case CubCase.Measured measured -> {
                if (!available) {
                    yield PeerResult.absent(NAME, status);
                }
                String key = measured.key(size);
                Double median = seconds.get(key);
                Long checksum = checksums.get(key);
                if (median == null) {
                    yield PeerResult.absent(NAME, "the CUB harness gave no figure for " + key);
                }
                if (trialChecksum.isPresent() && (checksum == null || checksum != trialChecksum.getAsLong())) {
                    yield PeerResult.absent(NAME, "CUB's input checksum " + (checksum == null ? "is missing"
                            : Long.toUnsignedString(checksum)) + " differs from the trial's "
                            + Long.toUnsignedString(trialChecksum.getAsLong())
                            + ": it measured other data, so its time is not shown");
                }
                yield new PeerResult(NAME, median, null, "same data (input checksum matches)");
            }
        };
    }
}
