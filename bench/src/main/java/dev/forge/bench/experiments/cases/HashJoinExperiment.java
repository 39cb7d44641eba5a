package dev.forge.bench.experiments.cases;

import dev.forge.bench.experiments.Compare;
import dev.forge.bench.experiments.NativeCase;
import dev.forge.bench.experiments.Experiment;
import dev.forge.bench.experiments.GpuSteps;
import dev.forge.bench.experiments.SeededData;
import dev.forge.bench.experiments.Trial;
import dev.forge.bench.experiments.TrialContext;
import dev.forge.bench.experiments.TrialShape;
import dev.forge.cuda.DeviceBuffer;
import dev.forge.primitives.ElementType;
import dev.forge.primitives.JoinPairs;
import dev.forge.primitives.cpu.CpuHashJoin;
import dev.forge.primitives.gpu.GpuHashJoin;
import dev.forge.primitives.gpu.GpuJoinPairs;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * Inner hash join on int64 keys, build and probe together: {@code GpuHashJoin} (build sorts the keys and fills an
 * open-addressing table, probe counts, scans and writes the pairs) against {@code CpuHashJoin} (all cores). The size
 * is the probe side's rows; the build side has as many ("N x N": 1M x 1M, 10M x 10M) or a tenth ("N x N/10": 10M x
 * 1M). Build keys are distinct random 64-bit words in random order, and every probe key is one of them, drawn at
 * random: a foreign-key join where each probe row matches once. Both sides return the pairs in probe row order, which
 * must agree exactly.
 */
public final class HashJoinExperiment implements Experiment {
    static final long BUILD_SEED = 0x5EED_000DL;
    static final long PROBE_SEED = 0x5EED_000EL;

    @Override
    public String name() {
        return "join";
    }

    @Override
    public String description() {
        return "inner hash join on int64 keys, build + probe, probe N x build N and N/10 (1Mx1M, 10Mx1M, 10Mx10M):"
                + " GpuHashJoin vs CpuHashJoin";
    }

    @Override
    public List<String> variants() {
        return List.of("N x N", "N x N/10");
    }

    @Override
    public String sizeUnit() {
        return "probe rows";
    }

    private static long buildRows(String variant, long size) {
        return variant.equals("N x N") ? size : Math.max(1, size / 10);
    }

    @Override
    public long deviceBytes(String variant, long size) {
        return 48 * size + 72 * buildRows(variant, size) + (64 << 20);
    }

    @Override
    public long hostBytes(String variant, long size) {
        return 48 * size + 40 * buildRows(variant, size);
    }

    @Override
    public NativeCase nativePeer(String variant) {
        return NativeCase.noCub("CUB has no hash join");
    }

    @Override
    public Trial prepare(String variant, long size, TrialContext context) {
        return new JoinTrial(size, buildRows(variant, size), context);
    }

    private static final class JoinTrial extends PrimitiveTrial {
        private final long probeRows;
        private final long buildRows;
        private final MemorySegment probeKeys;
        private final MemorySegment buildKeys;
        private final CpuHashJoin cpu;
        private final ResultArena cpuArena = new ResultArena();
        private JoinPairs cpuPairs;
        private MemorySegment gpuProbeRows;
        private MemorySegment gpuBuildRows;
        private long gpuCount;
        private GpuJoinPairs pending;

        JoinTrial(long probeRows, long buildRows, TrialContext context) {
            super(context);
            this.probeRows = probeRows;
            this.buildRows = buildRows;
            this.buildKeys = memory.host(8 * buildRows);
            this.probeKeys = memory.host(8 * probeRows);
            SeededData.fillInt64(context.workers(), buildKeys, j -> SeededData.bits(BUILD_SEED, j));
            SeededData.fillInt64(context.workers(), probeKeys,
                    i -> SeededData.bits(BUILD_SEED, SeededData.between(PROBE_SEED, i, 0, buildRows)));
            this.cpu = new CpuHashJoin(context.workers());
            if (context.hasGpu()) {
                GpuHashJoin join = new GpuHashJoin(context.gpu().device());
                DeviceBuffer deviceBuild = memory.device(8 * buildRows);
                DeviceBuffer deviceProbe = memory.device(8 * probeRows);
                gpuProbeRows = memory.host(8 * probeRows);
                gpuBuildRows = memory.host(8 * probeRows);
                gpu = GpuSteps.forge().upload(buildKeys, deviceBuild).upload(probeKeys, deviceProbe)
                        .compute(stream -> pending = join.inner(deviceProbe, deviceBuild, ElementType.INT64,
                                context.gpu().pool(), stream))
                        .download(stream -> {
                            try (GpuJoinPairs pairs = pending) {
                                gpuCount = pairs.count();
                                if (gpuCount > 0 && gpuCount <= probeRows) {
                                    pairs.leftRows().copyToAsync(gpuProbeRows.asSlice(0, 8 * gpuCount), stream);
                                    pairs.rightRows().copyToAsync(gpuBuildRows.asSlice(0, 8 * gpuCount), stream);
                                    stream.synchronize();
                                }
                            } finally {
                                pending = null;
                            }
                        }, gpuProbeRows, gpuBuildRows);
            }
        }

        @Override
        public TrialShape shape() {
            long pairs = cpuPairs == null ? 0 : cpuPairs.count();
            long keys = 8 * (probeRows + buildRows);
            return new TrialShape(probeRows + buildRows, keys + 16 * pairs, keys, 16 * pairs);
        }

        @Override
        public void runBaseline() {
            cpuPairs = cpu.inner(probeKeys, buildKeys, ElementType.INT64, cpuArena.next());
            cpuArena.keepOnlyLatest();
        }

        @Override
        public String validate() {
            Compare.exactCount("number of joined pairs", cpuPairs.count(), gpuCount);
            return Compare.exact("probe rows of the pairs", cpuPairs.leftRows(), gpuProbeRows, gpuCount, 8) + ", "
                    + Compare.exact("build rows of the pairs", cpuPairs.rightRows(), gpuBuildRows, gpuCount, 8);
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
