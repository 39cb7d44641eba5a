package dev.forge.bench.primitives;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * CUB's times for one run of {@code forge bench primitives}: cub_primitives.cu for reduce, scan, run-length and the
 * segmented family (its own inputs, which the benchmark repeats), cub_experiments.cu for sorts, histograms and
 * select/partition (the experiment suite's seeded data, whose checksum it prints so that a CUB time is only shown for
 * the very data Forge ran on). Only the harnesses the chosen families need are built, both at once, before Forge's
 * measurements, and each is run once with all its requests.
 */
final class CubPeers {
    private static final int RUN_TIMEOUT_SECONDS = 600;
    private static final Set<PrimitiveFamily> PRIMITIVES_HARNESS = Set.of(PrimitiveFamily.REDUCE, PrimitiveFamily.SCAN,
            PrimitiveFamily.RUN_LENGTH, PrimitiveFamily.SEGMENTED);

    private final Map<String, Double> medians;
    private final Map<String, Long> checksums;
    private final List<String> status;
    private final List<String> notes = new ArrayList<>();

    private CubPeers(Map<String, Double> medians, Map<String, Long> checksums, List<String> status) {
        this.medians = medians;
        this.checksums = checksums;
        this.status = status;
    }

    /** Nothing measured, for runs whose families have no CUB peer. */
    static CubPeers none(String why) {
        return new CubPeers(Map.of(), Map.of(), List.of(why));
    }

    /** The medians and checksums a harness printed ({@code output}), as if measured with {@code status}. */
    static CubPeers parsed(List<String> output, String status) {
        return new CubPeers(NvccPeer.medians(output, "cub"), dataChecksums(output), List.of(status));
    }

    /** Builds and runs the harnesses {@code families} need, for {@code sizes}, on a GPU of {@code architecture}. */
    static CubPeers measure(Set<PrimitiveFamily> families, List<Long> sizes, String architecture,
            Consumer<String> progress) throws InterruptedException {
        List<String> primitiveRequests = primitiveRequests(families, sizes);
        List<String> experimentRequests = experimentRequests(families, sizes);
        if (primitiveRequests.isEmpty() && experimentRequests.isEmpty()) {
            return none("no CUB peer for the families chosen");
        }
        progress.accept("building the CUB harnesses with nvcc (about a minute)");
        CompletableFuture<NvccPeer.Result> primitives = primitiveRequests.isEmpty() ? null
                : CompletableFuture.supplyAsync(() -> NvccPeer.build("cub_primitives.cu", architecture, List.of()));
        CompletableFuture<NvccPeer.Result> experiments = experimentRequests.isEmpty() ? null
                : CompletableFuture.supplyAsync(() -> NvccPeer.build("cub_experiments.cu", architecture, List.of()));
        Map<String, Double> medians = new HashMap<>();
        Map<String, Long> checksums = new HashMap<>();
        List<String> status = new ArrayList<>();
        if (primitives != null) {
            progress.accept("running cub_primitives");
            status.add(run("cub_primitives", primitives.join(), primitiveRequests, medians, checksums, architecture));
        }
        if (experiments != null) {
            progress.accept("running cub_experiments");
            status.add(run("cub_experiments", experiments.join(), experimentRequests, medians, checksums, architecture));
        }
        return new CubPeers(medians, checksums, status);
    }

    /** cub_primitives.cu's arguments: {@code --only=} its families, then the sizes; empty when none is chosen. */
    static List<String> primitiveRequests(Set<PrimitiveFamily> families, List<Long> sizes) {
        List<PrimitiveFamily> chosen = families.stream().filter(PRIMITIVES_HARNESS::contains).sorted().toList();
        if (chosen.isEmpty()) {
            return List.of();
        }
        List<String> arguments = new ArrayList<>();
        arguments.add("--only=" + chosen.stream().map(PrimitiveFamily::optionName).collect(Collectors.joining(",")));
        sizes.forEach(size -> arguments.add(Long.toString(size)));
        return arguments;
    }

