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
 * A filter: the rows of a column that satisfy a predicate, as a bit mask (filter_masks.cu on the GPU,
 * {@link CpuFilterMasks} with the Vector API on all cores) then a compaction by it ({@code GpuSelect} /
 * {@code CpuSelect}). Predicates: {@code a < bound} on an int64 column uniform in [0, 1,000,000) and {@code x < bound} on
 * a float64 column uniform in [0, 1), each at 1, 10, 50 and 90% selectivity, and {@code a < 500,000 AND b < 500,000}
 * (25%) and the same with OR (75%) over two independent int64 columns. The kept values of the first column must agree
 * exactly. CUB peer: DeviceSelect::If with a less-than functor, for the one-column predicates.
 */
public final class FilterExperiment implements Experiment {
    static final long FIRST_SEED = 0x5EED_0007L;
    static final long SECOND_SEED = 0x5EED_0008L;
    static final long FLOAT_SEED = 0x5EED_0009L;
    static final long INT_RANGE = 1_000_000;

    /** What a variant filters by. */
    private enum Predicate {
        INT64_LESS,
        FLOAT64_LESS,
        AND,
        OR
    }

    /** A variant: its predicate and, for the one-column ones, the selectivity in percent. */
    private record Variant(Predicate predicate, int percent) {
        static Variant parse(String name) {
            String[] words = name.split(" ");
            int percent = Integer.parseInt(words[1].substring(0, words[1].length() - 1));
            return new Variant(switch (words[0]) {
                case "int64" -> Predicate.INT64_LESS;
                case "float64" -> Predicate.FLOAT64_LESS;
                case "AND" -> Predicate.AND;
                case "OR" -> Predicate.OR;
                default -> throw new IllegalArgumentException("no filter variant '" + name + "'");
            }, percent);
        }

        boolean twoColumns() {
            return predicate == Predicate.AND || predicate == Predicate.OR;
        }

        ElementType valueType() {
            return predicate == Predicate.FLOAT64_LESS ? ElementType.FLOAT64 : ElementType.INT64;
        }
    }

    @Override
    public String name() {
        return "filter";
    }

    @Override
    public String description() {
        return "filter by a predicate (int64 and float64 less-than at 1/10/50/90%, AND and OR of two columns):"
                + " predicate mask + GpuSelect vs Vector API mask + CpuSelect vs CUB DeviceSelect::If";
    }

    @Override
    public List<String> variants() {
        return List.of("int64 1%", "int64 10%", "int64 50%", "int64 90%", "float64 1%", "float64 10%", "float64 50%",
                "float64 90%", "AND 25%", "OR 75%");
    }

    @Override
    public String sizeUnit() {
        return "rows";
    }

    @Override
    public long deviceBytes(String variant, long size) {
        return 3 * 8 * size + size / 8 + (16 << 20);
    }

    @Override
    public long hostBytes(String variant, long size) {
        return 5 * 8 * size + size / 4;
    }

    @Override
    public NativeCase nativePeer(String variant) {
        Variant parsed = Variant.parse(variant);
        if (parsed.twoColumns()) {
            return NativeCase.noCub("CUB's DeviceSelect::If tests one input sequence; a predicate over two columns"
                    + " would need a zipped input this harness does not build");
        }
        return NativeCase.cub("select_if_less", parsed.valueType().name().toLowerCase(java.util.Locale.ROOT)
                + "_" + parsed.percent());
    }

    @Override
    public Trial prepare(String variant, long size, TrialContext context) {
        return new FilterTrial(Variant.parse(variant), size, context);
    }

    private static final class FilterTrial extends PrimitiveTrial {
        private final Variant variant;
        private final long size;
        private final MemorySegment first;
        private final MemorySegment second;
        private final MemorySegment cpuMask;
        private final MemorySegment cpuKept;
        private final CpuFilterMasks cpuMasks;
        private final CpuSelect cpuSelect;
        private long cpuCount;
        private MemorySegment gpuKept;
        private MemorySegment gpuCount;

