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
import dev.forge.primitives.ReduceOperator;
import dev.forge.primitives.SegmentedSumOrder;
import dev.forge.primitives.cpu.CpuSegmentedReduce;
import dev.forge.primitives.cpu.CpuWorkers;
import dev.forge.primitives.gpu.GpuInputs.Shape;
import dev.forge.primitives.gpu.SegmentLayouts.Segmentation;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import java.util.stream.Stream.Builder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@RequiresGpu
class GpuSegmentedReduceTest {
    private static final ElementType[] VALUE_TYPES = {ElementType.INT32, ElementType.INT64, ElementType.FLOAT32,
            ElementType.FLOAT64};

    private static CpuWorkers workers;
    /** Built with the default order, which must be the kernels' (checked below). */
    private static CpuSegmentedReduce cpu;

    @BeforeAll
    static void startWorkers() {
        workers = CpuWorkers.allCores();
        cpu = new CpuSegmentedReduce(workers);
    }

    @AfterAll
    static void stopWorkers() {
        workers.close();
    }

    @Test
    void theKernelsAddInTheTwinsDefaultOrder() {
        GpuSegmentedReduce reduce = new GpuSegmentedReduce(Cuda.defaultDevice());
        assertThat(reduce.sumOrder()).isEqualTo(SegmentedSumOrder.GPU);
        assertThat(reduce.policy().tileSize(ElementType.FLOAT32)).isEqualTo(4096);
        assertThat(reduce.policy().tileSize(ElementType.FLOAT64)).isEqualTo(2048);
    }

    /**
     * Every type and operator at sizes around the tile and 2^20 + 7 over every segmentation, the operator rotating;
     * at 2^26, 16-value segments and one huge segment for the floating sums (where the order shows) and int64 MAX.
     */
    static java.util.stream.Stream<Arguments> segmentedCases() {
        Builder<Arguments> cases = java.util.stream.Stream.builder();
        int rotation = 0;
        for (ElementType type : VALUE_TYPES) {
            int tile = type.byteSize() == 4 ? 4096 : 2048;
            for (int size : new int[] {0, 1, tile - 1, tile, tile + 1, (1 << 20) + 7}) {
                for (Segmentation segmentation : Segmentation.values()) {
                    for (ReduceOperator operator : ReduceOperator.values()) {
                        if (size < (1 << 20) || rotation++ % 3 == 0) {
                            cases.add(Arguments.of(type, operator, size, segmentation));
                        }
                    }
                }
            }
        }
        for (Segmentation segmentation : new Segmentation[] {Segmentation.SIXTEEN, Segmentation.ONE}) {
            cases.add(Arguments.of(ElementType.FLOAT32, ReduceOperator.SUM, 1 << 26, segmentation));
            cases.add(Arguments.of(ElementType.FLOAT64, ReduceOperator.SUM, 1 << 26, segmentation));
        }
        cases.add(Arguments.of(ElementType.INT64, ReduceOperator.MAX, 1 << 26, Segmentation.MIXED));
        return cases.build();
    }

