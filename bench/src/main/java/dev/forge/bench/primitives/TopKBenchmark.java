package dev.forge.bench.primitives;

import dev.forge.cuda.DeviceBuffer;
import dev.forge.primitives.ElementType;
import dev.forge.primitives.SortOrder;
import dev.forge.primitives.cpu.CpuTopK;
import dev.forge.primitives.gpu.GpuTopK;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Top-k (largest first) for k = 128, 1,024 and 4,096 ({@code GpuTopK.MAX_K}): {@code GpuTopK} against
 * {@code CpuTopK}, on uniform random int32 bits and on uniform float32 in [0, 1), whose leading bits are mostly alike
 * (every value's sign and most of its exponent), which costs the radix select one more pass over the input. Values
 * and indices must agree exactly. CUB has no top-k. Bytes moved count the input once.
 */
final class TopKBenchmark implements FamilyBenchmark {
    static final int[] K = {128, 1024, GpuTopK.MAX_K};

    private final MeasurementContext context;
    private final GpuTopK gpu;
    private final CpuTopK cpu;

    TopKBenchmark(MeasurementContext context) {
        this.context = context;
        this.gpu = new GpuTopK(context.device);
        this.cpu = new CpuTopK(context.workers);
    }

    @Override
    public void measure(long size) {
        for (ElementType type : new ElementType[] {ElementType.INT32, ElementType.FLOAT32}) {
            String typeName = type.name().toLowerCase(Locale.ROOT);
            // the input, and the pool's candidate buffers (16 bytes a candidate, two buffers)
            if (!context.roomFor(PrimitiveFamily.TOP_K, "top_k", typeName, size,
                    4 * size + 32 * GpuTopK.candidateCapacity(size) + (16 << 20))) {
                continue;
            }
            context.progress.accept("top-k, " + size + " " + typeName);
            try (Arena arena = Arena.ofShared(); DeviceBuffer input = context.device.allocate(4 * size)) {
                MemorySegment values = arena.allocate(4 * size, 64);
                SplittableRandom random = new SplittableRandom(size * 131 + type.ordinal());
                for (long i = 0; i < size; i++) {
                    if (type == ElementType.FLOAT32) {
                        values.setAtIndex(ValueLayout.JAVA_FLOAT, i, random.nextFloat());
                    } else {
                        values.setAtIndex(ValueLayout.JAVA_INT, i, random.nextInt());
                    }
                }
                input.copyFrom(values);
                for (int k : K) {
                    measure(arena, size, type, k, values, input);
                }
            }
        }
    }

    private void measure(Arena arena, long size, ElementType type, int k, MemorySegment values, DeviceBuffer input) {
        MemorySegment expectedValues = arena.allocate(4L * k, 64);
        MemorySegment expectedIndices = arena.allocate(8L * k, 64);
        try (DeviceBuffer topValues = context.device.allocate(4L * k);
                DeviceBuffer topIndices = context.device.allocate(8L * k)) {
            int[] count = new int[1];
            double gpuSeconds = context.gpuMedian(() -> gpu.topK(input, type, k, SortOrder.DESCENDING, topValues,
                    topIndices, context.pool, context.stream));
            double cpuSeconds = context.cpuMedian(size,
                    () -> count[0] = cpu.topK(values, type, k, SortOrder.DESCENDING, expectedValues, expectedIndices));
            String primitive = "top_k_" + k;
            ResultCheck.sameBytes(primitive + "'s values", topValues, expectedValues.asSlice(0, 4L * count[0]),
                    context.stream);
            ResultCheck.sameBytes(primitive + "'s indices", topIndices, expectedIndices.asSlice(0, 8L * count[0]),
                    context.stream);
            context.add(new PrimitiveResult(PrimitiveFamily.TOP_K.optionName(), primitive,
                    type.name().toLowerCase(Locale.ROOT), size, 4 * size, gpuSeconds, cpuSeconds, Double.NaN,
                    context.copy));
        }
    }
}
