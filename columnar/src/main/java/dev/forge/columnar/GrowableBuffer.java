package dev.forge.columnar;

import java.lang.foreign.MemorySegment;

/** A {@link HostBuffer} that doubles when it fills, so appending n bytes copies O(n) bytes in total. */
final class GrowableBuffer implements AutoCloseable {
    private final String purpose;
    private HostBuffer buffer;

    GrowableBuffer(long initialBytes, String purpose) {
        this.purpose = purpose;
        this.buffer = HostBuffer.allocate(Math.max(initialBytes, HostBuffer.ALIGNMENT), purpose);
    }

    /** The memory, at least {@code bytes} long; the segment changes when the buffer grows. */
    MemorySegment ensure(long bytes) {
        if (bytes > buffer.byteSize()) {
            long capacity = buffer.byteSize();
            while (capacity < bytes) {
                capacity = Math.multiplyExact(capacity, 2);
            }
            HostBuffer larger = HostBuffer.allocate(capacity, purpose);
            MemorySegment.copy(buffer.segment(), 0, larger.segment(), 0, buffer.byteSize());
            buffer.close();
            buffer = larger;
        }
        return buffer.segment();
    }

    MemorySegment segment() {
        return buffer.segment();
    }

    /** Hands the buffer over to the caller; this object must not be used afterwards. */
    HostBuffer release() {
        HostBuffer taken = buffer;
        buffer = null;
        return taken;
    }

    @Override
    public void close() {
        if (buffer != null) {
            buffer.close();
            buffer = null;
        }
    }
}
