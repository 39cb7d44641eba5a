package dev.forge.bench.primitives;

import dev.forge.bench.experiments.SeededData;
import dev.forge.bench.experiments.cases.HistogramExperiment;
import dev.forge.cuda.DeviceBuffer;
import dev.forge.primitives.ElementType;
import dev.forge.primitives.Histogram;
import dev.forge.primitives.cpu.CpuHistogram;
import dev.forge.primitives.cpu.CpuWorkers;
import dev.forge.primitives.gpu.GpuHistogram;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Histograms with 256 and 4,096 even bins over int32 values uniform in [0, 2^20) (bins over that range, the experiment
 * suite's {@code HistogramExperiment} data) and over float32 values uniform in [0, 1) (bins over [0, 1)):
 * {@code GpuHistogram} against {@code CpuHistogram} and CUB's DeviceHistogram::HistogramEven (cub_experiments.cu, on
 * the same seeded data, checksummed). Counts must agree exactly. Bytes moved count the values read; the counts
 * written are a few KiB.
 */
final class HistogramBenchmark implements FamilyBenchmark {
    static final int[] BINS = {256, 4096};

    /** One histogram: element type and bin count, and cub_experiments.cu's name for it. */
    record Variant(ElementType type, int bins) {
        String cubVariant() {
            return (type == ElementType.FLOAT32 ? "f32_" : "") + bins;
        }

        String typeName() {
            return type.name().toLowerCase(Locale.ROOT);
        }
    }

    static List<Variant> variants() {
        return List.of(new Variant(ElementType.INT32, BINS[0]), new Variant(ElementType.INT32, BINS[1]),
                new Variant(ElementType.FLOAT32, BINS[0]), new Variant(ElementType.FLOAT32, BINS[1]));
    }

    private final MeasurementContext context;
    private final GpuHistogram gpu;
    private final CpuHistogram cpu;

    HistogramBenchmark(MeasurementContext context) {
        this.context = context;
        this.gpu = new GpuHistogram(context.device);
        this.cpu = new CpuHistogram(context.workers);
    }

    @Override
    public void measure(long size) {
        for (ElementType type : new ElementType[] {ElementType.INT32, ElementType.FLOAT32}) {
            String typeName = type.name().toLowerCase(Locale.ROOT);
            if (!context.roomFor(PrimitiveFamily.HISTOGRAM, "histogram_even", typeName, size, 4 * size + (16 << 20))) {
                continue;
            }
            context.progress.accept("histograms, " + size + " " + typeName);
            try (Arena arena = Arena.ofShared(); DeviceBuffer input = context.device.allocate(4 * size)) {
                MemorySegment values = arena.allocate(4 * size, 64);
                fillValues(context.workers, values, type);
                long checksum = SeededData.checksum(context.workers, values, 4);
                input.copyFrom(values);
                for (int bins : BINS) {
                    measure(new Variant(type, bins), size, values, input, checksum);
                }
            }
        }
    }

    /** int32 in [0, 2^20) or float32 in [0, 1), as cub_experiments.cu makes them. */
    static void fillValues(CpuWorkers workers, MemorySegment values, ElementType type) {
        if (type == ElementType.INT32) {
            SeededData.fillInt32(workers, values,
                    i -> (int) SeededData.between(HistogramExperiment.SEED, i, 0, HistogramExperiment.UPPER));
        } else {
            SeededData.fillFloat32(workers, values, i -> SeededData.unit(HistogramExperiment.SEED, i));
        }
    }

    private void measure(Variant variant, long size, MemorySegment values, DeviceBuffer input, long checksum) {
        int bins = variant.bins();
        try (DeviceBuffer counts = context.device.allocate(GpuHistogram.resultBytes(bins))) {
            Runnable gpuCall = variant.type() == ElementType.INT32
                    ? () -> gpu.evenBins(input, ElementType.INT32, bins, 0L, HistogramExperiment.UPPER, counts,
                            context.stream)
                    : () -> gpu.evenBins(input, ElementType.FLOAT32, bins, 0.0, 1.0, counts, context.stream);
            Histogram[] expected = new Histogram[1];
            Runnable cpuCall = variant.type() == ElementType.INT32
                    ? () -> expected[0] = cpu.evenBins(values, ElementType.INT32, bins, 0L, HistogramExperiment.UPPER)
                    : () -> expected[0] = cpu.evenBins(values, ElementType.FLOAT32, bins, 0.0, 1.0);
            double gpuSeconds = context.gpuMedian(gpuCall);
            double cpuSeconds = context.cpuMedian(size, cpuCall);
            long[] words = new long[bins + 1];
            System.arraycopy(expected[0].counts(), 0, words, 0, bins);
            words[bins] = expected[0].dropped();
            String primitive = "histogram_even_" + bins;
            ResultCheck.sameBytes(primitive + " of " + variant.typeName() + ": counts and the dropped count", counts,
                    MemorySegment.ofArray(words), context.stream);
            context.add(new PrimitiveResult(PrimitiveFamily.HISTOGRAM.optionName(), primitive, variant.typeName(),
                    size, 4 * size, gpuSeconds, cpuSeconds,
                    context.cub.seconds("histogram_even", variant.cubVariant(), size, OptionalLong.of(checksum)),
                    context.copy));
        }
    }
}
