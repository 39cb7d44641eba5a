package dev.forge.cuda;

import dev.forge.cuda.bindings.Driver;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * A range of device memory: an owning {@link DeviceBuffer} or a non-owning {@link DeviceSlice} of one.
 *
 * <p>Synchronous copies accept heap segments (e.g. {@code MemorySegment.ofArray(longs)}) and native ones;
 * asynchronous copies need native memory, and overlap with other work only from {@link PinnedBuffer} memory.
 * A copy moves the whole host segment: into the start of this range, or out of its start.
 */
public sealed interface DeviceMemory permits DeviceBuffer, DeviceSlice {

    CudaDevice device();

    /** The device address; throws when the memory was freed. */
    long address();

    long byteSize();

    /** A view of {@code bytes} bytes from {@code offset}; valid while this memory is. */
    default DeviceSlice slice(long offset, long bytes) {
        Objects.checkFromIndexSize(offset, bytes, byteSize());
        return new DeviceSlice(this, offset, bytes);
    }

    /**
     * Copies {@code source} into the start of this range. Like every method here without {@code Async}, it is complete
     * when it returns, so work queued afterwards on any stream sees the bytes. (The driver's "synchronous" copies and
     * memsets run on the legacy default stream, which Forge's non-blocking streams never wait for, and a memset or a
     * copy from pageable memory may return before the device has finished: GPU tests once read poison written by a
     * fill that landed after the kernel had started.) Hot paths use the {@code Async} variants on their own stream.
     */
    default void copyFrom(MemorySegment source) {
        requireFits(source.byteSize(), "copy from host");
        if (source.byteSize() == 0) {
            return;
        }
        device().bind();
        int result = source.isNative()
                ? Driver.cuMemcpyHtoD(address(), source, source.byteSize())
                : Driver.cuMemcpyHtoDFromHeap(address(), source, source.byteSize());
        device().check(result, "cuMemcpyHtoD_v2");
        finishOnLegacyStream("cuMemcpyHtoD_v2");
    }

    default void copyTo(MemorySegment destination) {
        requireFits(destination.byteSize(), "copy to host");
        if (destination.byteSize() == 0) {
            return;
        }
        device().bind();
        int result = destination.isNative()
                ? Driver.cuMemcpyDtoH(destination, address(), destination.byteSize())
                : Driver.cuMemcpyDtoHToHeap(destination, address(), destination.byteSize());
        device().check(result, "cuMemcpyDtoH_v2");
    }

    default void copyFromAsync(MemorySegment source, Stream stream) {
        requireFits(source.byteSize(), "copy from host");
        requireNative(source);
        if (source.byteSize() == 0) {
            return;
        }
        device().bind();
        device().check(Driver.cuMemcpyHtoDAsync(address(), source, source.byteSize(), stream.handle()),
                "cuMemcpyHtoDAsync_v2");
    }

    default void copyToAsync(MemorySegment destination, Stream stream) {
        requireFits(destination.byteSize(), "copy to host");
        requireNative(destination);
        if (destination.byteSize() == 0) {
            return;
        }
        device().bind();
        device().check(Driver.cuMemcpyDtoHAsync(destination, address(), destination.byteSize(), stream.handle()),
                "cuMemcpyDtoHAsync_v2");
    }

    /** Copies all of {@code source} (device memory) into the start of this range. */
    default void copyFrom(DeviceMemory source) {
        requireFits(source.byteSize(), "device copy");
        if (source.byteSize() == 0) {
            return;
        }
        device().bind();
        device().check(Driver.cuMemcpyDtoD(address(), source.address(), source.byteSize()), "cuMemcpyDtoD_v2");
        finishOnLegacyStream("cuMemcpyDtoD_v2");
    }

    default void copyFromAsync(DeviceMemory source, Stream stream) {
        requireFits(source.byteSize(), "device copy");
        if (source.byteSize() == 0) {
            return;
        }
        device().bind();
        device().check(Driver.cuMemcpyDtoDAsync(address(), source.address(), source.byteSize(), stream.handle()),
                "cuMemcpyDtoDAsync_v2");
    }

    /** Sets every byte to {@code value}; done when it returns (see {@link #copyFrom(MemorySegment)}). */
    default void fill(byte value) {
        if (byteSize() == 0) {
            return;
        }
        device().bind();
        device().check(Driver.cuMemsetD8(address(), value, byteSize()), "cuMemsetD8_v2");
        finishOnLegacyStream("cuMemsetD8_v2");
    }

    default void fillAsync(byte value, Stream stream) {
        if (byteSize() == 0) {
            return;
        }
        device().bind();
        device().check(Driver.cuMemsetD8Async(address(), value, byteSize(), stream.handle()), "cuMemsetD8Async");
    }

    /** Sets every 4-byte word to {@code value}; the size must be a multiple of 4. */
    default void fillInts(int value) {
        long words = wordCount();
        if (words == 0) {
            return;
        }
        device().bind();
        device().check(Driver.cuMemsetD32(address(), value, words), "cuMemsetD32_v2");
        finishOnLegacyStream("cuMemsetD32_v2");
    }

    default void fillIntsAsync(int value, Stream stream) {
        long words = wordCount();
        if (words == 0) {
            return;
        }
        device().bind();
        device().check(Driver.cuMemsetD32Async(address(), value, words, stream.handle()), "cuMemsetD32Async");
    }

    private long wordCount() {
        if (byteSize() % 4 != 0 || address() % 4 != 0) {
            throw new IllegalArgumentException("a 4-byte fill needs a 4-byte aligned range whose size is a multiple of 4; got "
                    + byteSize() + " bytes at 0x" + Long.toHexString(address()));
        }
        return byteSize() / 4;
    }

    /** Whether this range and {@code other} share at least one byte (empty ranges share none). */
    default boolean overlaps(DeviceMemory other) {
        return rangesOverlap(address(), byteSize(), other.address(), other.byteSize());
    }

    static boolean rangesOverlap(long firstAddress, long firstBytes, long secondAddress, long secondBytes) {
        return firstBytes > 0 && secondBytes > 0
                && firstAddress < secondAddress + secondBytes && secondAddress < firstAddress + firstBytes;
    }

    private void requireFits(long bytes, String what) {
        if (bytes > byteSize()) {
            throw new IllegalArgumentException(what + " of " + bytes + " bytes does not fit in " + byteSize()
                    + " bytes of device memory");
        }
    }

    private static void requireNative(MemorySegment segment) {
        if (!segment.isNative()) {
            throw new IllegalArgumentException("asynchronous copies need native host memory (a PinnedBuffer to overlap"
                    + " with other work); got a heap segment");
        }
    }

    /** Waits for the legacy default stream, where the synchronous driver calls above queue their work. */
    private void finishOnLegacyStream(String call) {
        device().check(Driver.cuStreamSynchronize(0L), "cuStreamSynchronize after " + call);
    }
}
