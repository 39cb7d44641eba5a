package dev.forge.cuda;

import dev.forge.cuda.bindings.Driver;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Page-locked host memory: copies from and into it run at full PCIe speed and overlap with kernels. Either
 * allocated by the driver or an existing native segment registered with it (unregistered on close, not freed).
 */
public final class PinnedBuffer implements AutoCloseable {
    private static final int PORTABLE = 0x1;

    private final CudaDevice device;
    private final MemorySegment segment;
    private final boolean registered;
    private final int generation;
    private final LeakTracker.Registration registration;
    private final AtomicBoolean closed = new AtomicBoolean();

    private PinnedBuffer(CudaDevice device, MemorySegment segment, boolean registered) {
        this.device = device;
        this.segment = segment;
        this.registered = registered;
        this.generation = device.generation();
        this.registration = LeakTracker.register(registered ? "registered host memory" : "pinned host memory",
                segment.byteSize(), "host 0x" + Long.toHexString(segment.address()) + " for " + device);
    }

    /** Allocates page-locked host memory of the given size (contents undefined). */
    public static PinnedBuffer allocate(CudaDevice device, long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("pinned memory needs a positive size, got " + bytes);
        }
        device.bind();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment pointer = arena.allocate(ValueLayout.ADDRESS);
            device.check(Driver.cuMemAllocHost(pointer, bytes), "cuMemAllocHost_v2(" + bytes + " bytes)");
            return new PinnedBuffer(device, pointer.get(ValueLayout.ADDRESS, 0).reinterpret(bytes), false);
        }
    }

    /** Page-locks an existing native segment in place; it must outlive this buffer. */
    public static PinnedBuffer register(CudaDevice device, MemorySegment segment) {
        if (!segment.isNative() || segment.byteSize() == 0) {
            throw new IllegalArgumentException("only a non-empty native segment can be registered");
        }
        device.bind();
        device.check(Driver.cuMemHostRegister(segment.address(), segment.byteSize(), PORTABLE), "cuMemHostRegister_v2");
        return new PinnedBuffer(device, segment, true);
    }

    /**
     * Declares this buffer held on purpose by an owner that outlives the code that made it (a staging buffer kept
     * between queries): leak checks no longer report it; {@link #close()} still frees it.
     */
    public void markCached() {
        registration.markCached();
    }

    /** The host memory; valid until {@link #close()}. */
    public MemorySegment segment() {
        if (closed.get()) {
            throw new IllegalStateException("pinned buffer was already closed");
        }
        return segment;
    }

    public long byteSize() {
        return segment.byteSize();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        registration.release();
        // Pinned host memory belongs to the context: a reset already returned it to the system.
        if (!device.ownsResourcesOf(generation)) {
            return;
        }
        if (registered) {
            device.check(Driver.cuMemHostUnregister(segment.address()), "cuMemHostUnregister");
        } else {
            device.check(Driver.cuMemFreeHost(segment.address()), "cuMemFreeHost");
        }
    }
}
