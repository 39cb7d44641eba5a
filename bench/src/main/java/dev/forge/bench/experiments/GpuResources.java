package dev.forge.bench.experiments;

import dev.forge.cuda.Cuda;
import dev.forge.cuda.CudaDevice;
import dev.forge.cuda.CudaStatus;
import dev.forge.cuda.Event;
import dev.forge.cuda.MemoryPool;
import dev.forge.cuda.Stream;

/**
 * The GPU side of a suite run: the device, the one stream every trial queues on, the memory pool the primitives
 * allocate from, and the four timing events around a run's upload, compute and download.
 */
public final class GpuResources implements AutoCloseable {
    private final CudaDevice device;
    private final Stream stream;
    private final MemoryPool pool;
    private final Event[] events = new Event[4];

    private GpuResources(CudaDevice device) {
        this.device = device;
        this.stream = device.createStream();
        this.pool = device.createPool();
        for (int i = 0; i < events.length; i++) {
            events[i] = device.createEvent();
        }
    }

    /** The default GPU's resources, or null when there is no usable GPU ({@link #absentReason} says why). */
    public static GpuResources openDefault() {
        return Cuda.status().available() ? new GpuResources(Cuda.defaultDevice()) : null;
    }

    /** Why there is no GPU, in one sentence. */
    public static String absentReason() {
        CudaStatus status = Cuda.status();
        return status.available() ? "" : "no GPU: " + status.reason();
    }

    public CudaDevice device() {
        return device;
    }

    public Stream stream() {
        return stream;
    }

    public MemoryPool pool() {
        return pool;
    }

    /** Events 0-3: before upload, after upload, after compute, after download. */
    Event event(int index) {
        return events[index];
    }

    /** Gives the pool's cached memory back after a trial, so the next trial's own allocations have the room. */
    void releaseCachedMemory() {
        stream.synchronize();
        pool.trimTo(0);
    }

    /** Free device memory now, in bytes. */
    public long freeBytes() {
        return device.memoryInfo()[0];
    }

    @Override
    public void close() {
        stream.synchronize();
        for (Event event : events) {
            event.close();
        }
        pool.close();
        stream.close();
    }
}
