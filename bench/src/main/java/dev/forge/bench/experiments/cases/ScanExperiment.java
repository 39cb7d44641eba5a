package dev.forge.bench.experiments.cases;

import dev.forge.bench.experiments.Compare;
import dev.forge.bench.experiments.NativeCase;
import dev.forge.bench.experiments.Experiment;
import dev.forge.bench.experiments.GpuSteps;
import dev.forge.bench.experiments.Trial;
import dev.forge.bench.experiments.TrialContext;
import dev.forge.bench.experiments.TrialShape;
import dev.forge.cuda.DeviceBuffer;
import dev.forge.primitives.ElementType;
import dev.forge.primitives.cpu.CpuScan;
import dev.forge.primitives.gpu.GpuScan;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.OptionalLong;

/**
 * Inclusive prefix sum: {@code GpuScan} against {@code CpuScan} (all cores) and CUB's DeviceScan::InclusiveSum, over
 * integers in [-1000, 1000] of each element type. Every prefix is exact in double precision, which both sides
 * accumulate floats in, so the outputs must agree bit for bit.
 */
public final class ScanExperiment implements Experiment {
    static final long SEED = 0x5EED_0002L;

    @Override
    public String name() {
        return "scan";
    }

    @Override
    public String description() {
        return "inclusive prefix sum (int32, int64, float32, float64): GpuScan vs CpuScan vs CUB DeviceScan";
    }

    @Override
    public List<String> variants() {
        return List.of("int32", "int64", "float32", "float64");
    }

    @Override
    public long deviceBytes(String variant, long size) {
        return 2 * size * IntegerValues.typeOf(variant).byteSize() + (16 << 20);
    }

    @Override
    public long hostBytes(String variant, long size) {
        return 3 * size * IntegerValues.typeOf(variant).byteSize();
    }

    @Override
    public NativeCase nativePeer(String variant) {
        return NativeCase.cub("scan_inclusive_sum", variant);
    }

    @Override
    public Trial prepare(String variant, long size, TrialContext context) {
        return new ScanTrial(IntegerValues.typeOf(variant), size, context);
    }

    private static final class ScanTrial extends PrimitiveTrial {
        private final ElementType type;
        private final long size;
        private final MemorySegment values;
        private final MemorySegment cpuSums;
        private final CpuScan cpu;
        private MemorySegment gpuSums;

        ScanTrial(ElementType type, long size, TrialContext context) {
            super(context);
            this.type = type;
            this.size = size;
            long bytes = size * type.byteSize();
            this.values = memory.host(bytes);
            this.cpuSums = memory.host(bytes);
            IntegerValues.fill(context.workers(), values, type, SEED);
            this.cpu = new CpuScan(context.workers());
            if (context.hasGpu()) {
                GpuScan scan = new GpuScan(context.gpu().device());
                DeviceBuffer input = memory.device(bytes);
                DeviceBuffer output = memory.device(bytes);
                gpuSums = memory.host(bytes);
                gpu = GpuSteps.forge().upload(values, input)
                        .compute(stream -> scan.inclusiveSum(input, output, type, context.gpu().pool(), stream))
                        .download(output, gpuSums);
            }
        }

        @Override
        public TrialShape shape() {
            long bytes = size * type.byteSize();
            return new TrialShape(size, 2 * bytes, bytes, bytes);
        }

        @Override
        public void runBaseline() {
            cpu.inclusiveSum(values, cpuSums, type);
        }

        @Override
        public String validate() {
            return Compare.exact("inclusive sums of " + type, cpuSums, gpuSums, size, type.byteSize());
        }

        @Override
        public OptionalLong inputChecksum() {
            return OptionalLong.of(checksum(values, type.byteSize()));
        }

    }
}
