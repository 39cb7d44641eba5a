package dev.forge.primitives.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forge.cuda.Cuda;
import dev.forge.cuda.CudaDevice;
import dev.forge.cuda.DeviceBuffer;
import dev.forge.cuda.DeviceMemory;
import dev.forge.cuda.MemoryPool;
import dev.forge.cuda.Stream;
import dev.forge.cuda.testing.RequiresGpu;
import dev.forge.primitives.ElementType;
import dev.forge.primitives.Int128;
import dev.forge.primitives.cpu.CpuReduce;
import dev.forge.primitives.cpu.CpuWorkers;
import dev.forge.primitives.gpu.GpuInputs.Shape;
import dev.forge.primitives.gpu.GpuReduce.Operation;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream.Builder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@RequiresGpu
class GpuReduceTest {
    /** One block-pass of the kernel (256 threads x 16 elements): the tile the sizes straddle. */
    private static final int TILE = 4096;
    private static final ElementType[] TYPES = {ElementType.INT32, ElementType.INT64, ElementType.FLOAT32, ElementType.FLOAT64};

    private static CpuWorkers workers;
    private static CpuReduce cpu;

    @BeforeAll
    static void startWorkers() {
        workers = CpuWorkers.allCores();
        cpu = new CpuReduce(workers);
    }

    @AfterAll
    static void stopWorkers() {
        workers.close();
    }

    static java.util.stream.Stream<Arguments> cases() {
        Builder<Arguments> cases = java.util.stream.Stream.builder();
        for (ElementType type : TYPES) {
            for (int size : new int[] {0, 1, TILE - 1, TILE, TILE + 1, (1 << 20) + 7}) {
                for (Shape shape : Shape.values()) {
                    cases.add(Arguments.of(type, size, shape));
                }
            }
            cases.add(Arguments.of(type, 1 << 26, Shape.UNIFORM));
        }
        return cases.build();
    }

    @ParameterizedTest(name = "{0} x {1} {2}")
    @MethodSource("cases")
    void everyOperationMatchesTheCpuTwin(ElementType type, int size, Shape shape) {
        CudaDevice device = Cuda.defaultDevice();
        GpuReduce reduce = new GpuReduce(device);
        try (Arena arena = Arena.ofShared(); Stream stream = device.createStream(); MemoryPool pool = device.createPool();
                DeviceBuffer values = device.allocate((long) size * type.byteSize() + 16);
                DeviceBuffer result = device.allocate(16)) {
            MemorySegment host = GpuInputs.values(arena, type, size, shape, 31L * size + shape.ordinal());
            // the input starts one element past a 16-byte boundary, so the unaligned head is exercised too
            DeviceMemory input = values.slice(type.byteSize(), host.byteSize());
            GpuInputs.upload(arena, host, input, stream); // on the reduction's stream (see GpuInputs.upload)
            for (Operation operation : Operation.values()) {
                MemorySegment gpu = run(reduce, operation, input, type, result, pool, stream, arena);
                assertMatchesCpu(operation, type, host, gpu);
            }
        }
    }

    private static MemorySegment run(GpuReduce reduce, Operation operation, DeviceMemory input, ElementType type,
            DeviceBuffer result, MemoryPool pool, Stream stream, Arena arena) {
        result.fillAsync((byte) 0xA5, stream); // poison: a result the kernel did not write cannot pass
        reduce.reduce(operation, input, type, result, pool, stream);
        stream.synchronize();
        MemorySegment back = arena.allocate(16);
        result.copyTo(back);
        return back;
    }

