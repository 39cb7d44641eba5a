package dev.forge.bench.primitives;

import dev.forge.cuda.Cuda;
import dev.forge.cuda.CudaDevice;
import dev.forge.cuda.Event;
import dev.forge.cuda.MemoryPool;
import dev.forge.cuda.Stream;
import dev.forge.cuda.bench.DeviceBenchmark;
import dev.forge.cuda.bench.Measurement;
import dev.forge.primitives.ElementType;
import dev.forge.primitives.cpu.CpuWorkers;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Measures the GPU primitives against their CPU twins (all host cores) and CUB, in one run on one machine, and
 * against ceilings measured in the same run: the device copy bandwidth, and for hash probes the random-gather rate.
 * Every GPU result is checked against the CPU twin's before its time counts. The families ({@link PrimitiveFamily})
 * run one after the other, each over every size; each case frees its device memory before the next, and a case whose
 * memory is not free is skipped with the reason (see {@link MeasurementContext} for how times are taken).
 */
public final class PrimitivesBenchmark {

    /** Everything one run measured, with what identifies it; {@code ceilings} starts with the copy bandwidth. */
    public record Report(String device, String driver, String commit, String date, List<Ceiling> ceilings,
            String cubStatus, List<PrimitiveResult> results, List<SkippedCase> skipped, List<String> notes) {

        public double copyBytesPerSecond() {
            return ceilings.getFirst().perSecond();
        }
    }

    private final CudaDevice device;
    private final Consumer<String> progress;

    public PrimitivesBenchmark(CudaDevice device, Consumer<String> progress) {
        this.device = device;
        this.progress = progress;
    }

    /** Every family, CUB included. */
    public Report run(List<Long> sizes, int samples) throws InterruptedException {
        return run(sizes, samples, EnumSet.allOf(PrimitiveFamily.class));
    }

    public Report run(List<Long> sizes, int samples, Set<PrimitiveFamily> families) throws InterruptedException {
        return run(sizes, samples, families, true);
    }

    /** {@code withCub} false leaves CUB out (a GPU test of the benchmark itself, which need not wait for nvcc). */
    Report run(List<Long> sizes, int samples, Set<PrimitiveFamily> families, boolean withCub)
            throws InterruptedException {
        progress.accept("measuring device copy bandwidth");
        List<Ceiling> ceilings = new ArrayList<>(List.of(Ceiling.copy(copyBandwidth(device))));
        CubPeers cub = withCub ? CubPeers.measure(families, sizes, device.info().architecture(), progress)
                : CubPeers.none("not measured in this run (left out by the caller)");
        try (CpuWorkers workers = CpuWorkers.allCores(); Stream stream = device.createStream();
                MemoryPool pool = device.createPool(); Event start = device.createEvent(); Event end = device.createEvent()) {
            MeasurementContext context = new MeasurementContext(device, workers, stream, pool, start, end, samples,
                    ceilings.getFirst(), cub, progress);
            Map<ElementType, Ceiling> gather = new EnumMap<>(ElementType.class);
            if (families.contains(PrimitiveFamily.HASH_PROBE)) {
                progress.accept("measuring the random-gather rate (4- and 8-byte reads, 2^26-entry table)");
                gather.put(ElementType.INT32, RandomGatherCeiling.measure(context, 4));
                gather.put(ElementType.INT64, RandomGatherCeiling.measure(context, 8));
                ceilings.addAll(gather.values());
            }
            for (PrimitiveFamily family : families.stream().sorted().toList()) {
                // reduce and scan share their inputs, as run-length and segmented share a class: one pass each
                boolean scan = families.contains(PrimitiveFamily.SCAN);
                boolean segmented = families.contains(PrimitiveFamily.SEGMENTED);
                FamilyBenchmark benchmark = switch (family) {
                    case REDUCE -> new ReduceScanBenchmark(context, true, scan);
                    case SCAN -> families.contains(PrimitiveFamily.REDUCE) ? null
                            : new ReduceScanBenchmark(context, false, true);
                    case RUN_LENGTH -> new SegmentedPrimitivesBenchmark(context, true, segmented);
                    case SEGMENTED -> families.contains(PrimitiveFamily.RUN_LENGTH) ? null
                            : new SegmentedPrimitivesBenchmark(context, false, true);
                    case SORT -> new SortBenchmark(context);
                    case HISTOGRAM -> new HistogramBenchmark(context);
                    case SELECT -> new SelectBenchmark(context);
                    case HASH_PROBE -> new HashProbeBenchmark(context, gather);
                    case GROUP_BY -> new GroupByBenchmark(context);
                    case TOP_K -> new TopKBenchmark(context);
                };
                if (benchmark == null) {
                    continue;
                }
                benchmark.measureAll(sizes);
                stream.synchronize();
                pool.trimTo(0);
            }
            return new Report(device.info().name(), "CUDA " + Cuda.status().driverVersionText(), commit(),
                    LocalDate.now().toString(), ceilings, cub.status(), context.results(), context.skipped(),
                    context.notes());
        }
    }

    /** The best device copy bandwidth (read+write bytes per second) of a short measurement now. */
    static double copyBandwidth(CudaDevice device) {
        return new DeviceBenchmark(device, step -> { }).copyBandwidth().stream()
                .mapToDouble(Measurement::value).max().orElseThrow();
    }

    /** The commit being measured, as the launcher passes it ({@code -Dforge.commit} or {@code FORGE_COMMIT}). */
    static String commit() {
        return System.getProperty("forge.commit", System.getenv().getOrDefault("FORGE_COMMIT", "unknown"));
    }
}
