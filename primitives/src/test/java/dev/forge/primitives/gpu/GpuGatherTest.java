package dev.forge.primitives.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forge.cuda.Cuda;
import dev.forge.cuda.CudaDevice;
import dev.forge.cuda.DeviceBuffer;
import dev.forge.cuda.Stream;
import dev.forge.cuda.testing.RequiresGpu;
import dev.forge.primitives.ElementType;
import dev.forge.primitives.cpu.CpuGather;
import dev.forge.primitives.cpu.CpuWorkers;
import dev.forge.primitives.gpu.GpuInputs.Shape;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
import java.util.stream.Stream.Builder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@RequiresGpu
class GpuGatherTest {
    private static final ElementType[] TYPES = {ElementType.INT32, ElementType.INT64, ElementType.FLOAT32, ElementType.FLOAT64};
    private static final ElementType[] INDEX_TYPES = {ElementType.INT32, ElementType.INT64};
    private static final byte POISON = (byte) 0xA5;
    /** Indices per block in gather.cu. */
    private static final int BLOCK = 1024;

    private static CpuWorkers workers;
    private static CpuGather cpu;

    @BeforeAll
    static void startWorkers() {
        workers = CpuWorkers.allCores();
        cpu = new CpuGather(workers);
    }

    @AfterAll
    static void stopWorkers() {
        workers.close();
    }

    static java.util.stream.Stream<Arguments> cases() {
        Builder<Arguments> cases = java.util.stream.Stream.builder();
        for (ElementType type : TYPES) {
            for (ElementType indexType : INDEX_TYPES) {
                for (int size : new int[] {0, 1, BLOCK - 1, BLOCK, BLOCK + 1, (1 << 20) + 7, 1 << 24}) {
                    cases.add(Arguments.of(type, indexType, size));
                }
            }
        }
        return cases.build();
    }

    @ParameterizedTest(name = "{0} by {1} x {2}")
    @MethodSource("cases")
    void gatherAndScatterMatchTheCpuTwin(ElementType type, ElementType indexType, int size) {
        CudaDevice device = Cuda.defaultDevice();
        GpuGather gather = new GpuGather(device);
        int width = type.byteSize();
        int valueCount = size + 13; // gather reads from more values than it has indices
        long seed = 7L * size + type.ordinal() * 3L + indexType.ordinal();
        try (Arena arena = Arena.ofShared(); Stream stream = device.createStream();
                DeviceBuffer values = device.allocate((long) valueCount * width);
                DeviceBuffer indices = device.allocate((long) size * indexType.byteSize());
                DeviceBuffer output = device.allocate((long) size * width + 64);
                DeviceBuffer flag = device.allocate(8)) {
            MemorySegment hostValues = GpuInputs.values(arena, type, valueCount, Shape.UNIFORM, seed);
            // everything on the test's stream, so nothing lands during or after the primitive (GpuInputs.upload)
            GpuInputs.upload(arena, hostValues, values, stream);
            MemorySegment expected = arena.allocate(Math.max(1, (long) size * width), 16).asSlice(0, (long) size * width);
            MemorySegment actual = arena.allocate((long) size * width + 64, 16);
            MemorySegment poison = arena.allocate(64).fill(POISON);
            long[] firstOutOfBounds = new long[1];

            // gather: random indices, repeats allowed
            MemorySegment hostIndices = indices(arena, indexType, randomIndices(new SplittableRandom(seed), size, valueCount));
            GpuInputs.upload(arena, hostIndices, indices, stream);
            output.fillAsync(POISON, stream);
            flag.fillAsync(POISON, stream);
            gather.gather(values, type, indices, indexType, output, flag, stream);
            cpu.gather(hostValues, type, hostIndices, indexType, expected);
            stream.synchronize();
            output.copyTo(actual);
            flag.copyTo(MemorySegment.ofArray(firstOutOfBounds));
            assertWritten("gather", expected, actual, poison);
            assertThat(firstOutOfBounds[0]).as("gather: first out-of-bounds position").isEqualTo(-1L);

            // scatter: a permutation, so every output element is written once
            MemorySegment scatterValues = hostValues.asSlice(0, (long) size * width);
            hostIndices = indices(arena, indexType, permutation(new SplittableRandom(seed + 1), size));
            GpuInputs.upload(arena, hostIndices, indices, stream);
            output.fillAsync(POISON, stream);
            flag.fillAsync(POISON, stream);
            gather.scatter(values.slice(0, (long) size * width), type, indices, indexType,
                    output.slice(0, (long) size * width), flag, stream);
            cpu.scatter(scatterValues, type, hostIndices, indexType, expected);
            stream.synchronize();
            output.copyTo(actual);
            flag.copyTo(MemorySegment.ofArray(firstOutOfBounds));
            assertWritten("scatter", expected, actual, poison);
            assertThat(firstOutOfBounds[0]).as("scatter: first out-of-bounds position").isEqualTo(-1L);
        }
    }

    private static void assertWritten(String what, MemorySegment expected, MemorySegment actual, MemorySegment poison) {
        assertThat(expected.mismatch(actual.asSlice(0, expected.byteSize()))).as(what + ": first differing byte")
                .isEqualTo(-1L);
        assertThat(actual.asSlice(expected.byteSize()).mismatch(poison)).as(what + ": first changed byte past the end")
                .isEqualTo(-1L);
    }

