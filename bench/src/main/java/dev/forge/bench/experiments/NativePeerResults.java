package dev.forge.bench.experiments;

import dev.forge.bench.primitives.NvccPeer;
import java.io.IOException;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * The native peers' figures for a whole suite run: each harness the run's experiments ask for (CUB's
 * cub_experiments.cu, cuBLAS's cublas_gemm.cu), built once with this machine's nvcc for its GPU and run once with
 * every request of the run before the experiments start (the same GPU, minutes apart, never at the same time as
 * Forge). A figure that comes with a checksum of the data the harness generated is shown only where it equals the
 * trial's.
 */
public record NativePeerResults(Map<NativePeer, Figures> figures) {
    private static final int TIMEOUT_SECONDS = 1800;

    public NativePeerResults {
        figures = new EnumMap<>(figures);
    }

    /**
     * One harness's answers: medians in seconds and input checksums keyed "operation variant size", and one line on
     * how they were measured, or why they were not.
     */
    public record Figures(String status, boolean available, Map<String, Double> seconds, Map<String, Long> checksums) {
        static Figures absent(String reason) {
            return new Figures(reason, false, Map.of(), Map.of());
        }
    }

    /** Every peer absent, for the same reason. */
    public static NativePeerResults absent(String reason) {
        Map<NativePeer, Figures> figures = new EnumMap<>(NativePeer.class);
        for (NativePeer peer : NativePeer.values()) {
            figures.put(peer, Figures.absent(reason));
        }
        return new NativePeerResults(figures);
    }

    /** Builds {@code peer}'s harness and runs it with {@code requests} (none: absent, saying so). */
    static Figures measure(NativePeer peer, GpuResources gpu, Collection<String> requests, Consumer<String> log) {
        if (requests.isEmpty()) {
            return Figures.absent("no experiment of this run has a " + peer.displayName() + " peer");
        }
        String architecture = gpu.device().info().architecture();
        log.accept("building the " + peer.displayName() + " harness (" + peer.harness() + ") with nvcc for "
                + architecture);
        long began = System.nanoTime();
        NvccPeer.Result built = NvccPeer.build(peer.harness(), architecture, peer.linkOptions());
        if (built.peer() == null) {
            return Figures.absent(built.absentReason());
        }
        double buildSeconds = (System.nanoTime() - began) / 1e9;
        log.accept(String.format(Locale.ROOT, "built in %.0f s; running %d %s measurements", buildSeconds,
                requests.size(), peer.displayName()));
        try {
            NvccPeer.Execution execution = built.peer().execute(peer.arguments(requests), TIMEOUT_SECONDS);
            Figures parsed = parse(peer, execution.lines(), architecture);
            if (execution.exitCode() != 0) {
                // what it measured before failing stands; the rest is absent, with the harness's last words
                String failure = execution.lines().stream().filter(line -> !line.startsWith(peer.linePrefix()))
                        .reduce((first, second) -> second).orElse("no message");
                return new Figures(parsed.status() + "; the harness then failed (exit " + execution.exitCode()
                        + "): " + failure, true, parsed.seconds(), parsed.checksums());
            }
            return parsed;
        } catch (IOException failed) {
            return Figures.absent("the " + peer.displayName() + " harness failed: " + failed.getMessage());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return Figures.absent("interrupted while " + peer.displayName() + " ran");
        }
    }

    /**
     * Reads a harness's output: "PREFIX OPERATION VARIANT SIZE SECONDS" medians, "PREFIXdata ... CHECKSUM" input
     * checksums and "PREFIX version V"; other lines (compiler or driver warnings) are ignored.
     */
    static Figures parse(NativePeer peer, List<String> lines, String architecture) {
        Map<String, Double> seconds = new HashMap<>();
        Map<String, Long> checksums = new HashMap<>();
        String version = "";
        for (String line : lines) {
            String[] fields = line.strip().split(" ");
            if (fields.length == 3 && fields[0].equals(peer.linePrefix()) && fields[1].equals("version")) {
                version = ", " + peer.displayName() + " " + fields[2];
            }
            if (fields.length != 5) {
                continue;
            }
            String key = fields[1] + " " + fields[2] + " " + fields[3];
            if (fields[0].equals(peer.linePrefix())) {
                seconds.put(key, Double.parseDouble(fields[4]));
            } else if (fields[0].equals(peer.linePrefix() + "data")) {
                checksums.put(key, Long.parseUnsignedLong(fields[4]));
            }
        }
        return new Figures("measured in this run before the experiments (nvcc, " + architecture + version
                + ", median of 20 CUDA-event timings of one call after 5 warm-ups)", true, seconds, checksums);
    }

    /** Each peer's status line, by its display name, in the order of {@link NativePeer}. */
    public Map<String, String> status() {
        Map<String, String> status = new LinkedHashMap<>();
        figures.forEach((peer, figure) -> status.put(peer.displayName(), figure.status()));
        return status;
    }

    /** The native peer's result for one trial: its median, or why there is none. */
    PeerResult peerFor(NativeCase nativeCase, long size, OptionalLong trialChecksum) {
        String name = nativeCase.peer().displayName();
        return switch (nativeCase) {
            case NativeCase.Absent absent -> PeerResult.absent(name, absent.reason());
            case NativeCase.Measured measured -> {
                Figures figure = figures.get(measured.peer());
                if (figure == null || !figure.available()) {
                    yield PeerResult.absent(name, figure == null ? "not measured in this run" : figure.status());
                }
                String key = measured.key(size);
                Double median = figure.seconds().get(key);
                if (median == null) {
                    yield PeerResult.absent(name, "the " + name + " harness gave no figure for " + key);
                }
                if (trialChecksum.isEmpty()) {
                    yield new PeerResult(name, median, null, sameValuesNote(measured.peer()));
                }
                Long checksum = figure.checksums().get(key);
                if (checksum == null || checksum != trialChecksum.getAsLong()) {
                    yield PeerResult.absent(name, name + "'s input checksum " + (checksum == null ? "is missing"
                            : Long.toUnsignedString(checksum)) + " differs from the trial's "
                            + Long.toUnsignedString(trialChecksum.getAsLong())
                            + ": it measured other data, so its time is not shown");
                }
                yield new PeerResult(name, median, null, "same data (input checksum matches)");
            }
        };
    }

    /** Why a figure without a checksum is still for the trial's data. */
    private static String sameValuesNote(NativePeer peer) {
        return switch (peer) {
            case CUB -> "data from the same formulas (the trial has no checksum to compare)";
            case CUBLAS -> "the same cuBLAS call on the same values (cublas_gemm.cu's generator, repeated in Java)";
        };
    }
}
