package dev.forge.cuda;

import dev.forge.cuda.bindings.Driver;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A CUDA graph recorded from the work queued on a stream. Replaying an instantiated graph launches all of its
 * kernels for about a microsecond each, against several for separate launches.
 */
public final class Graph implements AutoCloseable {
    private static final int CAPTURE_MODE_THREAD_LOCAL = 1;

    private final CudaDevice device;
    private final long handle;
    private final int generation;
    private final LeakTracker.Registration registration;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Graph(CudaDevice device, long handle) {
        this.device = device;
        this.handle = handle;
        this.generation = device.generation();
        this.registration = LeakTracker.register("graph", 0, "graph on " + device);
    }

    /**
     * Records everything {@code work} queues on {@code stream} into a graph instead of running it. Only this
     * thread's capture is affected; other threads keep launching normally.
     */
    public static Graph capture(Stream stream, Runnable work) {
        CudaDevice device = stream.device();
        device.bind();
        device.check(Driver.cuStreamBeginCapture(stream.handle(), CAPTURE_MODE_THREAD_LOCAL), "cuStreamBeginCapture_v2");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment graph = arena.allocate(ValueLayout.JAVA_LONG);
            try {
                work.run();
            } catch (RuntimeException | Error failure) {
                // End the capture so the stream is usable again, and drop the partial graph.
                if (Driver.cuStreamEndCapture(stream.handle(), graph) == CudaErrors.SUCCESS) {
                    Driver.cuGraphDestroy(graph.get(ValueLayout.JAVA_LONG, 0));
                }
                throw failure;
            }
            device.check(Driver.cuStreamEndCapture(stream.handle(), graph), "cuStreamEndCapture");
            return new Graph(device, graph.get(ValueLayout.JAVA_LONG, 0));
        }
    }

    long handle() {
        if (closed.get()) {
            throw new IllegalStateException("graph was already closed");
        }
        device.requireGeneration(generation, "graph");
        return handle;
    }

    public int nodeCount() {
        device.bind();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment count = arena.allocate(ValueLayout.JAVA_LONG);
            device.check(Driver.cuGraphGetNodes(handle(), MemorySegment.NULL, count), "cuGraphGetNodes");
            return Math.toIntExact(count.get(ValueLayout.JAVA_LONG, 0));
        }
    }

    /** An executable copy of this graph; the graph itself may be closed afterwards. */
    public GraphExec instantiate() {
        return GraphExec.instantiate(device, this);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            registration.release();
            if (device.ownsResourcesOf(generation)) {
                device.check(Driver.cuGraphDestroy(handle), "cuGraphDestroy");
            }
        }
    }
}
