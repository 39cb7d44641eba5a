package dev.forge.cuda;

import dev.forge.cuda.bindings.Driver;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stream-ordered device memory pool ({@code cuMemAllocFromPoolAsync}): allocation and free are queued on a
 * stream like kernels, so temporary memory inside a query costs no host synchronisation, and freed memory stays
 * in the pool for the next allocation instead of going back to the driver.
 */
public final class MemoryPool implements AutoCloseable {
    private static final int ALLOCATION_TYPE_PINNED = 1;
    private static final int LOCATION_TYPE_DEVICE = 1;
    private static final int ATTRIBUTE_RELEASE_THRESHOLD = 4;
    private static final int ATTRIBUTE_RESERVED_MEMORY_CURRENT = 5;
    private static final int ATTRIBUTE_USED_MEMORY_CURRENT = 7;
    /** sizeof(CUmemPoolProps) in CUDA 12 and 13: ints, a location, a pointer, a size, a short and 54 reserved bytes. */
    private static final long PROPERTIES_BYTES = 88;

    private final CudaDevice device;
    private final long handle;
    private final int generation;
    private final LeakTracker.Registration registration;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong outstanding = new AtomicLong();

    private MemoryPool(CudaDevice device, long handle) {
        this.device = device;
        this.handle = handle;
        this.generation = device.generation();
        this.registration = LeakTracker.register("memory pool", 0, "memory pool on " + device);
    }

    /**
     * A new pool on {@code device}. Freed memory above {@code releaseThresholdBytes} goes back to the driver at the
     * next synchronisation; {@code Long.MAX_VALUE} keeps all of it.
     */
    public static MemoryPool create(CudaDevice device, long releaseThresholdBytes) {
        if (!device.info().memoryPools()) {
            throw new UnsupportedOperationException(device + " does not support stream-ordered memory pools");
        }
        device.bind();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment properties = arena.allocate(PROPERTIES_BYTES, 8);
            properties.set(ValueLayout.JAVA_INT, 0, ALLOCATION_TYPE_PINNED);
            properties.set(ValueLayout.JAVA_INT, 4, 0); // no export handles
            properties.set(ValueLayout.JAVA_INT, 8, LOCATION_TYPE_DEVICE);
            properties.set(ValueLayout.JAVA_INT, 12, device.ordinal());
            MemorySegment pool = arena.allocate(ValueLayout.JAVA_LONG);
            device.check(Driver.cuMemPoolCreate(pool, properties), "cuMemPoolCreate");
            MemoryPool created = new MemoryPool(device, pool.get(ValueLayout.JAVA_LONG, 0));
            MemorySegment threshold = arena.allocate(ValueLayout.JAVA_LONG);
            threshold.set(ValueLayout.JAVA_LONG, 0, releaseThresholdBytes);
            device.check(Driver.cuMemPoolSetAttribute(created.handle, ATTRIBUTE_RELEASE_THRESHOLD, threshold),
                    "cuMemPoolSetAttribute(release threshold)");
            return created;
        }
    }

    private long handle() {
        if (closed.get()) {
            throw new IllegalStateException("memory pool was already closed");
        }
        device.requireGeneration(generation, "memory pool");
        return handle;
    }

    /** Allocates in stream order: the memory may be used by work queued on {@code stream} after this call. */
    public DeviceBuffer allocate(long bytes, Stream stream) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("a pooled allocation needs a positive size, got " + bytes);
        }
        device.bind();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment pointer = arena.allocate(ValueLayout.JAVA_LONG);
            int result = Driver.cuMemAllocFromPoolAsync(pointer, bytes, handle(), stream.handle());
            if (result != CudaErrors.SUCCESS) {
                device.check(result, "cuMemAllocFromPoolAsync(" + bytes + " bytes)");
            }
            outstanding.incrementAndGet();
            return DeviceBuffer.pooled(device, pointer.get(ValueLayout.JAVA_LONG, 0), bytes, stream, this);
        }
    }

    void released(long bytes) {
        outstanding.decrementAndGet();
    }

    /** Bytes the pool holds from the driver, in use or cached for reuse. */
    public long reservedBytes() {
        return attribute(ATTRIBUTE_RESERVED_MEMORY_CURRENT);
    }

    /** Bytes handed out and not yet freed. */
    public long usedBytes() {
        return attribute(ATTRIBUTE_USED_MEMORY_CURRENT);
    }

    private long attribute(int attribute) {
        device.bind();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment value = arena.allocate(ValueLayout.JAVA_LONG);
            device.check(Driver.cuMemPoolGetAttribute(handle(), attribute, value), "cuMemPoolGetAttribute");
            return value.get(ValueLayout.JAVA_LONG, 0);
        }
    }

    /** Returns cached memory to the driver, keeping at least {@code bytesToKeep}. */
    public void trimTo(long bytesToKeep) {
        device.bind();
        device.check(Driver.cuMemPoolTrimTo(handle(), bytesToKeep), "cuMemPoolTrimTo");
    }

    /** Destroys the pool; every buffer allocated from it must have been closed first. */
    @Override
    public void close() {
        long open = outstanding.get();
        if (open > 0 && generation == device.generation() && device.lostReason().isEmpty()) {
            throw new IllegalStateException("memory pool on " + device + " still has " + open
                    + " open buffer(s); close them before the pool");
        }
        if (closed.compareAndSet(false, true)) {
            registration.release();
            if (device.ownsResourcesOf(generation)) {
                device.check(Driver.cuMemPoolDestroy(handle), "cuMemPoolDestroy");
            }
        }
    }
}
