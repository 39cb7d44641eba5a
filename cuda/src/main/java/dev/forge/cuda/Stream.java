package dev.forge.cuda;

import dev.forge.cuda.bindings.Driver;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An ordered queue of device work. Forge streams never synchronise with the legacy default stream, so work
 * from other libraries in the process cannot stall a query.
 */
public final class Stream implements AutoCloseable {
    private static final int NON_BLOCKING = 0x1;

    private final CudaDevice device;
    private final long handle;
    private final int generation;
    private final LeakTracker.Registration registration;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Stream(CudaDevice device, long handle) {
        this.device = device;
        this.handle = handle;
        this.generation = device.generation();
        this.registration = LeakTracker.register("stream", 0, "stream on " + device);
    }

    static Stream create(CudaDevice device) {
        device.bind();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment value = arena.allocate(ValueLayout.JAVA_LONG);
            device.check(Driver.cuStreamCreate(value, NON_BLOCKING), "cuStreamCreate");
            return new Stream(device, value.get(ValueLayout.JAVA_LONG, 0));
        }
    }

    public CudaDevice device() {
        return device;
    }

    /** The raw {@code CUstream}, for the bindings. */
    public long handle() {
        if (closed.get()) {
            throw new IllegalStateException("stream was already closed");
        }
        device.requireGeneration(generation, "stream");
        return handle;
    }

    /** Blocks until all work queued so far has finished. */
    public void synchronize() {
        device.bind();
        device.check(Driver.cuStreamSynchronize(handle()), "cuStreamSynchronize");
    }

    /** Whether all work queued so far has finished, without blocking. */
    public boolean isIdle() {
        device.bind();
        int result = Driver.cuStreamQuery(handle());
        if (result == CudaErrors.NOT_READY) {
            return false;
        }
        device.check(result, "cuStreamQuery");
        return true;
    }

    /** Makes later work on this stream wait until {@code event} has completed, without blocking the host. */
    public void waitFor(Event event) {
        device.bind();
        device.check(Driver.cuStreamWaitEvent(handle(), event.handle(), 0), "cuStreamWaitEvent");
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            registration.release();
            if (device.ownsResourcesOf(generation)) {
                device.check(Driver.cuStreamDestroy(handle), "cuStreamDestroy_v2");
            }
        }
    }
}
