package dev.forge.bench.experiments;

import dev.forge.cuda.DeviceBuffer;
import dev.forge.cuda.PinnedBuffer;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * A trial's host and device memory, freed together. Host segments come from one shared arena (the CPU twins read them
 * on every worker thread) and, where there is a GPU, are page-locked in place, so uploads and downloads run at the
 * pinned PCIe rate and the CPU baseline reads the very same bytes.
 */
public final class TrialMemory implements AutoCloseable {
    private static final long PAGE = 4096;

    private final Arena arena = Arena.ofShared();
    private final GpuResources gpu;
    private final List<PinnedBuffer> pins = new ArrayList<>();
    private final List<DeviceBuffer> deviceBuffers = new ArrayList<>();

    /** {@code gpu} may be null: then host memory is not pinned and there is no device memory. */
    public TrialMemory(GpuResources gpu) {
        this.gpu = gpu;
    }

    /**
     * Host memory of {@code bytes}, pinned where there is a GPU. Each segment gets whole pages of its own: the driver
     * pins pages, and a second registration of a page already pinned for a neighbour would fail.
     */
    public MemorySegment host(long bytes) {
        long pages = Math.max(1, (bytes + PAGE - 1) / PAGE);
        MemorySegment segment = arena.allocate(pages * PAGE, PAGE);
        if (gpu != null) {
            pins.add(PinnedBuffer.register(gpu.device(), segment));
        }
        return segment.asSlice(0, bytes);
    }

    /** Device memory of exactly {@code bytes} (at least one); needs a GPU. */
    public DeviceBuffer device(long bytes) {
        if (gpu == null) {
            throw new IllegalStateException("device memory was asked for in a run without a GPU");
        }
        DeviceBuffer buffer = gpu.device().allocate(bytes);
        deviceBuffers.add(buffer);
        return buffer;
    }

    @Override
    public void close() {
        if (gpu != null) {
            gpu.stream().synchronize();
        }
        deviceBuffers.forEach(DeviceBuffer::close);
        pins.forEach(PinnedBuffer::close);
        arena.close();
    }
}
