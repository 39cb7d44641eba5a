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
import dev.forge.primitives.cpu.CpuRunLength;
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
class GpuRunLengthTest {
    private static final ElementType[] TYPES = {ElementType.INT32, ElementType.INT64, ElementType.FLOAT32,
            ElementType.FLOAT64, ElementType.UINT64};

    private static CpuWorkers workers;
    private static CpuRunLength cpu;

    @BeforeAll
    static void startWorkers() {
        workers = CpuWorkers.allCores();
        cpu = new CpuRunLength(workers);
    }

    @AfterAll
    static void stopWorkers() {
        workers.close();
    }

    /** Sizes around the tile (4096 elements of 4 bytes, 2048 of 8), 2^20 + 7, and 2^26 for two types. */
    static java.util.stream.Stream<Arguments> cases() {
        Builder<Arguments> cases = java.util.stream.Stream.builder();
        for (ElementType type : TYPES) {
            int tile = type.byteSize() == 4 ? 4096 : 2048;
            for (int size : new int[] {0, 1, tile - 1, tile, tile + 1, (1 << 20) + 7}) {
                for (Shape shape : Shape.values()) {
                    cases.add(Arguments.of(type, size, shape));
                }
            }
        }
        cases.add(Arguments.of(ElementType.INT32, 1 << 26, Shape.FEW_DISTINCT));
        cases.add(Arguments.of(ElementType.FLOAT64, 1 << 26, Shape.UNIFORM));
        return cases.build();
    }

    @ParameterizedTest(name = "{0} x {1}, {2}")
    @MethodSource("cases")
    void uniqueAndRunLengthEncodingMatchTheCpuTwin(ElementType type, int size, Shape shape) {
        CudaDevice device = Cuda.defaultDevice();
        GpuRunLength runLength = new GpuRunLength(device);
        assertThat(runLength.policy().tileSize(type)).isEqualTo(type.byteSize() == 4 ? 4096 : 2048);
        long bytes = (long) size * type.byteSize();
        try (Arena arena = Arena.ofShared(); Stream stream = device.createStream(); MemoryPool pool = device.createPool();
                DeviceBuffer input = device.allocate(bytes + DeviceOutputs.GUARD_BYTES);
                DeviceBuffer runValues = device.allocate(bytes + DeviceOutputs.GUARD_BYTES);
                DeviceBuffer runLengths = device.allocate(8L * size + DeviceOutputs.GUARD_BYTES);
                DeviceBuffer runCount = device.allocate(8 + DeviceOutputs.GUARD_BYTES)) {
            MemorySegment host = SegmentLayouts.runs(arena, type, size, shape, 1_000_003L * size + shape.ordinal()
                    + 31L * type.ordinal());
            MemorySegment expectedValues = arena.allocate(Math.max(1, bytes), 16).asSlice(0, bytes);
            MemorySegment expectedLengths = arena.allocate(Math.max(8, 8L * size), 16).asSlice(0, 8L * size);
            long runs = cpu.runLengthEncode(host, type, expectedValues, expectedLengths);
            GpuInputs.upload(arena, host, input, stream);
            String what = size + " " + type + " in runs of " + shape;
            for (boolean lengths : new boolean[] {true, false}) {
                runValues.fillAsync(DeviceOutputs.POISON, stream);
                runLengths.fillAsync(DeviceOutputs.POISON, stream);
                runCount.fillAsync(DeviceOutputs.POISON, stream);
                if (lengths) {
                    runLength.runLengthEncode(input.slice(0, bytes), type, runValues, runLengths, runCount, pool, stream);
                } else {
                    runLength.unique(input.slice(0, bytes), type, runValues, runCount, pool, stream);
                }
                stream.synchronize();
                String call = (lengths ? "run-length encoding " : "unique of ") + what;
                assertThat(DeviceOutputs.readLong(runCount)).as(call + ": run count").isEqualTo(runs);
                DeviceOutputs.assertWrittenThenPoison(arena, runValues, expectedValues.asSlice(0, runs * type.byteSize()),
                        call + ": values");
                DeviceOutputs.assertWrittenThenPoison(arena, runLengths,
                        lengths ? expectedLengths.asSlice(0, 8 * runs) : MemorySegment.NULL, call + ": lengths");
                DeviceOutputs.assertWrittenThenPoison(arena, runCount, arena.allocate(8, 8).fill((byte) 0)
                        .copyFrom(MemorySegment.ofArray(new long[] {runs})), call + ": count word");
            }
        }
    }

    @Test
    void shortOutputsAreRefused() {
        CudaDevice device = Cuda.defaultDevice();
        GpuRunLength runLength = new GpuRunLength(device);
        try (Stream stream = device.createStream(); MemoryPool pool = device.createPool();
                DeviceBuffer values = device.allocate(64); DeviceBuffer small = device.allocate(4)) {
            assertThatThrownBy(() -> runLength.unique(values, ElementType.INT64, small, values, pool, stream))
                    .hasMessageContaining("uniqueValues holds 4 bytes");
            assertThatThrownBy(() -> runLength.runLengthEncode(values, ElementType.INT32, values, small, values, pool,
                    stream)).hasMessageContaining("runLengths holds 4 bytes");
            assertThatThrownBy(() -> runLength.unique(values, ElementType.INT32, values, small, pool, stream))
                    .hasMessageContaining("runCount holds 4 bytes");
        }
    }
}