    private static long[] randomIndices(SplittableRandom random, int size, int valueCount) {
        long[] indices = new long[size];
        for (int i = 0; i < size; i++) {
            indices[i] = random.nextInt(valueCount);
        }
        return indices;
    }

    private static long[] permutation(SplittableRandom random, int size) {
        long[] indices = new long[size];
        for (int i = 0; i < size; i++) {
            indices[i] = i;
        }
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            long swap = indices[i];
            indices[i] = indices[j];
            indices[j] = swap;
        }
        return indices;
    }

    private static MemorySegment indices(Arena arena, ElementType indexType, long[] indices) {
        MemorySegment segment = arena.allocate((long) indices.length * indexType.byteSize(), 8);
        for (int i = 0; i < indices.length; i++) {
            if (indexType == ElementType.INT32) {
                segment.setAtIndex(ValueLayout.JAVA_INT, i, (int) indices[i]);
            } else {
                segment.setAtIndex(ValueLayout.JAVA_LONG, i, indices[i]);
            }
        }
        return segment;
    }

    /**
     * Where the CPU twin throws, the GPU writes nothing out of bounds, gives gather zero bits, and reports the
     * smallest offending position.
     */
    @Test
    void outOfRangeIndicesAreReportedAndNeverFollowed() {
        CudaDevice device = Cuda.defaultDevice();
        GpuGather gather = new GpuGather(device);
        int size = 5000;
        try (Arena arena = Arena.ofShared(); Stream stream = device.createStream();
                DeviceBuffer values = device.allocate(8L * size); DeviceBuffer indices = device.allocate(8L * size);
                DeviceBuffer output = device.allocate(8L * size + 64); DeviceBuffer flag = device.allocate(8)) {
            long[] hostValues = new long[size];
            long[] hostIndices = new long[size];
            for (int i = 0; i < size; i++) {
                hostValues[i] = 1000L + i;
                hostIndices[i] = size - 1 - i;
            }
            hostIndices[4321] = size; // one past the end
            hostIndices[1234] = -1;
            hostIndices[4999] = Long.MIN_VALUE;
            GpuInputs.upload(arena, MemorySegment.ofArray(hostValues), values, stream);
            GpuInputs.upload(arena, MemorySegment.ofArray(hostIndices), indices, stream);
            long[] firstOutOfBounds = new long[1];
            long[] back = new long[size + 8];

            output.fillAsync(POISON, stream);
            gather.gather(values, ElementType.INT64, indices, ElementType.INT64, output, flag, stream);
            stream.synchronize();
            flag.copyTo(MemorySegment.ofArray(firstOutOfBounds));
            output.copyTo(MemorySegment.ofArray(back));
            assertThat(firstOutOfBounds[0]).isEqualTo(1234L);
            for (int i = 0; i < size; i++) {
                long want = i == 1234 || i == 4321 || i == 4999 ? 0 : hostValues[size - 1 - i];
                assertThat(back[i]).as("gathered element %d", i).isEqualTo(want);
            }
            assertThat(back[size]).as("the word past the end").isEqualTo(0xA5A5A5A5A5A5A5A5L);

            output.fillAsync(POISON, stream);
            gather.scatter(values, ElementType.INT64, indices, ElementType.INT64, output.slice(0, 8L * size), flag, stream);
            stream.synchronize();
            flag.copyTo(MemorySegment.ofArray(firstOutOfBounds));
            output.copyTo(MemorySegment.ofArray(back));
            assertThat(firstOutOfBounds[0]).isEqualTo(1234L);
            for (int i = 0; i < size + 8; i++) {
                // targets size-1-1234 and size-1-4321 and 0 (from position 4999) were not written
                boolean skipped = i == size - 1 - 1234 || i == size - 1 - 4321 || i == 0 || i >= size;
                long want = skipped ? 0xA5A5A5A5A5A5A5A5L : hostValues[size - 1 - i];
                assertThat(back[i]).as("scattered element %d", i).isEqualTo(want);
            }
            MemorySegment hostValueSegment = arena.allocate(8L * size, 8).copyFrom(MemorySegment.ofArray(hostValues));
            MemorySegment hostIndexSegment = arena.allocate(8L * size, 8).copyFrom(MemorySegment.ofArray(hostIndices));
            assertThatThrownBy(() -> cpu.gather(hostValueSegment, ElementType.INT64, hostIndexSegment, ElementType.INT64,
                    arena.allocate(8L * size, 8))).isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    @Test
    void wrongIndexTypesAndMismatchedSizesAreRefused() {
        CudaDevice device = Cuda.defaultDevice();
        GpuGather gather = new GpuGather(device);
        try (Stream stream = device.createStream(); DeviceBuffer values = device.allocate(64);
                DeviceBuffer indices = device.allocate(32); DeviceBuffer flag = device.allocate(8)) {
            assertThatThrownBy(() -> gather.gather(values, ElementType.INT32, indices, ElementType.FLOAT32, values, flag, stream))
                    .hasMessageContaining("indexType must be INT32 or INT64");
            assertThatThrownBy(() -> gather.scatter(values, ElementType.INT64, indices, ElementType.INT64, values, flag, stream))
                    .hasMessageContaining("one index per value");
            assertThatThrownBy(() -> gather.gather(values, ElementType.INT64, values, ElementType.INT32, indices, flag, stream))
                    .hasMessageContaining("output holds 32 bytes");
        }
    }
}
