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
import dev.forge.primitives.Histogram;
import dev.forge.primitives.cpu.CpuHistogram;
import dev.forge.primitives.gpu.GpuHistogram;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.OptionalLong;

/**
 * Histogram with even bins: 256 and 65,536 bins over int32 values uniform in [0, 2^20), {@code GpuHistogram} (shared
 * memory counters up to 48K bins, global atomics beyond) against {@code CpuHistogram} (per-thread counts) and CUB's
 * DeviceHistogram::HistogramEven. Counts must agree exactly.
 */
public final class HistogramExperiment implements Experiment {
    public static final long SEED = 0x5EED_0006L;
    public static final long UPPER = 1L << 20;

    @Override
    public String name() {
        return "histogram";
    }

    @Override
    public String description() {
        return "even-bin histogram of int32 with 256 and 65,536 bins: GpuHistogram vs CpuHistogram vs CUB"
                + " DeviceHistogram::HistogramEven";
    }

    @Override
    public List<String> variants() {
        return List.of("256 bins", "65536 bins");
    }

    private static int bins(String variant) {
        return Integer.parseInt(variant.substring(0, variant.indexOf(' ')));
    }

    @Override
    public long deviceBytes(String variant, long size) {
        return 4 * size + GpuHistogram.resultBytes(bins(variant)) + (1 << 20);
    }

    @Override
    public long hostBytes(String variant, long size) {
        return 4 * size;
    }

    @Override
    public NativeCase nativePeer(String variant) {
        return NativeCase.cub("histogram_even", Integer.toString(bins(variant)));
    }

    @Override
    public Trial prepare(String variant, long size, TrialContext context) {
        return new HistogramTrial(bins(variant), size, context);
    }

    private static final class HistogramTrial extends PrimitiveTrial {
        private final int bins;
        private final long size;
        private final MemorySegment values;
        private final CpuHistogram cpu;
        private Histogram cpuHistogram;
        private MemorySegment gpuCounts;

        HistogramTrial(int bins, long size, TrialContext context) {
            super(context);
            this.bins = bins;
            this.size = size;
            this.values = memory.host(4 * size);
            SeededData.fillInt32(context.workers(), values, i -> (int) SeededData.between(SEED, i, 0, UPPER));
            this.cpu = new CpuHistogram(context.workers());
            if (context.hasGpu()) {
                GpuHistogram histogram = new GpuHistogram(context.gpu().device());
                DeviceBuffer deviceValues = memory.device(4 * size);
                DeviceBuffer counts = memory.device(GpuHistogram.resultBytes(bins));
                gpuCounts = memory.host(GpuHistogram.resultBytes(bins));
                gpu = GpuSteps.forge().upload(values, deviceValues)
                        .compute(stream -> histogram.evenBins(deviceValues, ElementType.INT32, bins, 0L, UPPER, counts,
                                stream))
                        .download(counts, gpuCounts);
            }
        }

        @Override
        public TrialShape shape() {
            long resultBytes = GpuHistogram.resultBytes(bins);
            return new TrialShape(size, 4 * size + resultBytes, 4 * size, resultBytes);
        }

        @Override
        public void runBaseline() {
            cpuHistogram = cpu.evenBins(values, ElementType.INT32, bins, 0L, UPPER);
        }

        @Override
        public String validate() {
            long[] expected = new long[bins + 1];
            System.arraycopy(cpuHistogram.counts(), 0, expected, 0, bins);
            expected[bins] = cpuHistogram.dropped();
            return Compare.exact(bins + " bin counts and the dropped count", MemorySegment.ofArray(expected),
                    gpuCounts, bins + 1, 8);
        }

        @Override
        public OptionalLong inputChecksum() {
            return OptionalLong.of(checksum(values, 4));
        }

    }
}
