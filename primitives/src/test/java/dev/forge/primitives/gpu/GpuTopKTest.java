package dev.forge.primitives.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forge.cuda.Cuda;
import dev.forge.cuda.CudaDevice;
import dev.forge.cuda.DeviceBuffer;
import dev.forge.cuda.MemoryPool;
import dev.forge.cuda.Stream;
import dev.forge.cuda.testing.RequiresGpu;
import dev.forge.primitives.ElementType;
import dev.forge.primitives.SortOrder;
import dev.forge.primitives.cpu.CpuTopK;
import dev.forge.primitives.cpu.CpuWorkers;
import dev.forge.primitives.gpu.GpuInputs.Shape;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.stream.Stream.Builder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@RequiresGpu
class GpuTopKTest {
    private static final int[] KS = {1, 10, 128, 1000, GpuTopK.MAX_K};

    private static CpuWorkers workers;
    private static CpuTopK cpu;

    @BeforeAll
    static void startWorkers() {
        workers = CpuWorkers.allCores();
        cpu = new CpuTopK(workers);
    }

    @AfterAll
    static void stopWorkers() {
        workers.close();
    }

    /**
     * Every type, order and shape at small sizes and 2^20 + 7, k rotating (so every k meets every type); 2^26 for
     * four cases, among them all-equal values (every level but the index's reads the input again).
     */
    static java.util.stream.Stream<Arguments> cases() {
        Builder<Arguments> cases = java.util.stream.Stream.builder();
        int rotation = 0;
        for (ElementType type : ElementType.values()) {
            for (int size : new int[] {0, 1, 4095, 4096, 4097, (1 << 20) + 7}) {
                for (Shape shape : Shape.values()) {
                    for (SortOrder order : SortOrder.values()) {
                        cases.add(Arguments.of(type, size, shape, order, KS[rotation++ % KS.length]));
                    }
                }
            }
        }
        cases.add(Arguments.of(ElementType.FLOAT32, 1 << 26, Shape.UNIFORM, SortOrder.DESCENDING, 128));
        cases.add(Arguments.of(ElementType.INT64, 1 << 26, Shape.ZIPF, SortOrder.ASCENDING, 4096));
        cases.add(Arguments.of(ElementType.INT32, 1 << 26, Shape.ALL_EQUAL, SortOrder.DESCENDING, 100));
        cases.add(Arguments.of(ElementType.FLOAT64, 1 << 26, Shape.FEW_DISTINCT, SortOrder.ASCENDING, 1));
        return cases.build();
    }

    @ParameterizedTest(name = "top {4} {3} of {0} x {1}, {2}")
    @MethodSource("cases")
    void topKMatchesTheCpuTwin(ElementType type, int size, Shape shape, SortOrder order, int k) {
        CudaDevice device = Cuda.defaultDevice();
        GpuTopK topK = new GpuTopK(device);
        long bytes = (long) size * type.byteSize();
        try (Arena arena = Arena.ofShared(); Stream stream = device.createStream(); MemoryPool pool = device.createPool();
                DeviceBuffer values = device.allocate(bytes + DeviceOutputs.GUARD_BYTES);
                DeviceBuffer topValues = device.allocate((long) k * type.byteSize() + DeviceOutputs.GUARD_BYTES);
                DeviceBuffer topIndices = device.allocate(8L * k + DeviceOutputs.GUARD_BYTES)) {
            MemorySegment host = SegmentLayouts.withSpecialFloats(GpuInputs.values(arena, type, size, shape,
                    1_000_003L * size + 31L * shape.ordinal() + 7L * type.ordinal() + order.ordinal()), type);
            MemorySegment expectedValues = arena.allocate((long) k * type.byteSize(), 16);
            MemorySegment expectedIndices = arena.allocate(8L * k, 16);
            int expectedCount = cpu.topK(host, type, k, order, expectedValues, expectedIndices);
            GpuInputs.upload(arena, host, values, stream);
            topValues.fillAsync(DeviceOutputs.POISON, stream);
            topIndices.fillAsync(DeviceOutputs.POISON, stream);
            int count = topK.topK(values.slice(0, bytes), type, k, order, topValues, topIndices, pool, stream);
            stream.synchronize();
            String what = "top " + k + " " + order + " of " + size + " " + type + ", " + shape;
            assertThat(count).as(what + ": count").isEqualTo(expectedCount);
            DeviceOutputs.assertWrittenThenPoison(arena, topIndices, expectedIndices.asSlice(0, 8L * count),
                    what + ": indices");
            DeviceOutputs.assertWrittenThenPoison(arena, topValues,
                    expectedValues.asSlice(0, (long) count * type.byteSize()), what + ": values");
        }
    }

    @Test
    void kOutOfRangeAndShortOutputsAreRefused() {
        CudaDevice device = Cuda.defaultDevice();
        GpuTopK topK = new GpuTopK(device);
        try (Stream stream = device.createStream(); MemoryPool pool = device.createPool();
                DeviceBuffer values = device.allocate(64); DeviceBuffer small = device.allocate(4)) {
            assertThatThrownBy(() -> topK.topK(values, ElementType.INT32, GpuTopK.MAX_K + 1, SortOrder.ASCENDING,
                    values, values, pool, stream)).hasMessageContaining("k must be between 0 and 4096");
            assertThatThrownBy(() -> topK.topK(values, ElementType.INT32, 2, SortOrder.ASCENDING, small, values,
                    pool, stream)).hasMessageContaining("topValues holds 4 bytes");
            assertThatThrownBy(() -> topK.topK(values, ElementType.INT64, 2, SortOrder.ASCENDING, values, small,
                    pool, stream)).hasMessageContaining("topIndices holds 4 bytes");
        }
    }
}
