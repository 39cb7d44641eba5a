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
import dev.forge.primitives.cpu.CpuScan;
import dev.forge.primitives.cpu.CpuWorkers;
import dev.forge.primitives.gpu.GpuInputs.Shape;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.stream.Stream.Builder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@RequiresGpu
class GpuScanTest {
    private static final ElementType[] TYPES = {ElementType.INT32, ElementType.INT64, ElementType.FLOAT32, ElementType.FLOAT64};

    private static CpuWorkers workers;
    private static CpuScan cpu;

    @BeforeAll
    static void startWorkers() {
        workers = CpuWorkers.allCores();
        cpu = new CpuScan(workers);
    }

    @AfterAll
    static void stopWorkers() {
        workers.close();
    }

    /** A tile is 4096 elements of 4 bytes or 2048 of 8; sizes straddle both, and many tiles test the look-back. */
    static java.util.stream.Stream<Arguments> cases() {
        Builder<Arguments> cases = java.util.stream.Stream.builder();
        for (ElementType type : TYPES) {
            int tile = type.byteSize() == 4 ? 4096 : 2048;
            for (int size : new int[] {1, tile - 1, tile, tile + 1, 40 * tile + 3, (1 << 20) + 7}) {
                for (Shape shape : Shape.values()) {
                    cases.add(Arguments.of(type, size, shape));
                }
            }
            cases.add(Arguments.of(type, 1 << 26, Shape.FEW_DISTINCT));
        }
        return cases.build();
    }

    @ParameterizedTest(name = "{0} x {1} {2}")
    @MethodSource("cases")
    void inclusiveAndExclusiveSumsMatchTheCpuTwin(ElementType type, int size, Shape shape) {
        CudaDevice device = Cuda.defaultDevice();
        GpuScan scan = new GpuScan(device);
        long bytes = (long) size * type.byteSize();
        try (Arena arena = Arena.ofShared(); Stream stream = device.createStream(); MemoryPool pool = device.createPool();
                DeviceBuffer input = device.allocate(bytes); DeviceBuffer output = device.allocate(bytes + 64)) {
            MemorySegment host = GpuInputs.values(arena, type, size, shape, 17L * size + shape.ordinal());
            GpuInputs.upload(arena, host, input, stream); // on the scan's stream (see GpuInputs.upload)
            MemorySegment expected = arena.allocate(bytes, 16);
            MemorySegment actual = arena.allocate(bytes + 64, 16);
            for (boolean inclusive : new boolean[] {true, false}) {
                output.fillAsync((byte) 0xA5, stream); // poison, including 64 bytes past the end that must stay untouched
                if (inclusive) {
                    scan.inclusiveSum(input, output, type, pool, stream);
                    cpu.inclusiveSum(host, expected, type);
                } else {
                    scan.exclusiveSum(input, output, type, pool, stream);
                    cpu.exclusiveSum(host, expected, type);
                }
                stream.synchronize();
                output.copyTo(actual);
                String what = (inclusive ? "inclusive" : "exclusive") + " sum of " + size + " " + type + " " + shape;
                assertMatches(what, type, host, expected, actual.asSlice(0, bytes));
                for (long i = bytes; i < bytes + 64; i++) {
                    assertThat(actual.get(ValueLayout.JAVA_BYTE, i)).as(what + ": byte %d past the end", i - bytes)
                            .isEqualTo((byte) 0xA5);
                }
            }
        }
    }

    private static void assertMatches(String what, ElementType type, MemorySegment input, MemorySegment expected,
            MemorySegment actual) {
        switch (type) {
            case INT32, INT64 -> {
                long mismatch = expected.mismatch(actual);
                assertThat(mismatch).as(what + ": first differing byte").isEqualTo(-1L);
            }
            case FLOAT32, FLOAT64 -> {
                long count = input.byteSize() / type.byteSize();
                double magnitude = 0;
                for (long i = 0; i < count; i++) {
                    double value = type == ElementType.FLOAT32 ? input.getAtIndex(ValueLayout.JAVA_FLOAT, i)
                            : input.getAtIndex(ValueLayout.JAVA_DOUBLE, i);
                    magnitude += Double.isFinite(value) ? Math.abs(value) : 0;
                    double want = type == ElementType.FLOAT32 ? expected.getAtIndex(ValueLayout.JAVA_FLOAT, i)
                            : expected.getAtIndex(ValueLayout.JAVA_DOUBLE, i);
                    double got = type == ElementType.FLOAT32 ? actual.getAtIndex(ValueLayout.JAVA_FLOAT, i)
                            : actual.getAtIndex(ValueLayout.JAVA_DOUBLE, i);
                    if (!Double.isFinite(want) || !Double.isFinite(got)) {
                        assertThat(Double.compare(got, want)).as(what + " at " + i + ": gpu " + got + ", cpu " + want).isZero();
                    } else {
                        double rounding = type == ElementType.FLOAT32 ? Math.ulp((float) want) : 0;
                        assertThat(Math.abs(got - want)).as(what + " at " + i + ": gpu " + got + ", cpu " + want)
                                .isLessThanOrEqualTo(rounding + 1e-15 * (i + 16) * magnitude + Double.MIN_NORMAL);
                    }
                }
            }
            default -> throw new IllegalArgumentException(type.toString());
        }
    }

    @Test
    void anInPlaceScanOverwritesItsInput() {
        CudaDevice device = Cuda.defaultDevice();
        GpuScan scan = new GpuScan(device);
        int size = 100_003;
        try (Arena arena = Arena.ofConfined(); Stream stream = device.createStream(); MemoryPool pool = device.createPool();
                DeviceBuffer data = device.allocate(8L * size)) {
            long[] values = new long[size];
            for (int i = 0; i < size; i++) {
                values[i] = i % 7 - 3;
            }
            GpuInputs.upload(arena, MemorySegment.ofArray(values), data, stream);
            scan.inclusiveSum(data, data, ElementType.INT64, pool, stream);
            stream.synchronize();
            long[] back = new long[size];
            data.copyTo(MemorySegment.ofArray(back));
            long running = 0;
            for (int i = 0; i < size; i++) {
                running += values[i];
                assertThat(back[i]).as("element %d", i).isEqualTo(running);
            }
        }
    }

    @Test
    void unsupportedTypesAndShortOutputsAreRefused() {
        CudaDevice device = Cuda.defaultDevice();
        GpuScan scan = new GpuScan(device);
        try (Stream stream = device.createStream(); MemoryPool pool = device.createPool();
                DeviceBuffer input = device.allocate(64); DeviceBuffer output = device.allocate(32)) {
            assertThatThrownBy(() -> scan.inclusiveSum(input, input, ElementType.UINT64, pool, stream))
                    .hasMessageContaining("not UINT64");
            assertThatThrownBy(() -> scan.exclusiveSum(input, output, ElementType.INT32, pool, stream))
                    .hasMessageContaining("needs as many");
        }
    }
}
