package dev.forge.bench.primitives;

import dev.forge.bench.experiments.SeededData;
import dev.forge.bench.experiments.cases.CompactExperiment;
import dev.forge.cuda.DeviceBuffer;
import dev.forge.primitives.ElementType;
import dev.forge.primitives.cpu.CpuSelect;
import dev.forge.primitives.cpu.CpuWorkers;
import dev.forge.primitives.gpu.GpuSelect;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.OptionalLong;

/**
 * Stream compaction and partition of random int32 values by byte flags set with probability {@value #PERCENT_KEPT}%
 * (the experiment suite's {@code CompactExperiment} data): {@code GpuSelect.selectByByteMask} and
 * {@code partitionByByteMask} against {@code CpuSelect} and CUB's DeviceSelect::Flagged and DevicePartition::Flagged
 * (cub_experiments.cu, same data, checksummed). Both Forge and CUB write the kept values first in input order; Forge
 * writes the rejected ones after them in input order, CUB in reverse order, which moves the same bytes. Bytes moved:
 * values and flags read, kept values (all values, for partition) and the count written. Selection by a predicate is
 * not measured: {@code GpuSelect} takes masks only (the experiment suite's filter experiment times a predicate mask
 * kernel followed by the bit-mask select against CUB's DeviceSelect::If).
 */
final class SelectBenchmark implements FamilyBenchmark {
    static final int PERCENT_KEPT = 50;
    static final List<String> CUB_PRIMITIVES = List.of("select_flagged", "partition_flagged");

    private final MeasurementContext context;
    private final GpuSelect gpu;
    private final CpuSelect cpu;

    SelectBenchmark(MeasurementContext context) {
        this.context = context;
        this.gpu = new GpuSelect(context.device);
        this.cpu = new CpuSelect(context.workers);
    }

    @Override
    public void measure(long size) {
        for (String primitive : List.of("select_if", "partition_if")) {
            context.skip(PrimitiveFamily.SELECT, primitive, "int32", size, "not measured: no entry point (GpuSelect"
                    + " compacts by byte or bit masks; forge bench run filter times a predicate mask kernel plus"
                    + " selectByBitMask against CUB DeviceSelect::If)");
        }
        if (!context.roomFor(PrimitiveFamily.SELECT, "select/partition_flagged", "int32", size,
                9 * size + (16 << 20))) {
            return;
        }
        context.progress.accept("select and partition by flags, " + size);
        try (Arena arena = Arena.ofShared(); DeviceBuffer values = context.device.allocate(4 * size);
                DeviceBuffer flags = context.device.allocate(size); DeviceBuffer output = context.device.allocate(4 * size);
                DeviceBuffer count = context.device.allocate(8)) {
            MemorySegment hostValues = arena.allocate(4 * size, 64);
            MemorySegment hostFlags = arena.allocate(size, 64);
            MemorySegment expected = arena.allocate(4 * size, 64);
            fill(context.workers, hostValues, hostFlags);
            long checksum = SeededData.checksum(context.workers, hostValues, 4)
                    + SeededData.checksum(context.workers, hostFlags, 1);
            values.copyFrom(hostValues);
            flags.copyFrom(hostFlags);
            long[] kept = new long[1];

            double gpuSelect = context.gpuMedian(() -> gpu.selectByByteMask(values, ElementType.INT32, flags, output,
                    count, context.pool, context.stream));
            double cpuSelect = context.cpuMedian(size,
                    () -> kept[0] = cpu.selectByByteMask(hostValues, ElementType.INT32, hostFlags, expected));
            ResultCheck.sameCount("select_flagged's count", count, kept[0], context.stream);
            ResultCheck.sameBytes("select_flagged's values", output, expected.asSlice(0, 4 * kept[0]), context.stream);
            add("select_flagged", size, 5 * size + 4 * kept[0] + 8, gpuSelect, cpuSelect, checksum);

            double gpuPartition = context.gpuMedian(() -> gpu.partitionByByteMask(values, ElementType.INT32, flags,
                    output, count, context.pool, context.stream));
            double cpuPartition = context.cpuMedian(size,
                    () -> cpu.partitionByByteMask(hostValues, ElementType.INT32, hostFlags, expected));
            ResultCheck.sameCount("partition_flagged's count", count, kept[0], context.stream);
            ResultCheck.sameBytes("partition_flagged's values", output, expected, context.stream);
            add("partition_flagged", size, 9 * size + 8, gpuPartition, cpuPartition, checksum);
        }
    }

    /** Random int32 values and their byte flags, as cub_experiments.cu makes them. */
    static void fill(CpuWorkers workers, MemorySegment values, MemorySegment flags) {
        SeededData.fillInt32(workers, values, i -> (int) SeededData.bits(CompactExperiment.VALUE_SEED, i));
        SeededData.fillFlags(workers, flags, i -> SeededData.chance(CompactExperiment.FLAG_SEED, i, PERCENT_KEPT));
    }

    private void add(String primitive, long size, long bytes, double gpuSeconds, double cpuSeconds, long checksum) {
        context.add(new PrimitiveResult(PrimitiveFamily.SELECT.optionName(), primitive, "int32", size, bytes,
                gpuSeconds, cpuSeconds,
                context.cub.seconds(primitive, Integer.toString(PERCENT_KEPT), size, OptionalLong.of(checksum)),
                context.copy));
    }
}
