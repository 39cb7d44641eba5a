package dev.forge.bench.experiments.report;

import dev.forge.bench.experiments.Ceilings;
import dev.forge.bench.experiments.ExperimentOutcome;
import dev.forge.bench.experiments.MachineDescription;
import dev.forge.bench.experiments.PeerResult;
import dev.forge.bench.experiments.Profile;
import dev.forge.bench.experiments.RunSettings;
import dev.forge.bench.experiments.Statistics;
import dev.forge.bench.experiments.SuiteReport;
import dev.forge.bench.experiments.TrialResult;
import dev.forge.bench.experiments.TrialShape;
import dev.forge.cuda.bench.Measurement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A suite run as an H100 might report it, made up for the report tests: GPU trials whose speed-up crosses 1x between
 * sizes, one that wins throughout, one whose result failed validation, a SQL trial timed on the host, an experiment
 * without a GPU contender, a matrix product against cuBLAS with a size the CPU twin skips, and one that is not built
 * yet.
 */
final class SyntheticReports {
    private SyntheticReports() {
    }

    static Statistics around(double seconds) {
        return Statistics.of(new double[] {seconds * 0.99, seconds, seconds * 1.01});
    }

    static TrialResult gpuTrial(String experiment, String variant, long size, double cpuSeconds, double gpuSeconds,
            double transferSeconds) {
        return new TrialResult(experiment, variant, size, new TrialShape(size, 8 * size, 8 * size, 16), 0.01,
                "CPU twin, 16 threads", around(cpuSeconds), null, "Forge GPU", null, around(gpuSeconds),
                around(gpuSeconds + transferSeconds), around(transferSeconds),
                List.of(new PeerResult("CUB", gpuSeconds * 0.95, null, "same data (input checksum matches)")),
                "sum exact", null);
    }

    static SuiteReport h100() {
        List<TrialResult> reduce = new ArrayList<>();
        for (long size : new long[] {1_000_000, 10_000_000, 100_000_000}) {
            // CPU ~ 0.05 ns / element + 20 us, GPU ~ 0.0003 ns / element + 8 us, PCIe ~ 0.15 ns / element
            reduce.add(gpuTrial("reduce", "int64", size, 20e-6 + 0.05e-9 * size, 8e-6 + 0.3e-12 * size,
                    0.15e-9 * size));
            reduce.add(gpuTrial("reduce", "float64", size, 15e-6 + 0.06e-9 * size, 100e-6 + 0.3e-12 * size,
                    0.15e-9 * size));
        }
        List<TrialResult> join = List.of(
                gpuTrial("join", "N x N", 1_000_000, 0.02, 0.0008, 0.0009),
                new TrialResult("join", "N x N", 10_000_000, new TrialShape(20_000_000, 1, 1, 1), 0.1,
                        "CPU twin, 16 threads", around(0.2), null, "Forge GPU", null, null, null, null, List.of(), "",
                        "VALIDATION FAILED: number of joined pairs: expected 10000000, got 9999999"));
        TrialResult sql = new TrialResult("duckdb", "top 10 keys", 10_000_000,
                new TrialShape(10_000_000, 200_000_000, 0, 0), 2.0, "DuckDB", around(0.012), null, "Forge CPU engine",
                null, null, around(0.040), null, List.of(),
                "top 10 rows as DuckDB's (integers exact, doubles within 1e-09)", null);
        TrialResult absent = new TrialResult("histogram", "256 bins", 1_000_000, new TrialShape(1_000_000, 1, 1, 1),
                0.01, "CPU twin, 16 threads", around(0.001), null, null, "no GPU: no CUDA driver found", null, null,
                null, List.of(PeerResult.absent("CUB", "not measured: no GPU")), "", null);
        List<TrialResult> gemm = List.of(
                new TrialResult("gemm", "fp16", 2048, new TrialShape(2L << 33, 33_554_432, 16_777_216, 16_777_216),
                        0.05, "CPU twin, 16 threads", around(0.2), null, "Forge GPU", null, around(40e-6),
                        around(700e-6), around(650e-6), List.of(new PeerResult("cuBLAS", 38e-6, null, "same values")),
                        "4194304 FP16 GEMM elements within MatrixPrecision's bound of the CPU twin's", null),
                new TrialResult("gemm", "fp16", 8192, new TrialShape(2L << 39, 536_870_912, 268_435_456, 268_435_456),
                        0.4, "CPU twin, 16 threads", null, "the CPU twin's GEMM runs up to 2048^3", "Forge GPU", null,
                        around(1.8e-3), around(12e-3), around(10e-3),
                        List.of(new PeerResult("cuBLAS", 1.75e-3, null, "same values")),
                        "256 sampled FP16 GEMM elements within MatrixPrecision's bound", null));
        List<ExperimentOutcome> outcomes = List.of(
                new ExperimentOutcome("reduce", "sum of a column", "elements", null, List.of("int64", "float64"),
                        reduce, List.of("float64 grew to 100M; 200M needs 90.0 GB on the GPU")),
                new ExperimentOutcome("join", "inner hash join", "probe rows", null, List.of("N x N"), join, List.of()),
                new ExperimentOutcome("histogram", "even bins", "elements", null, List.of("256 bins"), List.of(absent),
                        List.of()),
                new ExperimentOutcome("duckdb", "Forge vs DuckDB", "rows", null, List.of("top 10 keys"), List.of(sql),
                        List.of()),
                new ExperimentOutcome("gemm", "matrix multiply", "n (n x n matrix)", null, List.of("fp16"), gemm,
                        List.of()),
                new ExperimentOutcome("parse", "CSV parsing on the GPU", "elements", "no GPU parser yet", List.of(),
                        List.of(), List.of()));
        MachineDescription machine = new MachineDescription("NVIDIA H100 80GB HBM3", 85_000_000_000L,
                "CUDA 13.0, NVIDIA 580.159.04", "Intel(R) Xeon(R) Platinum 8480+, \"16\" vCPU", 16, 128_000_000_000L,
                "Java 25.0.3", "abc123def456", "2026-12-07T10:00:00Z");
        Ceilings ceilings = new Ceilings(2.99e12, 55e9, 54e9, List.of(new Measurement("kernel launch + synchronize",
                9.0, Measurement.Unit.MICROSECONDS, Double.NaN, false)));
        return new SuiteReport(machine, RunSettings.of(Profile.STANDARD, List.of(1_000_000L, 10_000_000L,
                100_000_000L), null, null, true), ceilings,
                Map.of("CUB", "measured in this run", "cuBLAS", "measured in this run, cuBLAS 130100"), outcomes, 321.0);
    }
}