    /** cub_experiments.cu's requests (PRIMITIVE:VARIANT:ELEMENTS) for the sorts, histograms and selects chosen. */
    static List<String> experimentRequests(Set<PrimitiveFamily> families, List<Long> sizes) {
        List<String> requests = new ArrayList<>();
        for (long size : sizes) {
            if (families.contains(PrimitiveFamily.SORT)) {
                for (SortBenchmark.Variant variant : SortBenchmark.Variant.values()) {
                    requests.add(variant.cubPrimitive() + ":" + variant.cubVariant() + ":" + size);
                }
            }
            if (families.contains(PrimitiveFamily.HISTOGRAM)) {
                for (HistogramBenchmark.Variant variant : HistogramBenchmark.variants()) {
                    requests.add("histogram_even:" + variant.cubVariant() + ":" + size);
                }
            }
            if (families.contains(PrimitiveFamily.SELECT)) {
                for (String primitive : SelectBenchmark.CUB_PRIMITIVES) {
                    requests.add(primitive + ":" + SelectBenchmark.PERCENT_KEPT + ":" + size);
                }
            }
        }
        return requests;
    }

    private static String run(String name, NvccPeer.Result built, List<String> arguments, Map<String, Double> medians,
            Map<String, Long> checksums, String architecture) throws InterruptedException {
        if (built.peer() == null) {
            return name + " absent: " + built.absentReason();
        }
        try {
            NvccPeer.Execution execution = built.peer().execute(arguments, RUN_TIMEOUT_SECONDS);
            medians.putAll(NvccPeer.medians(execution.lines(), "cub"));
            checksums.putAll(dataChecksums(execution.lines()));
            if (execution.exitCode() != 0) {
                List<String> lines = execution.lines();
                return name + " stopped (exit " + execution.exitCode() + ") after what it measured: "
                        + String.join(" / ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
            }
            return name + " measured in this run (nvcc, " + architecture + ")";
        } catch (IOException failure) {
            return name + " absent: " + failure.getMessage();
        }
    }

    /** The "cubdata PRIMITIVE VARIANT ELEMENTS CHECKSUM" lines, keyed as the medians are. */
    static Map<String, Long> dataChecksums(List<String> output) {
        Map<String, Long> checksums = new HashMap<>();
        for (String line : output) {
            String[] fields = line.strip().split(" ");
            if (fields.length == 5 && fields[0].equals("cubdata")) {
                checksums.put(NvccPeer.key(fields[1], fields[2], Long.parseLong(fields[3])),
                        Long.parseUnsignedLong(fields[4]));
            }
        }
        return checksums;
    }

    /**
     * CUB's median for {@code primitive variant size}, or NaN where it was not measured, or where the harness's input
     * checksum is not {@code forgeChecksum} (then a note says so: the time would be for other data).
     */
    double seconds(String primitive, String variant, long size, OptionalLong forgeChecksum) {
        String key = NvccPeer.key(primitive, variant, size);
        Double median = medians.get(key);
        if (median == null) {
            return Double.NaN;
        }
        Long cubChecksum = checksums.get(key);
        if (forgeChecksum.isPresent() && cubChecksum != null && cubChecksum != forgeChecksum.getAsLong()) {
            notes.add(String.format(Locale.ROOT, "CUB's %s input differs from Forge's (checksum %s against %s):"
                    + " its time is left out", key, Long.toUnsignedString(cubChecksum),
                    Long.toUnsignedString(forgeChecksum.getAsLong())));
            return Double.NaN;
        }
        return median;
    }

    double seconds(String primitive, String variant, long size) {
        return seconds(primitive, variant, size, OptionalLong.empty());
    }

    /** How each harness was measured, or why not. */
    String status() {
        return String.join("; ", status);
    }

    /** Data mismatches found while the families asked for CUB's times. */
    List<String> notes() {
        return notes;
    }
}