    private static void assertMatchesCpu(Operation operation, ElementType type, MemorySegment host, MemorySegment gpu) {
        String what = operation + " over " + host.byteSize() / type.byteSize() + " " + type;
        switch (operation) {
            case SUM -> {
                switch (type) {
                    case INT32 -> assertThat(gpu.get(ValueLayout.JAVA_LONG, 0)).as(what).isEqualTo(cpu.sumInt32(host));
                    case INT64 -> assertThat(new Int128(gpu.get(ValueLayout.JAVA_LONG, 8), gpu.get(ValueLayout.JAVA_LONG, 0)))
                            .as(what).isEqualTo(cpu.sumInt64(host));
                    case FLOAT32 -> assertClose(what, gpu.get(ValueLayout.JAVA_DOUBLE, 0), cpu.sumFloat32(host), host, type);
                    case FLOAT64 -> assertClose(what, gpu.get(ValueLayout.JAVA_DOUBLE, 0), cpu.sumFloat64(host), host, type);
                    default -> throw new IllegalArgumentException(type.toString());
                }
            }
            case MIN, MAX -> {
                boolean max = operation == Operation.MAX;
                switch (type) {
                    case INT32 -> assertThat(gpu.get(ValueLayout.JAVA_INT, 0)).as(what)
                            .isEqualTo(max ? cpu.maxInt32(host) : cpu.minInt32(host));
                    case INT64 -> assertThat(gpu.get(ValueLayout.JAVA_LONG, 0)).as(what)
                            .isEqualTo(max ? cpu.maxInt64(host) : cpu.minInt64(host));
                    case FLOAT32 -> assertThat(Float.compare(gpu.get(ValueLayout.JAVA_FLOAT, 0),
                            max ? cpu.maxFloat32(host) : cpu.minFloat32(host))).as(what).isZero();
                    case FLOAT64 -> assertThat(Double.compare(gpu.get(ValueLayout.JAVA_DOUBLE, 0),
                            max ? cpu.maxFloat64(host) : cpu.minFloat64(host))).as(what).isZero();
                    default -> throw new IllegalArgumentException(type.toString());
                }
            }
            case ARGMIN -> assertThat(gpu.get(ValueLayout.JAVA_LONG, 0)).as(what).isEqualTo(cpu.argMin(host, type));
            case ARGMAX -> assertThat(gpu.get(ValueLayout.JAVA_LONG, 0)).as(what).isEqualTo(cpu.argMax(host, type));
        }
    }

    /** Sums in another order differ by rounding: at most a few ulps of the sum of magnitudes per element. */
    private static void assertClose(String what, double gpu, double cpuSum, MemorySegment host, ElementType type) {
        if (Double.isNaN(cpuSum) || Double.isInfinite(cpuSum)) {
            assertThat(Double.compare(gpu, cpuSum)).as(what + ": gpu " + gpu + ", cpu " + cpuSum).isZero();
            return;
        }
        double magnitude = 0;
        long count = host.byteSize() / type.byteSize();
        for (long i = 0; i < count; i++) {
            magnitude += Math.abs(type == ElementType.FLOAT32 ? host.getAtIndex(ValueLayout.JAVA_FLOAT, i)
                    : host.getAtIndex(ValueLayout.JAVA_DOUBLE, i));
        }
        assertThat(Math.abs(gpu - cpuSum)).as(what + ": gpu " + gpu + ", cpu " + cpuSum)
                .isLessThanOrEqualTo(1e-15 * Math.max(count, 16) * magnitude + Double.MIN_NORMAL);
    }

    @Test
    void floatingSumsAreTheSameFromRunToRun() {
        CudaDevice device = Cuda.defaultDevice();
        GpuReduce reduce = new GpuReduce(device);
        int size = (1 << 22) + 3;
        try (Arena arena = Arena.ofShared(); Stream stream = device.createStream(); MemoryPool pool = device.createPool();
                DeviceBuffer values = device.allocate(8L * size); DeviceBuffer result = device.allocate(16)) {
            GpuInputs.upload(arena, GpuInputs.values(arena, ElementType.FLOAT64, size, Shape.ZIPF, 5), values, stream);
            List<Long> bits = new ArrayList<>();
            for (int run = 0; run < 5; run++) {
                MemorySegment back = run(reduce, Operation.SUM, values, ElementType.FLOAT64, result, pool, stream, arena);
                bits.add(back.get(ValueLayout.JAVA_LONG, 0));
            }
            assertThat(bits).containsOnly(bits.get(0));
        }
    }

    @Test
    void unsignedTypesAndShortResultBuffersAreRefusedWithTheReason() {
        CudaDevice device = Cuda.defaultDevice();
        GpuReduce reduce = new GpuReduce(device);
        try (Stream stream = device.createStream(); MemoryPool pool = device.createPool();
                DeviceBuffer values = device.allocate(64); DeviceBuffer result = device.allocate(8)) {
            assertThatThrownBy(() -> reduce.reduce(Operation.SUM, values, ElementType.UINT32, result, pool, stream))
                    .hasMessageContaining("not UINT32");
            assertThatThrownBy(() -> reduce.reduce(Operation.SUM, values, ElementType.INT64, result, pool, stream))
                    .hasMessageContaining("needs 16 bytes");
            assertThatThrownBy(() -> reduce.reduce(Operation.MIN, values.slice(0, 6), ElementType.INT32, result, pool, stream))
                    .hasMessageContaining("not a whole number");
        }
    }
}
