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
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * Time-series indicators over a tick series (int64 prices in cents around $100 following a slow sine with noise,
 * int64 volumes in [1, 1000]): a {@value #WINDOW}-tick moving average, the volume-weighted average price from the
 * start (VWAP), and {@value #WINDOW}-tick Bollinger bands (mean +- 2 standard deviations). The GPU builds them on
 * {@code GpuScan}'s exact int64 prefix sums ({@link GpuTimeSeries}); the CPU twin slides the window in one parallel
 * pass ({@link CpuTimeSeries}). Both compute the floating results with the same IEEE operations from the same exact
 * integer sums; they are compared within {@value #RELATIVE_TOLERANCE} relative.
 */
public final class TimeSeriesExperiment implements Experiment {
    static final long PRICE_SEED = 0x5EED_000FL;
    static final long VOLUME_SEED = 0x5EED_0010L;
    static final int WINDOW = 20;
    static final double RELATIVE_TOLERANCE = 1e-12;

    @Override
    public String name() {
        return "timeseries";
    }

    @Override
    public String description() {
        return "moving average, VWAP and Bollinger bands over int64 ticks: GpuScan prefix sums + window kernel vs a"
                + " one-pass sliding window on all cores";
    }

    @Override
    public List<String> variants() {
        return List.of("moving average", "VWAP", "Bollinger bands");
    }

    @Override
    public String sizeUnit() {
        return "ticks";
    }

    private static int outputs(String variant) {
        return variant.equals("Bollinger bands") ? 3 : 1;
    }

    @Override
    public long deviceBytes(String variant, long size) {
        return 8 * size * (2 + 3 + outputs(variant)) + (64 << 20);
    }

    @Override
    public long hostBytes(String variant, long size) {
        return 8 * size * (2 + 2 * outputs(variant));
    }

    @Override
    public NativeCase nativePeer(String variant) {
        return NativeCase.noCub("CUB has no window statistics; the DeviceScan they build on is measured in the scan"
                + " experiment");
    }

    @Override
    public Trial prepare(String variant, long size, TrialContext context) {
        return new TimeSeriesTrial(variant, size, context);
    }

    private static final class TimeSeriesTrial extends PrimitiveTrial {
        private final String variant;
        private final long size;
        private final MemorySegment price;
        private final MemorySegment volume;
        private final List<MemorySegment> cpuOutputs = new ArrayList<>();
        private final List<MemorySegment> gpuOutputs = new ArrayList<>();
        private final CpuTimeSeries cpu;

        TimeSeriesTrial(String variant, long size, TrialContext context) {
            super(context);
            this.variant = variant;
            this.size = size;
            this.price = memory.host(8 * size);
            this.volume = memory.host(8 * size);
            SeededData.fillInt64(context.workers(), price, i -> 10_000
                    + Math.round(3_000 * StrictMath.sin(2 * Math.PI * i / 100_000.0))
                    + SeededData.between(PRICE_SEED, i, -200, 201));
            SeededData.fillInt64(context.workers(), volume, i -> SeededData.between(VOLUME_SEED, i, 1, 1001));
            for (int o = 0; o < outputs(variant); o++) {
                cpuOutputs.add(memory.host(8 * size));
            }
            this.cpu = new CpuTimeSeries(context.workers());
            if (context.hasGpu()) {
                prepareGpu();
            }
        }

        private void prepareGpu() {
            GpuTimeSeries series = new GpuTimeSeries(context.gpu().device());
            DeviceBuffer devicePrice = memory.device(8 * size);
            List<DeviceBuffer> deviceOutputs = new ArrayList<>();
            gpu = GpuSteps.forge().upload(price, devicePrice);
            for (int o = 0; o < outputs(variant); o++) {
                deviceOutputs.add(memory.device(8 * size));
                gpuOutputs.add(memory.host(8 * size));
                gpu.download(deviceOutputs.get(o), gpuOutputs.get(o));
            }
            var pool = context.gpu().pool();
            switch (variant) {
                case "moving average" -> gpu.compute(stream -> series.movingAverage(devicePrice, size, WINDOW,
                        deviceOutputs.get(0), pool, stream));
                case "VWAP" -> {
                    DeviceBuffer deviceVolume = memory.device(8 * size);
                    gpu.upload(volume, deviceVolume).compute(stream -> series.vwap(devicePrice, deviceVolume, size,
                            deviceOutputs.get(0), pool, stream));
                }
                default -> gpu.compute(stream -> series.bollinger(devicePrice, size, WINDOW, deviceOutputs.get(0),
                        deviceOutputs.get(1), deviceOutputs.get(2), pool, stream));
            }
        }

        @Override
        public TrialShape shape() {
            long inputs = variant.equals("VWAP") ? 16 * size : 8 * size;
            long results = 8 * size * outputs(variant);
            return new TrialShape(size, inputs + results, inputs, results);
        }

        @Override
        public void runBaseline() {
            switch (variant) {
                case "moving average" -> cpu.movingAverage(price, WINDOW, cpuOutputs.get(0));
                case "VWAP" -> cpu.vwap(price, volume, cpuOutputs.get(0));
                default -> cpu.bollinger(price, WINDOW, cpuOutputs.get(0), cpuOutputs.get(1), cpuOutputs.get(2));
            }
        }

        @Override
        public String validate() {
            String[] names = variant.equals("Bollinger bands") ? new String[] {"middle band", "upper band", "lower band"}
                    : new String[] {variant};
            List<String> checks = new ArrayList<>();
            for (int o = 0; o < names.length; o++) {
                checks.add(Compare.float64(names[o], cpuOutputs.get(o), gpuOutputs.get(o), size, RELATIVE_TOLERANCE));
            }
            return String.join(", ", checks);
        }

    }
}
