package dev.forge.cuda;

import dev.forge.cuda.bindings.Driver;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.atomic.AtomicBoolean;

/** A marker in a stream: for ordering between streams and for timing device work. */
public final class Event implements AutoCloseable {
    private static final int DISABLE_TIMING = 0x2;

    private final CudaDevice device;
    private final long handle;
    private final int generation;
    private final LeakTracker.Registration registration;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Event(CudaDevice device, long handle) {
        this.device = device;
        this.handle = handle;
        this.generation = device.generation();
        this.registration = LeakTracker.register("event", 0, "event on " + device);
    }

    /** An event; without timing it is cheaper to record and to wait on. */
    public static Event create(CudaDevice device, boolean timing) {
        device.bind();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment value = arena.allocate(ValueLayout.JAVA_LONG);
            device.check(Driver.cuEventCreate(value, timing ? 0 : DISABLE_TIMING), "cuEventCreate");
            return new Event(device, value.get(ValueLayout.JAVA_LONG, 0));
        }
    }

    long handle() {
        if (closed.get()) {
            throw new IllegalStateException("event was already closed");
        }
        device.requireGeneration(generation, "event");
        return handle;
    }

    /** Places this event at the current end of {@code stream}. */
    public void record(Stream stream) {
        device.bind();
        device.check(Driver.cuEventRecord(handle(), stream.handle()), "cuEventRecord");
    }

    public void synchronize() {
        device.bind();
        device.check(Driver.cuEventSynchronize(handle()), "cuEventSynchronize");
    }

    public boolean isComplete() {
        device.bind();
        int result = Driver.cuEventQuery(handle());
        if (result == CudaErrors.NOT_READY) {
            return false;
        }
        device.check(result, "cuEventQuery");
        return true;
    }

    /** Milliseconds of device time from {@code start} to this event; both must have completed. */
    public float elapsedMillisSince(Event start) {
        device.bind();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment millis = arena.allocate(ValueLayout.JAVA_FLOAT);
            device.check(Driver.cuEventElapsedTime(millis, start.handle(), handle()), "cuEventElapsedTime");
            return millis.get(ValueLayout.JAVA_FLOAT, 0);
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            registration.release();
            if (device.ownsResourcesOf(generation)) {
                device.check(Driver.cuEventDestroy(handle), "cuEventDestroy_v2");
            }
        }
    }
}
