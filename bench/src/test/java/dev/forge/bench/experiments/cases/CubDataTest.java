package dev.forge.bench.experiments.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.forge.bench.experiments.Experiment;
import dev.forge.bench.experiments.SharedData;
import dev.forge.bench.experiments.Trial;
import dev.forge.bench.experiments.TrialContext;
import dev.forge.bench.primitives.NvccPeer;
import dev.forge.primitives.cpu.CpuWorkers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The CUB harness must time the very data the trials generate: its input checksums must equal the trials'. The
 * pinned figures were printed by {@code cub_experiments --checksums-only} (nvcc 13.0, this commit); the second test
 * builds the harness and compares live where nvcc is present and FORGE_BENCH_BUILD_CUB=1 (about a minute of
 * nvcc).
 */
class CubDataTest {
    /** "primitive:variant:1000" -> the harness's checksum for 1000 elements. */
    private static final Map<String, Long> HARNESS = Map.of(
            "reduce_sum:int32:1000", 2190433307528L,
            "sort_keys:f32:1000", 2248423667162L,
            "select_flagged:10:1000", 2219101682320L,
            "select_if_less:float64_10:1000", 6881167312170319372L,
            "histogram_even:256:1000", 524764993L,
            "sort_pairs:u32:1000", 2159203380669L);

    /** The trial behind each request kind: experiment and variant. */
    private static final Map<String, Object[]> TRIALS = new LinkedHashMap<>();

    static {
        TRIALS.put("reduce_sum:int32:1000", new Object[] {new ReduceExperiment(), "int32"});
        TRIALS.put("sort_keys:f32:1000", new Object[] {new RadixSortExperiment(), "f32"});
        TRIALS.put("select_flagged:10:1000", new Object[] {new CompactExperiment(), "10%"});
        TRIALS.put("select_if_less:float64_10:1000", new Object[] {new FilterExperiment(), "float64 10%"});
        TRIALS.put("histogram_even:256:1000", new Object[] {new HistogramExperiment(), "256 bins"});
        TRIALS.put("sort_pairs:u32:1000", new Object[] {new RadixSortExperiment(), "pairs"});
        TRIALS.put("scan_inclusive_sum:float64:1000", new Object[] {new ScanExperiment(), "float64"});
        TRIALS.put("sort_keys:u64:1000", new Object[] {new RadixSortExperiment(), "u64"});
        TRIALS.put("select_if_less:int64_90:1000", new Object[] {new FilterExperiment(), "int64 90%"});
        TRIALS.put("histogram_even:65536:1000", new Object[] {new HistogramExperiment(), "65536 bins"});
    }

    private static long trialChecksum(Experiment experiment, String variant, long size) {
        try (SharedData shared = new SharedData();
                Trial trial = experiment.prepare(variant, size,
                        new TrialContext(CpuWorkers.allCores(), null, "no GPU: test", shared))) {
            return trial.inputChecksum().orElseThrow();
        }
    }

    @Test
    void theTrialsGenerateWhatTheHarnessPrinted() {
        HARNESS.forEach((request, checksum) -> {
            Object[] trial = TRIALS.get(request);
            assertThat(trialChecksum((Experiment) trial[0], (String) trial[1], 1000)).as(request).isEqualTo(checksum);
        });
    }

    @Test
    void theHarnessBuiltHereGeneratesWhatTheTrialsDo() throws Exception {
        assumeTrue("1".equals(System.getenv("FORGE_BENCH_BUILD_CUB")),
                "set FORGE_BENCH_BUILD_CUB=1 to build the harness with nvcc (about a minute)");
        NvccPeer.Result built = NvccPeer.build("cub_experiments.cu", "sm_90", List.of());
        assumeTrue(built.peer() != null, built.absentReason());
        List<String> arguments = new ArrayList<>(List.of("--checksums-only"));
        arguments.addAll(TRIALS.keySet());
        Map<String, Long> printed = new LinkedHashMap<>();
        for (String line : built.peer().run(arguments)) {
            String[] fields = line.split(" ");
            if (fields[0].equals("cubdata")) {
                printed.put(fields[1] + ":" + fields[2] + ":" + fields[3], Long.parseUnsignedLong(fields[4]));
            }
        }
        assertThat(printed.keySet()).containsExactlyInAnyOrderElementsOf(TRIALS.keySet());
        TRIALS.forEach((request, trial) -> assertThat(
                trialChecksum((Experiment) trial[0], (String) trial[1], 1000)).as(request).isEqualTo(printed.get(request)));
    }
}