    @ParameterizedTest(name = "{1} of {0} x {2}, {3}")
    @MethodSource("segmentedCases")
    void segmentedReduceMatchesTheCpuTwin(ElementType type, ReduceOperator operator, int size,
            Segmentation segmentation) {
        CudaDevice device = Cuda.defaultDevice();
        GpuSegmentedReduce reduce = new GpuSegmentedReduce(device);
        int tile = reduce.policy().tileSize(type);
        long seed = 1_000_003L * size + 31L * segmentation.ordinal() + 7L * type.ordinal() + operator.ordinal();
        long[] offsets = segmentation.offsets(size, tile, new SplittableRandom(seed));
        int segments = offsets.length - 1;
        long bytes = (long) size * type.byteSize();
        long resultBytes = (long) segments * type.byteSize();
        try (Arena arena = Arena.ofShared(); Stream stream = device.createStream(); MemoryPool pool = device.createPool();
                DeviceBuffer values = device.allocate(bytes + DeviceOutputs.GUARD_BYTES);
                DeviceBuffer offsetBuffer = device.allocate(8L * offsets.length);
                DeviceBuffer results = device.allocate(resultBytes + DeviceOutputs.GUARD_BYTES);
                DeviceBuffer invalid = device.allocate(8 + DeviceOutputs.GUARD_BYTES)) {
            MemorySegment hostValues = GpuInputs.values(arena, type, size, seed % 2 == 0 ? Shape.UNIFORM : Shape.ZIPF, seed);
            MemorySegment hostOffsets = SegmentLayouts.segment(arena, offsets);
            MemorySegment expected = arena.allocate(Math.max(1, resultBytes), 16).asSlice(0, resultBytes);
            cpu.segmentedReduce(hostValues, type, hostOffsets, operator, expected);
            GpuInputs.upload(arena, hostValues, values, stream);
            GpuInputs.upload(arena, hostOffsets, offsetBuffer, stream);
            results.fillAsync(DeviceOutputs.POISON, stream);
            invalid.fillAsync(DeviceOutputs.POISON, stream);
            reduce.segmentedReduce(values.slice(0, bytes), type, offsetBuffer, operator, results.slice(0, resultBytes),
                    invalid.slice(0, 8), pool, stream);
            stream.synchronize();
            String what = operator + " of " + size + " " + type + " in " + segments + " " + segmentation + " segments";
            assertThat(DeviceOutputs.readLong(invalid)).as(what + ": first invalid offset").isEqualTo(-1L);
            DeviceOutputs.assertWrittenThenPoison(arena, results, expected, what);
        }
    }

    /** Offsets the twin rejects: the GPU reports the index the twin's message names. */
    @Test
    void invalidOffsetsAreReportedAtTheFirstFault() {
        CudaDevice device = Cuda.defaultDevice();
        GpuSegmentedReduce reduce = new GpuSegmentedReduce(device);
        int size = 5 * 2048 + 9;
        long[][] offsetSets = {
            {0, 10, 5, 20, size},
            {-3, 10, 20},
            {0, 10, size + 1, size + 1},
            {0, 6000, 7, 9000, 3, size},
            {5, 5, 5, 4},
        };
        long[] expectedIndex = {2, 0, 2, 2, 3};
        try (Arena arena = Arena.ofShared(); Stream stream = device.createStream(); MemoryPool pool = device.createPool();
                DeviceBuffer values = device.allocate(8L * size); DeviceBuffer offsets = device.allocate(8 * 8);
                DeviceBuffer results = device.allocate(8 * 8); DeviceBuffer invalid = device.allocate(8)) {
            GpuInputs.upload(arena, GpuInputs.values(arena, ElementType.INT64, size, Shape.UNIFORM, 5), values, stream);
            for (int c = 0; c < offsetSets.length; c++) {
                long[] set = offsetSets[c];
                GpuInputs.upload(arena, SegmentLayouts.segment(arena, set), offsets, stream);
                reduce.segmentedReduce(values, ElementType.INT64, offsets.slice(0, 8L * set.length), ReduceOperator.SUM,
                        results, invalid, pool, stream);
                stream.synchronize();
                assertThat(DeviceOutputs.readLong(invalid)).as("offsets set %d", c).isEqualTo(expectedIndex[c]);
            }
        }
    }

    /** Key types of both widths under every value type and operator, keys in runs of every shape. */
    static java.util.stream.Stream<Arguments> byKeyCases() {
        Builder<Arguments> cases = java.util.stream.Stream.builder();
        int rotation = 0;
        for (ElementType keyType : new ElementType[] {ElementType.INT32, ElementType.FLOAT64, ElementType.UINT64}) {
            for (ElementType valueType : VALUE_TYPES) {
                int tile = valueType.byteSize() == 4 ? 4096 : 2048;
                for (ReduceOperator operator : ReduceOperator.values()) {
                    for (int size : new int[] {0, 1, tile - 1, tile, tile + 1, (1 << 20) + 7}) {
                        Shape shape = Shape.values()[rotation++ % Shape.values().length];
                        cases.add(Arguments.of(keyType, valueType, operator, size, shape));
                    }
                }
            }
        }
        cases.add(Arguments.of(ElementType.INT64, ElementType.FLOAT32, ReduceOperator.SUM, 1 << 26, Shape.ZIPF));
        return cases.build();
    }

