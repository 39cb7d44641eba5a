package dev.forge.bench.experiments.cases;

import dev.forge.bench.experiments.Compare;
import dev.forge.bench.experiments.NativeCase;
import dev.forge.bench.experiments.Experiment;
import dev.forge.bench.experiments.GpuSteps;
import dev.forge.bench.experiments.SeededData;
import dev.forge.bench.experiments.Sizes;
import dev.forge.bench.experiments.Trial;
import dev.forge.bench.experiments.TrialContext;
import dev.forge.bench.experiments.TrialShape;
import dev.forge.bench.experiments.ValidationException;
import dev.forge.primitives.Aggregate;
import dev.forge.primitives.AggregateFunction;
import dev.forge.primitives.ElementType;
import dev.forge.primitives.GroupByResult;
import dev.forge.primitives.cpu.CpuGroupBy;
import dev.forge.primitives.gpu.GpuAggregate;
import dev.forge.primitives.gpu.GpuGroupBy;
import dev.forge.primitives.gpu.GpuGroupByResult;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Hash group-by: {@code COUNT(*), SUM(quantity), SUM(amount) GROUP BY key} with 10, 1K, 100K and 1M groups,
 * {@code GpuGroupBy} against {@code CpuGroupBy} (all cores). Keys are int64 uniform in [0, groups); quantities int64
 * in [0, 1000), whose sums are exact 128-bit integers and must agree exactly; amounts float64 cents in [0, 1000), all
 * positive, whose sums must agree within {@value #RELATIVE_TOLERANCE} relative (the GPU's are correctly rounded, the
 * CPU twin's are left-to-right per morsel). Groups are matched by key, since the two sides order them differently.
 */
public final class GroupByExperiment implements Experiment {
    static final long KEY_SEED = 0x5EED_000AL;
    static final long QUANTITY_SEED = 0x5EED_000BL;
    static final long AMOUNT_SEED = 0x5EED_000CL;
    static final double RELATIVE_TOLERANCE = 1e-9;
    /** Bytes of one group's results: key, count, 128-bit sum, float64 sum. */
    private static final int GROUP_BYTES = 8 + 8 + 16 + 8;

    @Override
    public String name() {
        return "groupby";
    }

    @Override
    public String description() {
        return "COUNT, SUM(int64), SUM(float64) GROUP BY an int64 key with 10, 1K, 100K, 1M groups: GpuGroupBy vs"
                + " CpuGroupBy";
    }

    @Override
    public List<String> variants() {
        return List.of("10 groups", "1K groups", "100K groups", "1M groups");
    }

    @Override
    public String sizeUnit() {
        return "rows";
    }

    private static long groups(String variant) {
        return Sizes.parse(variant.substring(0, variant.indexOf(' ')));
    }

    @Override
    public long deviceBytes(String variant, long size) {
        return 24 * size + Math.min(size, 1L << 22) * 256 + (64 << 20);
    }

    @Override
    public long hostBytes(String variant, long size) {
        return 72 * size + 3 * GROUP_BYTES * groups(variant);
    }

    @Override
    public NativeCase nativePeer(String variant) {
        return NativeCase.noCub("CUB has no hash group-by (cuCollections has; this harness does not build it)");
    }

    @Override
    public Trial prepare(String variant, long size, TrialContext context) {
        return new GroupByTrial(groups(variant), size, context);
    }

    private static final class GroupByTrial extends PrimitiveTrial {
        private final long groups;
        private final long size;
        private final MemorySegment keys;
        private final MemorySegment quantities;
        private final MemorySegment amounts;
        private final CpuGroupBy cpu;
        private final ResultArena cpuArena = new ResultArena();
        private GroupByResult cpuResult;
        private final MemorySegment[] gpuColumns = new MemorySegment[4];
        private long gpuGroupCount;
        private GpuGroupByResult pending;

        GroupByTrial(long groups, long size, TrialContext context) {
            super(context);
            this.groups = groups;
            this.size = size;
            this.keys = memory.host(8 * size);
            this.quantities = memory.host(8 * size);
            this.amounts = memory.host(8 * size);
            SeededData.fillInt64(context.workers(), keys, i -> SeededData.between(KEY_SEED, i, 0, groups));
            SeededData.fillInt64(context.workers(), quantities, i -> SeededData.between(QUANTITY_SEED, i, 0, 1000));
            SeededData.fillFloat64(context.workers(), amounts,
                    i -> SeededData.between(AMOUNT_SEED, i, 0, 100_000) / 100.0);
            this.cpu = new CpuGroupBy(context.workers());
            if (context.hasGpu()) {
                prepareGpu();
            }
        }

        private void prepareGpu() {
            GpuGroupBy groupBy = new GpuGroupBy(context.gpu().device());
            var deviceKeys = memory.device(8 * size);
            var deviceQuantities = memory.device(8 * size);
            var deviceAmounts = memory.device(8 * size);
            long most = Math.min(groups, size);
            int[] widths = {8, 8, 16, 8};
            for (int c = 0; c < widths.length; c++) {
                gpuColumns[c] = memory.host(widths[c] * most);
            }
            List<GpuAggregate> aggregates = List.of(GpuAggregate.count(),
                    GpuAggregate.of(AggregateFunction.SUM, deviceQuantities, ElementType.INT64),
                    GpuAggregate.of(AggregateFunction.SUM, deviceAmounts, ElementType.FLOAT64));
            gpu = GpuSteps.forge().upload(keys, deviceKeys).upload(quantities, deviceQuantities)
                    .upload(amounts, deviceAmounts)
                    .compute(stream -> pending = groupBy.groupBy(List.of(deviceKeys), List.of(ElementType.INT64),
                            aggregates, context.gpu().pool(), stream))
                    .download(stream -> {
                        try (GpuGroupByResult result = pending) {
                            gpuGroupCount = result.groupCount();
                            if (gpuGroupCount > most) {
                                return; // more groups than exist: the validation reports it
                            }
                            result.keyColumn(0).copyToAsync(gpuColumns[0].asSlice(0, 8 * gpuGroupCount), stream);
                            for (int a = 0; a < 3; a++) {
                                result.aggregateColumn(a).copyToAsync(
                                        gpuColumns[a + 1].asSlice(0, widths[a + 1] * gpuGroupCount), stream);
                            }
                            stream.synchronize();
                        } finally {
                            pending = null;
                        }
                    }, gpuColumns);
        }

        @Override
        public TrialShape shape() {
            long found = cpuResult == null ? 0 : cpuResult.groupCount();
            return new TrialShape(size, 24 * size + GROUP_BYTES * found, 24 * size, GROUP_BYTES * found);
        }

        @Override
        public void runBaseline() {
            cpuResult = cpu.groupBy(List.of(keys), List.of(Aggregate.count(),
                    Aggregate.of(AggregateFunction.SUM, quantities, ElementType.INT64),
                    Aggregate.of(AggregateFunction.SUM, amounts, ElementType.FLOAT64)), cpuArena.next());
            cpuArena.keepOnlyLatest();
        }

        @Override
        public String validate() {
            Compare.exactCount("number of groups", cpuResult.groupCount(), gpuGroupCount);
            GroupByResult gpuResult = new GroupByResult(gpuGroupCount, List.of(gpuColumns[0]),
                    List.of(gpuColumns[1], gpuColumns[2], gpuColumns[3]));
            int[] cpuGroupOfKey = new int[Math.toIntExact(groups)];
            Arrays.fill(cpuGroupOfKey, -1);
            for (int g = 0; g < cpuResult.groupCount(); g++) {
                cpuGroupOfKey[Math.toIntExact(cpuResult.key(0, g))] = g;
            }
            boolean[] seen = new boolean[cpuGroupOfKey.length];
            for (int g = 0; g < gpuGroupCount; g++) {
                long key = gpuResult.key(0, g);
                int expected = key >= 0 && key < groups ? cpuGroupOfKey[(int) key] : -1;
                if (expected < 0 || seen[(int) key]) {
                    throw new ValidationException("GPU group " + g + " has key " + key + ", which the CPU twin "
                            + (expected < 0 ? "does not have" : "has, but the GPU gave it twice"));
                }
                seen[(int) key] = true;
                if (gpuResult.int64At(0, g) != cpuResult.int64At(0, expected)
                        || !gpuResult.int128At(1, g).equals(cpuResult.int128At(1, expected))) {
                    throw new ValidationException(String.format(Locale.ROOT,
                            "key %d: GPU COUNT %d and SUM(quantity) %s, CPU twin %d and %s", key, gpuResult.int64At(0, g),
                            gpuResult.int128At(1, g), cpuResult.int64At(0, expected), cpuResult.int128At(1, expected)));
                }
                double want = cpuResult.float64At(2, expected);
                double got = gpuResult.float64At(2, g);
                if (!Compare.close(want, got, RELATIVE_TOLERANCE)) {
                    throw new ValidationException(String.format(Locale.ROOT,
                            "key %d: GPU SUM(amount) %s, CPU twin %s: beyond %.0e relative", key, got, want,
                            RELATIVE_TOLERANCE));
                }
            }
            return String.format(Locale.ROOT, "%d groups matched by key: COUNT and SUM(int64) exact, SUM(float64)"
                    + " within %.0e relative", gpuGroupCount, RELATIVE_TOLERANCE);
        }

        @Override
        public void close() {
            if (pending != null) {
                pending.close();
            }
            super.close();
            cpuArena.close();
        }
    }
}
