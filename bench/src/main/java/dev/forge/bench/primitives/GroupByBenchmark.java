package dev.forge.bench.primitives;

import dev.forge.bench.experiments.SeededData;
import dev.forge.cuda.DeviceBuffer;
import dev.forge.primitives.Aggregate;
import dev.forge.primitives.AggregateFunction;
import dev.forge.primitives.ElementType;
import dev.forge.primitives.GroupByResult;
import dev.forge.primitives.cpu.CpuGroupBy;
import dev.forge.primitives.gpu.GpuAggregate;
import dev.forge.primitives.gpu.GpuGroupBy;
import dev.forge.primitives.gpu.GpuGroupByResult;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.List;

/**
 * Hash group-by {@code SUM(value) GROUP BY key} with 1K, 4K, 16K and 64K groups: int32 keys uniform over the groups,
 * int64 values in [0, 1000), {@code GpuGroupBy} against {@code CpuGroupBy}, which takes int64 keys only and so gets
 * the same keys widened (it reads 16 bytes a row to the GPU's 12). Sums are exact 128-bit integers and must agree,
 * group by group, matched by key. Bytes moved count keys and values read once (the streaming measure); the
 * groups written are a few hundred KiB at most. Every call waits on the host once, for the group count
 * ({@code GpuGroupBy} sizes its outputs by it), and that wait is in its time. CUB has no hash group-by.
 */
final class GroupByBenchmark implements FamilyBenchmark {
    static final long[] GROUPS = {1L << 10, 1L << 12, 1L << 14, 1L << 16};
    private static final long KEY_SEED = 0x5EED_0301L;
    private static final long VALUE_SEED = 0x5EED_0302L;
    /** Bytes a row takes on the GPU: an int32 key and an int64 value. */
    private static final int ROW_BYTES = 12;

    private final MeasurementContext context;
    private final GpuGroupBy gpu;
    private final CpuGroupBy cpu;

    GroupByBenchmark(MeasurementContext context) {
        this.context = context;
        this.gpu = new GpuGroupBy(context.device);
        this.cpu = new CpuGroupBy(context.workers);
    }

    @Override
    public void measure(long size) {
        for (long groups : GROUPS) {
            String type = "int32->int64";
            // the columns, and a generous allowance for the group table and its temporaries
            if (!context.roomFor(PrimitiveFamily.GROUP_BY, primitive(groups), type, size,
                    ROW_BYTES * size + 4 * size + (256L << 20))) {
                continue;
            }
            context.progress.accept("group-by SUM, " + size + " rows, " + groups + " groups");
            try (Arena arena = Arena.ofShared(); DeviceBuffer keys = context.device.allocate(4 * size);
                    DeviceBuffer values = context.device.allocate(8 * size)) {
                MemorySegment hostKeys = arena.allocate(4 * size, 64);
                MemorySegment wideKeys = arena.allocate(8 * size, 64);
                MemorySegment hostValues = arena.allocate(8 * size, 64);
                SeededData.fillInt32(context.workers, hostKeys, i -> (int) SeededData.between(KEY_SEED, i, 0, groups));
                SeededData.fillInt64(context.workers, wideKeys, i -> SeededData.between(KEY_SEED, i, 0, groups));
                SeededData.fillInt64(context.workers, hostValues, i -> SeededData.between(VALUE_SEED, i, 0, 1000));
                keys.copyFrom(hostKeys);
                values.copyFrom(hostValues);
                List<GpuAggregate> sum = List.of(GpuAggregate.of(AggregateFunction.SUM, values, ElementType.INT64));
                Runnable gpuCall = () -> gpu.groupBy(List.of(keys), List.of(ElementType.INT32), sum, context.pool,
                        context.stream).close();
                List<Aggregate> cpuSum = List.of(Aggregate.of(AggregateFunction.SUM, hostValues, ElementType.INT64));
                Arena[] expectedArena = new Arena[1];
                GroupByResult[] expected = new GroupByResult[1];
                try {
                    double gpuSeconds = context.gpuMedian(gpuCall);
                    double cpuSeconds = context.cpuMedian(size, () -> {
                        expectedArena[0] = Arena.ofShared();
                        expected[0] = cpu.groupBy(List.of(wideKeys), cpuSum, expectedArena[0]);
                    }, () -> {
                        try (Arena scratch = Arena.ofShared()) {
                            cpu.groupBy(List.of(wideKeys), cpuSum, scratch);
                        }
                    });
                    try (Arena results = Arena.ofConfined();
                            GpuGroupByResult result = gpu.groupBy(List.of(keys), List.of(ElementType.INT32), sum,
                                    context.pool, context.stream)) {
                        check(groups, expected[0], result.copyToHost(results, context.stream));
                    }
                    context.add(new PrimitiveResult(PrimitiveFamily.GROUP_BY.optionName(), primitive(groups), type,
                            size, ROW_BYTES * size, gpuSeconds, cpuSeconds, Double.NaN, context.copy));
                } finally {
                    if (expectedArena[0] != null) {
                        expectedArena[0].close();
                    }
                }
            }
        }
    }

    private static String primitive(long groups) {
        return "group_by_sum_" + (groups >> 10) + "K";
    }

    /** Every GPU group's key is one of the twin's, once, with the twin's exact sum; the group counts are equal. */
    private static void check(long groups, GroupByResult cpu, GroupByResult gpu) {
        String what = "group_by_sum with " + groups + " groups";
        ResultCheck.sameCount(what + ": the number of groups", gpu.groupCount(), cpu.groupCount());
        long[] cpuGroupOfKey = new long[Math.toIntExact(groups)];
        Arrays.fill(cpuGroupOfKey, -1);
        for (long g = 0; g < cpu.groupCount(); g++) {
            cpuGroupOfKey[Math.toIntExact(cpu.key(0, g))] = g;
        }
        for (long g = 0; g < gpu.groupCount(); g++) {
            long key = gpu.key(0, g);
            long expected = key >= 0 && key < groups ? cpuGroupOfKey[(int) key] : -1;
            if (expected < 0) {
                throw ResultCheck.wrong(what + ": group " + g + " has key " + key
                        + ", which the CPU twin does not have (or the GPU gave it twice)");
            }
            cpuGroupOfKey[(int) key] = -1;
            if (!gpu.int128At(0, g).equals(cpu.int128At(0, expected))) {
                throw ResultCheck.wrong(what + ": key " + key + " sums to " + gpu.int128At(0, g) + ", the CPU twin's "
                        + cpu.int128At(0, expected));
            }
        }
    }
}
