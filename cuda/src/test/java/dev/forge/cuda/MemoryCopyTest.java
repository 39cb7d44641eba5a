package dev.forge.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forge.cuda.testing.RequiresGpu;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@RequiresGpu
class MemoryCopyTest {

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(longs = {0, 1, 7, 1_000_003, 1L << 30})
    void synchronousRoundTripThroughDeviceMemoryKeepsEveryByte(long bytes) {
        CudaDevice device = TestKernels.device();
        try (Arena arena = Arena.ofConfined(); DeviceBuffer buffer = device.allocate(bytes);
                DeviceBuffer copy = device.allocate(bytes)) {
            MemorySegment source = arena.allocate(Math.max(bytes, 1)).asSlice(0, bytes);
            MemorySegment back = arena.allocate(Math.max(bytes, 1)).asSlice(0, bytes);
            TestKernels.fillRandom(source, bytes);
            back.fill((byte) 0x5A);
            buffer.copyFrom(source);
            copy.copyFrom(buffer);
            copy.copyTo(back);
            assertThat(back.mismatch(source)).isEqualTo(-1L);
        }
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(longs = {1, 13, 4_194_311})
    void asynchronousRoundTripThroughPinnedMemoryKeepsEveryByte(long bytes) {
        CudaDevice device = TestKernels.device();
        try (Stream stream = device.createStream(); PinnedBuffer up = PinnedBuffer.allocate(device, bytes);
                PinnedBuffer down = PinnedBuffer.allocate(device, bytes); DeviceBuffer buffer = device.allocate(bytes)) {
            TestKernels.fillRandom(up.segment(), bytes * 31);
            down.segment().fill((byte) 0x5A);
            buffer.copyFromAsync(up.segment(), stream);
            buffer.copyToAsync(down.segment(), stream);
            stream.synchronize();
            assertThat(down.segment().mismatch(up.segment())).isEqualTo(-1L);
        }
    }

    @Test
    void javaArraysCopyWithoutAnIntermediateBuffer() {
        long[] values = new long[100_003];
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 0x9E3779B97F4A7C15L;
        }
        long[] back = new long[values.length];
        try (DeviceBuffer buffer = TestKernels.device().allocate(8L * values.length)) {
            buffer.copyFrom(MemorySegment.ofArray(values));
            buffer.copyTo(MemorySegment.ofArray(back));
        }
        assertThat(back).isEqualTo(values);
    }

    @Test
    void registeredHostMemoryCopiesAsynchronously() {
        CudaDevice device = TestKernels.device();
        long bytes = 1 << 20;
        try (Arena arena = Arena.ofConfined(); Stream stream = device.createStream()) {
            MemorySegment host = arena.allocate(bytes, 4096);
            TestKernels.fillRandom(host, 99);
            MemorySegment expected = arena.allocate(bytes);
            expected.copyFrom(host);
            try (PinnedBuffer registered = PinnedBuffer.register(device, host); DeviceBuffer buffer = device.allocate(bytes)) {
                buffer.copyFromAsync(registered.segment(), stream);
                buffer.fillAsync((byte) 0, stream);
                buffer.copyFromAsync(registered.segment(), stream);
                buffer.copyToAsync(registered.segment(), stream);
                stream.synchronize();
            }
            assertThat(host.mismatch(expected)).isEqualTo(-1L);
        }
    }

    @Test
    void slicesAddressPartOfTheirBuffer() {
        try (DeviceBuffer buffer = TestKernels.device().allocate(4096)) {
            buffer.fillInts(0x11111111);
            buffer.slice(1024, 1024).fillInts(0x22222222);
            int[] back = new int[1024];
            buffer.copyTo(MemorySegment.ofArray(back));
            assertThat(back[255]).isEqualTo(0x11111111);
            assertThat(back[256]).isEqualTo(0x22222222);
            assertThat(back[511]).isEqualTo(0x22222222);
            assertThat(back[512]).isEqualTo(0x11111111);
        }
    }

    @Test
    void copyLargerThanTheBufferIsRejectedBeforeTheDriverSeesIt() {
        try (Arena arena = Arena.ofConfined(); DeviceBuffer buffer = TestKernels.device().allocate(16)) {
            assertThatThrownBy(() -> buffer.copyFrom(arena.allocate(17)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("17 bytes does not fit in 16 bytes");
        }
    }

    @Test
    void closedBufferCannotBeUsed() {
        DeviceBuffer buffer = TestKernels.device().allocate(64);
        buffer.close();
        buffer.close(); // closing twice is harmless
        assertThatThrownBy(buffer::address).hasMessageContaining("already closed");
    }

    @Test
    void allocationBeyondDeviceMemoryFailsWithOutOfMemoryAndTheDeviceStaysUsable() {
        CudaDevice device = TestKernels.device();
        long tooMuch = device.info().totalMemoryBytes() * 2;
        assertThatThrownBy(() -> device.allocate(tooMuch))
                .isInstanceOfSatisfying(CudaException.class, failure -> {
                    assertThat(failure.isOutOfMemory()).isTrue();
                    assertThat(failure.contextBroken()).isFalse();
                    assertThat(failure.getMessage()).contains("cuMemAlloc_v2", "CUDA_ERROR_OUT_OF_MEMORY");
                });
        try (DeviceBuffer small = device.allocate(1024)) {
            small.fillInts(7);
            int[] back = new int[256];
            small.copyTo(MemorySegment.ofArray(back));
            assertThat(back).containsOnly(7);
        }
    }
}
