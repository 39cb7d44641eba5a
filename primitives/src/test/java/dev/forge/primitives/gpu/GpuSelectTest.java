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
import dev.forge.primitives.cpu.CpuSelect;
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
class GpuSelectTest {
    private static final ElementType[] TYPES = {ElementType.INT32, ElementType.INT64, ElementType.FLOAT32, ElementType.FLOAT64};
    private static final int[] SELECTIVITY_PERCENTS = {0, 1, 50, 99, 100};
    private static final byte POISON = (byte) 0xA5;

    private static CpuWorkers workers;
    private static CpuSelect cpu;

    @BeforeAll
    static void startWorkers() {
        workers = CpuWorkers.allCores();
        cpu = new CpuSelect(workers);
    }

    @AfterAll
    static void stopWorkers() {
        workers.close();
    }

    /** A tile is 4096 elements of 4 bytes or 2048 of 8; sizes straddle it, and many tiles test the look-back. */
    static java.util.stream.Stream<Arguments> cases() {
        Builder<Arguments> cases = java.util.stream.Stream.builder();
        for (ElementType type : TYPES) {
            int tile = type.byteSize() == 4 ? 4096 : 2048;
            for (int size : new int[] {0, 1, 7, tile - 1, tile, tile + 1, (1 << 20) + 7}) {
                for (int percent : SELECTIVITY_PERCENTS) {
                    cases.add(Arguments.of(type, size, percent));
                }
            }
            cases.add(Arguments.of(type, 1 << 24, 50));
            cases.add(Arguments.of(type, (1 << 24) + 3, 99));
        }
        return cases.build();
    }

    @ParameterizedTest(name = "{0} x {1}, {2}% kept")
    @MethodSource("cases")
    void selectAndPartitionByEitherMaskMatchTheCpuTwin(ElementType type, int size, int percent) {
        CudaDevice device = Cuda.defaultDevice();
        GpuSelect select = new GpuSelect(device);
        long bytes = (long) size * type.byteSize();
        long bitMaskBytes = (size + 7) / 8;
        try (Arena arena = Arena.ofShared(); Stream stream = device.createStream(); MemoryPool pool = device.createPool();
                DeviceBuffer input = device.allocate(bytes + 64); DeviceBuffer byteMask = device.allocate(size + 64L);
                DeviceBuffer bitMask = device.allocate(bitMaskBytes + 64); DeviceBuffer output = device.allocate(bytes + 64);
                DeviceBuffer count = device.allocate(8 + 64)) {
            long seed = 31L * size + percent + type.ordinal();
            MemorySegment host = GpuInputs.values(arena, type, size, Shape.UNIFORM, seed);
            MemorySegment hostByteMask = arena.allocate(Math.max(1, size));
            MemorySegment hostBitMask = arena.allocate(Math.max(1, bitMaskBytes));
            fillMasks(new SplittableRandom(seed), size, percent, hostByteMask, hostBitMask);
            // everything on the test's stream, so nothing lands during or after the primitive (GpuInputs.upload)
            GpuInputs.upload(arena, host, input, stream);
            GpuInputs.upload(arena, hostByteMask.asSlice(0, size), byteMask, stream);
            GpuInputs.upload(arena, hostBitMask.asSlice(0, bitMaskBytes), bitMask, stream);
            MemorySegment expected = arena.allocate(Math.max(1, bytes), 16).asSlice(0, bytes);
            MemorySegment actual = arena.allocate(bytes + 64, 16);
            MemorySegment actualCount = arena.allocate(8 + 64, 8);
            MemorySegment poison = arena.allocate(bytes + 64).fill(POISON);
            for (boolean partition : new boolean[] {false, true}) {
                for (boolean bits : new boolean[] {false, true}) {
                    String what = (partition ? "partition" : "select") + " by " + (bits ? "bit" : "byte") + " mask of "
                            + size + " " + type + ", " + percent + "% kept";
                    output.fillAsync(POISON, stream);
                    count.fillAsync(POISON, stream);
                    DeviceBuffer mask = bits ? bitMask : byteMask;
                    // the device masks are 64 bytes longer than needed: slice them to their exact size
                    var exactMask = mask.slice(0, bits ? bitMaskBytes : size);
                    var values = input.slice(0, bytes);
                    long expectedCount;
                    if (partition) {
                        if (bits) {
                            select.partitionByBitMask(values, type, exactMask, output, count, pool, stream);
                            expectedCount = cpu.partitionByBitMask(host, type, hostBitMask, expected);
                        } else {
                            select.partitionByByteMask(values, type, exactMask, output, count, pool, stream);
                            expectedCount = cpu.partitionByByteMask(host, type, hostByteMask.asSlice(0, size), expected);
                        }
                    } else {
                        if (bits) {
                            select.selectByBitMask(values, type, exactMask, output, count, pool, stream);
                            expectedCount = cpu.selectByBitMask(host, type, hostBitMask, expected);
                        } else {
                            select.selectByByteMask(values, type, exactMask, output, count, pool, stream);
                            expectedCount = cpu.selectByByteMask(host, type, hostByteMask.asSlice(0, size), expected);
                        }
                    }
                    stream.synchronize();
                    output.copyTo(actual);
                    count.copyTo(actualCount);
                    assertThat(actualCount.get(ValueLayout.JAVA_LONG, 0)).as(what + ": selected count")
                            .isEqualTo(expectedCount);
                    long written = (partition ? size : expectedCount) * type.byteSize();
                    long mismatch = expected.asSlice(0, written).mismatch(actual.asSlice(0, written));
                    assertThat(mismatch).as(what + ": first differing byte").isEqualTo(-1L);
                    // select writes exactly the kept elements, partition all of them: nothing after may change
                    MemorySegment after = actual.asSlice(written);
                    assertThat(after.mismatch(poison.asSlice(0, after.byteSize())))
                            .as(what + ": first changed byte after the output").isEqualTo(-1L);
                    for (long i = 8; i < 8 + 64; i++) {
                        assertThat(actualCount.get(ValueLayout.JAVA_BYTE, i)).as(what + ": byte %d after the count", i - 8)
                                .isEqualTo(POISON);
                    }
                }
            }
        }
    }

