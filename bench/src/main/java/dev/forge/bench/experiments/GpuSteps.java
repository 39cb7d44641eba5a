package dev.forge.bench.experiments;

import dev.forge.cuda.DeviceMemory;
import dev.forge.cuda.Stream;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A GPU contender assembled from its steps: the host-to-device copies, the compute work, the device-to-host copies
 * (fixed ones, or a step that first reads a count the GPU wrote), and the host memory the downloads fill, which is
 * poisoned before a validated run.
 */
public final class GpuSteps implements Contender.OnDevice {
    private static final byte POISON = (byte) 0xA5;

    private final String name;
    private final List<Consumer<Stream>> uploads = new ArrayList<>();
    private final List<Consumer<Stream>> computes = new ArrayList<>();
    private final List<Consumer<Stream>> downloads = new ArrayList<>();
    private final List<MemorySegment> results = new ArrayList<>();

    public GpuSteps(String name) {
        this.name = name;
    }

    /** "Forge GPU": how reports name the primitives on the GPU. */
    public static GpuSteps forge() {
        return new GpuSteps("Forge GPU");
    }

    public GpuSteps upload(MemorySegment host, DeviceMemory device) {
        uploads.add(stream -> device.copyFromAsync(host, stream));
        return this;
    }

    public GpuSteps compute(Consumer<Stream> work) {
        computes.add(work);
        return this;
    }

    /** Copies the first {@code host.byteSize()} bytes of {@code device} into {@code host}, the result to validate. */
    public GpuSteps download(DeviceMemory device, MemorySegment host) {
        results.add(host);
        downloads.add(stream -> device.copyToAsync(host, stream));
        return this;
    }

    /** A download whose size the GPU decided; {@code result} is the host memory it fills (poisoned before checks). */
    public GpuSteps download(Consumer<Stream> step, MemorySegment... result) {
        results.addAll(List.of(result));
        downloads.add(step);
        return this;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void upload(Stream stream) {
        uploads.forEach(step -> step.accept(stream));
    }

    @Override
    public void compute(Stream stream) {
        computes.forEach(step -> step.accept(stream));
    }

    @Override
    public void download(Stream stream) {
        downloads.forEach(step -> step.accept(stream));
    }

    @Override
    public void poisonResult() {
        results.forEach(segment -> segment.fill(POISON));
    }
}
