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
import dev.forge.primitives.cpu.CpuSelect;
import dev.forge.primitives.gpu.GpuSelect;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.OptionalLong;

/**
 * Stream compaction: keeping the int32 values whose byte flag is set, at 1, 10, 50 and 90% selectivity,
 * {@code GpuSelect} against {@code CpuSelect} (all cores) and CUB's DeviceSelect::Flagged. Values are random 32-bit
 * words, flags independent random bytes set with the variant's probability; the kept values must agree exactly, in
 * order.
 */
public final class CompactExperiment implements Experiment {
    public static final long VALUE_SEED = 0x5EED_0003L;
    public static final long FLAG_SEED = 0x5EED_0004L;

    @Override
    public String name() {
        return "compact";
    }

    @Override
    public String description() {
        return "stream compaction of int32 by byte flags at 1/10/50/90% kept: GpuSelect vs CpuSelect vs CUB"
                + " DeviceSelect::Flagged";
    }

    @Override
    public List<String> variants() {
        return List.of("1%", "10%", "50%", "90%");
    }

    @Override
    public long deviceBytes(String variant, long size) {
        return 9 * size + (16 << 20);
    }

    @Override
    public long hostBytes(String variant, long size) {
        return 13 * size;
    }

    @Override
    public NativeCase nativePeer(String variant) {
        return NativeCase.cub("select_flagged", percent(variant) + "");
    }

    static int percent(String variant) {
        return Integer.parseInt(variant.substring(0, variant.length() - 1));
    }

    @Override
    public Trial prepare(String variant, long size, TrialContext context) {
        return new CompactTrial(percent(variant), size, context);
    }

    private static final class CompactTrial extends PrimitiveTrial {
        private final long size;
        private final MemorySegment values;
        private final MemorySegment flags;
        private final MemorySegment cpuKept;
        private final CpuSelect cpu;
        private long cpuCount;
        private MemorySegment gpuKept;
        private MemorySegment gpuCount;

        CompactTrial(int percent, long size, TrialContext context) {
            super(context);
            this.size = size;
            this.values = memory.host(4 * size);
            this.flags = memory.host(size);
            this.cpuKept = memory.host(4 * size);
            SeededData.fillInt32(context.workers(), values, i -> (int) SeededData.bits(VALUE_SEED, i));
            SeededData.fillFlags(context.workers(), flags, i -> SeededData.chance(FLAG_SEED, i, percent));
            this.cpu = new CpuSelect(context.workers());
            if (context.hasGpu()) {
                GpuSelect select = new GpuSelect(context.gpu().device());
                DeviceBuffer deviceValues = memory.device(4 * size);
                DeviceBuffer deviceFlags = memory.device(size);
                DeviceBuffer kept = memory.device(4 * size);
                DeviceBuffer count = memory.device(8);
                gpuKept = memory.host(4 * size);
                gpuCount = memory.host(8);
                gpu = GpuSteps.forge().upload(values, deviceValues).upload(flags, deviceFlags)
                        .compute(stream -> select.selectByByteMask(deviceValues, ElementType.INT32, deviceFlags, kept,
                                count, context.gpu().pool(), stream))
                        .download(stream -> Downloads.counted(count, gpuCount, kept, gpuKept, 4, size, stream),
                                gpuKept, gpuCount);
            }
        }

        @Override
        public TrialShape shape() {
            return new TrialShape(size, 5 * size + 4 * cpuCount, 5 * size, 8 + 4 * cpuCount);
        }

        @Override
        public void runBaseline() {
            cpuCount = cpu.selectByByteMask(values, ElementType.INT32, flags, cpuKept);
        }

        @Override
        public String validate() {
            Compare.exactCount("number of kept values", cpuCount, Downloads.count(gpuCount));
            return Compare.exact("kept int32 values", cpuKept, gpuKept, cpuCount, 4);
        }

        @Override
        public OptionalLong inputChecksum() {
            return OptionalLong.of(checksum(values, 4)
                    + checksum(flags, 1));
        }

    }
}