    @ParameterizedTest(name = "{2} of {1} by {0} keys x {3}, {4}")
    @MethodSource("byKeyCases")
    void reduceByKeyMatchesTheCpuTwin(ElementType keyType, ElementType valueType, ReduceOperator operator, int size,
            Shape shape) {
        CudaDevice device = Cuda.defaultDevice();
        GpuSegmentedReduce reduce = new GpuSegmentedReduce(device);
        long keyBytes = (long) size * keyType.byteSize();
        long valueBytes = (long) size * valueType.byteSize();
        try (Arena arena = Arena.ofShared(); Stream stream = device.createStream(); MemoryPool pool = device.createPool();
                DeviceBuffer keys = device.allocate(keyBytes + DeviceOutputs.GUARD_BYTES);
                DeviceBuffer values = device.allocate(valueBytes + DeviceOutputs.GUARD_BYTES);
                DeviceBuffer uniqueKeys = device.allocate(keyBytes + DeviceOutputs.GUARD_BYTES);
                DeviceBuffer results = device.allocate(valueBytes + DeviceOutputs.GUARD_BYTES);
                DeviceBuffer runCount = device.allocate(8 + DeviceOutputs.GUARD_BYTES)) {
            long seed = 1_000_003L * size + 31L * shape.ordinal() + 7L * keyType.ordinal() + valueType.ordinal();
            MemorySegment hostKeys = SegmentLayouts.runs(arena, keyType, size, shape, seed);
            MemorySegment hostValues = GpuInputs.values(arena, valueType, size, Shape.UNIFORM, seed + 1);
            MemorySegment expectedKeys = arena.allocate(Math.max(1, keyBytes), 16).asSlice(0, keyBytes);
            MemorySegment expectedResults = arena.allocate(Math.max(1, valueBytes), 16).asSlice(0, valueBytes);
            long runs = cpu.reduceByKey(hostKeys, keyType, hostValues, valueType, operator, expectedKeys,
                    expectedResults);
            GpuInputs.upload(arena, hostKeys, keys, stream);
            GpuInputs.upload(arena, hostValues, values, stream);
            uniqueKeys.fillAsync(DeviceOutputs.POISON, stream);
            results.fillAsync(DeviceOutputs.POISON, stream);
            runCount.fillAsync(DeviceOutputs.POISON, stream);
            reduce.reduceByKey(keys.slice(0, keyBytes), keyType, values.slice(0, valueBytes), valueType, operator,
                    uniqueKeys, results, runCount, pool, stream);
            stream.synchronize();
            String what = operator + " of " + size + " " + valueType + " by " + keyType + " keys in " + shape + " runs";
            assertThat(DeviceOutputs.readLong(runCount)).as(what + ": run count").isEqualTo(runs);
            DeviceOutputs.assertWrittenThenPoison(arena, uniqueKeys, expectedKeys.asSlice(0, runs * keyType.byteSize()),
                    what + ": keys");
            DeviceOutputs.assertWrittenThenPoison(arena, results,
                    expectedResults.asSlice(0, runs * valueType.byteSize()), what + ": results");
        }
    }

    @Test
    void unsupportedTypesAndShortBuffersAreRefused() {
        CudaDevice device = Cuda.defaultDevice();
        GpuSegmentedReduce reduce = new GpuSegmentedReduce(device);
        try (Stream stream = device.createStream(); MemoryPool pool = device.createPool();
                DeviceBuffer values = device.allocate(64); DeviceBuffer small = device.allocate(4)) {
            assertThatThrownBy(() -> reduce.segmentedReduce(values, ElementType.UINT32, values, ReduceOperator.SUM,
                    values, values, pool, stream)).hasMessageContaining("UINT32");
            assertThatThrownBy(() -> reduce.segmentedReduce(values, ElementType.INT64, values, ReduceOperator.SUM,
                    small, values, pool, stream)).hasMessageContaining("results holds 4 bytes");
            assertThatThrownBy(() -> reduce.segmentedReduce(values, ElementType.INT64, values.slice(0, 0),
                    ReduceOperator.SUM, values, values, pool, stream)).hasMessageContaining("at least one entry");
            assertThatThrownBy(() -> reduce.reduceByKey(values, ElementType.INT32, values.slice(0, 32),
                    ElementType.INT32, ReduceOperator.MIN, values, values, values, pool, stream))
                    .hasMessageContaining("one value per key");
        }
    }
}
