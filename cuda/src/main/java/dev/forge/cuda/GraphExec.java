package dev.forge.cuda;

import dev.forge.cuda.bindings.Driver;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.atomic.AtomicBoolean;

/** An instantiated {@link Graph}, ready to launch on a stream any number of times. */
public final class GraphExec implements AutoCloseable {
    private static final int UPDATE_RESULT_INFO_BYTES = 24;

    private final CudaDevice device;
    private final long handle;
    private final int generation;
    private final LeakTracker.Registration registration;
    private final AtomicBoolean closed = new AtomicBoolean();

    private GraphExec(CudaDevice device, long handle) {
        this.device = device;
        this.handle = handle;
        this.generation = device.generation();
        this.registration = LeakTracker.register("graph executable", 0, "graph executable on " + device);
    }

    static GraphExec instantiate(CudaDevice device, Graph graph) {
        device.bind();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment executable = arena.allocate(ValueLayout.JAVA_LONG);
            device.check(Driver.cuGraphInstantiate(executable, graph.handle(), 0), "cuGraphInstantiateWithFlags");
            return new GraphExec(device, executable.get(ValueLayout.JAVA_LONG, 0));
        }
    }

    private long handle() {
        if (closed.get()) {
            throw new IllegalStateException("graph executable was already closed");
        }
        device.requireGeneration(generation, "graph executable");
        return handle;
    }

    /** Queues the whole graph on {@code stream}. */
    public void launch(Stream stream) {
        device.bind();
        device.check(Driver.cuGraphLaunch(handle(), stream.handle()), "cuGraphLaunch");
    }

    /**
     * Updates this executable in place to run {@code graph}, which must have the same shape (e.g. the same kernels
     * with other arguments). Returns false, leaving this executable unchanged, when the shapes differ.
     */
    public boolean update(Graph graph) {
        device.bind();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment info = arena.allocate(UPDATE_RESULT_INFO_BYTES, 8);
            int result = Driver.cuGraphExecUpdate(handle(), graph.handle(), info);
            if (result == CudaErrors.SUCCESS) {
                return true;
            }
            if (result == CudaErrors.GRAPH_EXEC_UPDATE_FAILURE) {
                return false;
            }
            device.check(result, "cuGraphExecUpdate_v2");
            return false;
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            registration.release();
            if (device.ownsResourcesOf(generation)) {
                device.check(Driver.cuGraphExecDestroy(handle), "cuGraphExecDestroy");
            }
        }
    }
}
