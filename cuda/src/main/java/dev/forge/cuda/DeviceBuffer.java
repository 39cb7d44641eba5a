package dev.forge.cuda;

import dev.forge.cuda.bindings.Driver;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Device memory this object owns: freed by {@link #close()}, synchronously for plain allocations and in stream
 * order for allocations from a {@link MemoryPool}.
 */
public final class DeviceBuffer implements DeviceMemory, AutoCloseable {
    private final CudaDevice device;
    private final long address;
    private final long byteSize;
    private final int generation;
    private final Stream freeStream;
    private final MemoryPool pool;
    private final LeakTracker.Registration registration;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DeviceBuffer(CudaDevice device, long address, long byteSize, Stream freeStream, MemoryPool pool) {
        this(device, address, byteSize, freeStream, pool, false);
    }

    private DeviceBuffer(CudaDevice device, long address, long byteSize, Stream freeStream, MemoryPool pool,
            boolean cached) {
        this.device = device;
        this.address = address;
        this.byteSize = byteSize;
        this.generation = device.generation();
        this.freeStream = freeStream;
        this.pool = pool;
        this.registration = LeakTracker.register(pool == null ? "device memory" : "pooled device memory", byteSize,
                device + " at 0x" + Long.toHexString(address), cached);
    }

    static DeviceBuffer allocate(CudaDevice device, long bytes) {
        return allocate(device, bytes, false);
    }

    /**
     * Allocates memory that a long-lived cache holds on purpose (GPU-resident table columns, say): it is not reported
     * as a leak by tests (see {@link LeakTracker}), but must still be closed by the cache.
     */
    static DeviceBuffer allocate(CudaDevice device, long bytes, boolean cached) {
        if (bytes < 0) {
            throw new IllegalArgumentException("cannot allocate " + bytes + " bytes");
        }
        if (bytes == 0) {
            return new DeviceBuffer(device, 0, 0, null, null, cached);
        }
        device.bind();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment pointer = arena.allocate(ValueLayout.JAVA_LONG);
            int result = Driver.cuMemAlloc(pointer, bytes);
            if (result != CudaErrors.SUCCESS) {
                device.check(result, "cuMemAlloc_v2(" + bytes + " bytes)");
            }
            return new DeviceBuffer(device, pointer.get(ValueLayout.JAVA_LONG, 0), bytes, null, null, cached);
        }
    }

    static DeviceBuffer pooled(CudaDevice device, long address, long bytes, Stream stream, MemoryPool pool) {
        return new DeviceBuffer(device, address, bytes, stream, pool);
    }

    @Override
    public CudaDevice device() {
        return device;
    }

    @Override
    public long address() {
        if (closed.get()) {
            throw new IllegalStateException("device buffer of " + byteSize + " bytes was already closed");
        }
        device.requireGeneration(generation, "device buffer of " + byteSize + " bytes");
        return address;
    }

    @Override
    public long byteSize() {
        return byteSize;
    }

    public boolean isPooled() {
        return pool != null;
    }

    /** Frees the memory; pooled memory is returned to its pool in the order of the stream it was allocated on. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            freeIn(freeStream);
        }
    }

    /** Frees pooled memory in the order of {@code stream} instead of the allocating stream. */
    public void closeAsync(Stream stream) {
        if (pool == null) {
            throw new IllegalStateException("only pooled memory is freed in stream order; use close()");
        }
        if (closed.compareAndSet(false, true)) {
            freeIn(stream);
        }
    }

    private void freeIn(Stream stream) {
        registration.release();
        if (address == 0) {
            return;
        }
        if (!device.ownsResourcesOf(generation)) {
            return; // freed by a context reset, or by the process's end on a lost device
        }
        if (pool == null) {
            device.check(Driver.cuMemFree(address), "cuMemFree_v2");
        } else {
            pool.released(byteSize);
            device.check(Driver.cuMemFreeAsync(address, stream.handle()), "cuMemFreeAsync");
        }
    }

    @Override
    public String toString() {
        return "DeviceBuffer[" + byteSize + " bytes at 0x" + Long.toHexString(address) + " on " + device + "]";
    }
}