        FilterTrial(Variant variant, long size, TrialContext context) {
            super(context);
            this.variant = variant;
            this.size = size;
            this.first = memory.host(8 * size);
            this.second = variant.twoColumns() ? memory.host(8 * size) : null;
            if (variant.predicate() == Predicate.FLOAT64_LESS) {
                SeededData.fillFloat64(context.workers(), first, i -> SeededData.unit(FLOAT_SEED, i));
            } else {
                SeededData.fillInt64(context.workers(), first, i -> SeededData.between(FIRST_SEED, i, 0, INT_RANGE));
            }
            if (second != null) {
                SeededData.fillInt64(context.workers(), second, i -> SeededData.between(SECOND_SEED, i, 0, INT_RANGE));
            }
            this.cpuMask = memory.host(CpuFilterMasks.maskBytes(size));
            this.cpuKept = memory.host(8 * size);
            this.cpuMasks = new CpuFilterMasks(context.workers());
            this.cpuSelect = new CpuSelect(context.workers());
            if (context.hasGpu()) {
                prepareGpu();
            }
        }

        private long intBound() {
            return variant.twoColumns() ? INT_RANGE / 2 : INT_RANGE * variant.percent() / 100;
        }

        private double floatBound() {
            return variant.percent() / 100.0;
        }

        private void prepareGpu() {
            GpuFilterMasks masks = new GpuFilterMasks(context.gpu().device());
            GpuSelect select = new GpuSelect(context.gpu().device());
            DeviceBuffer deviceFirst = memory.device(8 * size);
            DeviceBuffer deviceSecond = second == null ? null : memory.device(8 * size);
            DeviceBuffer mask = memory.device(GpuFilterMasks.maskBytes(size));
            DeviceBuffer kept = memory.device(8 * size);
            DeviceBuffer count = memory.device(8);
            gpuKept = memory.host(8 * size);
            gpuCount = memory.host(8);
            gpu = GpuSteps.forge().upload(first, deviceFirst);
            if (deviceSecond != null) {
                gpu.upload(second, deviceSecond);
            }
            gpu.compute(stream -> {
                switch (variant.predicate()) {
                    case INT64_LESS -> masks.lessInt64(deviceFirst, size, intBound(), mask, stream);
                    case FLOAT64_LESS -> masks.lessFloat64(deviceFirst, size, floatBound(), mask, stream);
                    case AND -> masks.bothLessInt64(deviceFirst, deviceSecond, size, intBound(), intBound(), mask,
                            stream);
                    case OR -> masks.eitherLessInt64(deviceFirst, deviceSecond, size, intBound(), intBound(), mask,
                            stream);
                }
                select.selectByBitMask(deviceFirst, variant.valueType(), mask, kept, count, context.gpu().pool(),
                        stream);
            }).download(stream -> Downloads.counted(count, gpuCount, kept, gpuKept, 8, size, stream), gpuKept,
                    gpuCount);
        }

        @Override
        public TrialShape shape() {
            long columns = second == null ? 1 : 2;
            return new TrialShape(size, 8 * columns * size + 8 * cpuCount, 8 * columns * size, 8 + 8 * cpuCount);
        }

        @Override
        public void runBaseline() {
            switch (variant.predicate()) {
                case INT64_LESS -> cpuMasks.lessInt64(first, intBound(), cpuMask);
                case FLOAT64_LESS -> cpuMasks.lessFloat64(first, floatBound(), cpuMask);
                case AND -> cpuMasks.bothLessInt64(first, second, intBound(), intBound(), cpuMask);
                case OR -> cpuMasks.eitherLessInt64(first, second, intBound(), intBound(), cpuMask);
            }
            cpuCount = cpuSelect.selectByBitMask(first, variant.valueType(), cpuMask, cpuKept);
        }

        @Override
        public String validate() {
            Compare.exactCount("number of rows kept", cpuCount, Downloads.count(gpuCount));
            return Compare.exact("kept " + variant.valueType() + " values", cpuKept, gpuKept, cpuCount, 8);
        }

        @Override
        public OptionalLong inputChecksum() {
            return OptionalLong.of(checksum(first, 8));
        }

    }
}
