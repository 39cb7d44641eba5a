package dev.forge.bench.primitives;

import dev.forge.cuda.DeviceBuffer;
import dev.forge.primitives.ElementType;
import dev.forge.primitives.Int128;
import dev.forge.primitives.cpu.CpuReduce;
import dev.forge.primitives.cpu.CpuScan;
import dev.forge.primitives.gpu.GpuReduce;
import dev.forge.primitives.gpu.GpuScan;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Reduce (sum) and inclusive scan over int32, int64, float32 and float64: {@code GpuReduce} and {@code GpuScan}
 * against {@code CpuReduce}, {@code CpuScan} and CUB's DeviceReduce::Sum and DeviceScan::InclusiveSum
 * (cub_primitives.cu). Inputs are seeded random integers in [-1000, 1000] (floats the same, as values), as in the CUB
 * harness; both sums are exact, so the results must agree exactly.
 */
final class ReduceScanBenchmark implements FamilyBenchmark {
    private static final ElementType[] TYPES = {ElementType.INT32, ElementType.INT64, ElementType.FLOAT32,
        ElementType.FLOAT64};

    private final MeasurementContext context;
    private final boolean reduce;
    private final boolean scan;
    private final GpuReduce gpuReduce;
    private final GpuScan gpuScan;
    private final CpuReduce cpuReduce;
    private final CpuScan cpuScan;

    ReduceScanBenchmark(MeasurementContext context, boolean reduce, boolean scan) {
        this.context = context;
        this.reduce = reduce;
        this.scan = scan;
        this.gpuReduce = new GpuReduce(context.device);
        this.gpuScan = new GpuScan(context.device);
        this.cpuReduce = new CpuReduce(context.workers);
        this.cpuScan = new CpuScan(context.workers);
    }

    @Override
    public void measure(long size) {
        for (ElementType type : TYPES) {
            String typeName = type.name().toLowerCase(Locale.ROOT);
            long bytes = size * type.byteSize();
            if (!context.roomFor(reduce ? PrimitiveFamily.REDUCE : PrimitiveFamily.SCAN, "reduce_sum/scan", typeName,
                    size, 2 * bytes + (16 << 20))) {
                continue;
            }
            context.progress.accept((reduce ? "reduce " : "") + (scan ? "scan " : "") + size + " " + typeName);
            try (Arena arena = Arena.ofShared(); DeviceBuffer input = context.device.allocate(bytes);
                    DeviceBuffer output = context.device.allocate(bytes); DeviceBuffer result = context.device.allocate(16)) {
                MemorySegment host = randomValues(arena, type, size);
                input.copyFrom(host);
                if (reduce) {
                    double gpu = context.gpuMedian(() -> gpuReduce.reduce(GpuReduce.Operation.SUM, input, type, result,
                            context.pool, context.stream));
                    double[] expected = new double[1];
                    double cpu = context.cpuMedian(size, () -> expected[0] = sum(host, type));
                    checkSum(result, type, expected[0], size);
                    context.add(new PrimitiveResult(PrimitiveFamily.REDUCE.optionName(), "reduce_sum", typeName, size,
                            bytes, gpu, cpu, context.cub.seconds("reduce_sum", typeName, size), context.copy));
                }
                if (scan) {
                    MemorySegment hostOutput = arena.allocate(bytes, 64);
                    double gpu = context.gpuMedian(() -> gpuScan.inclusiveSum(input, output, type, context.pool,
                            context.stream));
                    double cpu = context.cpuMedian(size, () -> cpuScan.inclusiveSum(host, hostOutput, type));
                    // Integer-valued inputs below 2^53 in total keep every prefix exact in double, which both sides
                    // accumulate in (float32 too), so the scans agree bit for bit whatever order the additions ran in.
                    ResultCheck.sameBytes("scan of " + typeName, output, hostOutput, context.stream);
                    context.add(new PrimitiveResult(PrimitiveFamily.SCAN.optionName(), "scan_inclusive_sum", typeName,
                            size, 2 * bytes, gpu, cpu, context.cub.seconds("scan_inclusive_sum", typeName, size),
                            context.copy));
                }
            }
        }
    }

    private static MemorySegment randomValues(Arena arena, ElementType type, long count) {
        MemorySegment values = arena.allocate(count * type.byteSize(), 64);
        SplittableRandom random = new SplittableRandom(count * 31 + type.ordinal());
        for (long i = 0; i < count; i++) {
            int value = random.nextInt(-1000, 1001);
            switch (type) {
                case INT32 -> values.setAtIndex(ValueLayout.JAVA_INT, i, value);
                case INT64 -> values.setAtIndex(ValueLayout.JAVA_LONG, i, value);
                case FLOAT32 -> values.setAtIndex(ValueLayout.JAVA_FLOAT, i, value);
                case FLOAT64 -> values.setAtIndex(ValueLayout.JAVA_DOUBLE, i, value);
                case UINT32, UINT64 -> throw new IllegalArgumentException(type.toString());
            }
        }
        return values;
    }

    /** The CPU twin's sum as a double (exact for these inputs: |sum| stays far below 2^53). */
    private double sum(MemorySegment values, ElementType type) {
        return switch (type) {
            case INT32 -> cpuReduce.sumInt32(values);
            case INT64 -> cpuReduce.sumInt64(values).toBigInteger().doubleValue();
            case FLOAT32 -> cpuReduce.sumFloat32(values);
            case FLOAT64 -> cpuReduce.sumFloat64(values);
            case UINT32, UINT64 -> throw new IllegalArgumentException(type.toString());
        };
    }

    private void checkSum(DeviceBuffer result, ElementType type, double expected, long size) {
        context.stream.synchronize();
        long[] words = new long[2];
        result.copyTo(MemorySegment.ofArray(words));
        double actual = switch (type) {
            case INT32 -> words[0];
            case INT64 -> new Int128(words[1], words[0]).toBigInteger().doubleValue();
            case FLOAT32, FLOAT64 -> Double.longBitsToDouble(words[0]);
            case UINT32, UINT64 -> throw new IllegalArgumentException(type.toString());
        };
        if (actual != expected) {
            throw ResultCheck.wrong("reduce_sum over " + size + " " + type + " gave " + actual + ", the CPU twin "
                    + expected);
        }
    }
}