    /**
     * The same selection as a byte mask (kept elements get any non-zero byte, not just 1) and as a bit mask whose
     * padding bits past the last element are set, which both twins must ignore.
     */
    private static void fillMasks(SplittableRandom random, int size, int percent, MemorySegment byteMask,
            MemorySegment bitMask) {
        bitMask.fill((byte) 0);
        for (int i = 0; i < size; i++) {
            boolean keep = random.nextInt(100) < percent;
            byteMask.set(ValueLayout.JAVA_BYTE, i, keep ? (byte) random.nextInt(1, 256) : 0);
            if (keep) {
                bitMask.set(ValueLayout.JAVA_BYTE, i / 8, (byte) (bitMask.get(ValueLayout.JAVA_BYTE, i / 8) | (1 << (i % 8))));
            }
        }
        if (size % 8 != 0) {
            int last = size / 8;
            bitMask.set(ValueLayout.JAVA_BYTE, last, (byte) (bitMask.get(ValueLayout.JAVA_BYTE, last) | (0xff << (size % 8))));
        }
    }

    @Test
    void aByteMaskAtAnUnalignedAddressReadsTheSameFlags() {
        CudaDevice device = Cuda.defaultDevice();
        GpuSelect select = new GpuSelect(device);
        int size = 3 * 4096 + 5;
        try (Arena arena = Arena.ofConfined(); Stream stream = device.createStream(); MemoryPool pool = device.createPool();
                DeviceBuffer input = device.allocate(4L * size); DeviceBuffer mask = device.allocate(size + 3L);
                DeviceBuffer output = device.allocate(4L * size); DeviceBuffer count = device.allocate(8)) {
            int[] values = new int[size];
            byte[] flags = new byte[size + 3];
            for (int i = 0; i < size; i++) {
                values[i] = i * 3 + 1;
                flags[i + 3] = (byte) (i % 3 == 0 ? 0 : i);
            }
            GpuInputs.upload(arena, MemorySegment.ofArray(values), input, stream);
            GpuInputs.upload(arena, MemorySegment.ofArray(flags), mask, stream);
            select.selectByByteMask(input, ElementType.INT32, mask.slice(3, size), output, count, pool, stream);
            stream.synchronize();
            long[] kept = new long[1];
            count.copyTo(MemorySegment.ofArray(kept));
            int[] back = new int[size];
            output.copyTo(MemorySegment.ofArray(back));
            int next = 0;
            for (int i = 0; i < size; i++) {
                if (flags[i + 3] != 0) {
                    assertThat(back[next++]).as("kept element %d", next - 1).isEqualTo(values[i]);
                }
            }
            assertThat(kept[0]).isEqualTo(next);
        }
    }

    @Test
    void unsupportedTypesShortMasksAndShortOutputsAreRefused() {
        CudaDevice device = Cuda.defaultDevice();
        GpuSelect select = new GpuSelect(device);
        try (Stream stream = device.createStream(); MemoryPool pool = device.createPool();
                DeviceBuffer values = device.allocate(64); DeviceBuffer shortBuffer = device.allocate(4);
                DeviceBuffer count = device.allocate(8)) {
            assertThatThrownBy(() -> select.selectByByteMask(values, ElementType.UINT32, values, values, count, pool, stream))
                    .hasMessageContaining("not UINT32");
            assertThatThrownBy(() -> select.selectByByteMask(values, ElementType.INT32, shortBuffer, values, count, pool, stream))
                    .hasMessageContaining("byteMask holds 4 bytes");
            assertThatThrownBy(() -> select.partitionByBitMask(values, ElementType.INT64, values, shortBuffer, count, pool, stream))
                    .hasMessageContaining("partitioned holds 4 bytes");
            assertThatThrownBy(() -> select.selectByBitMask(values, ElementType.INT32, values, values, shortBuffer, pool, stream))
                    .hasMessageContaining("selectedCount");
        }
    }
}
