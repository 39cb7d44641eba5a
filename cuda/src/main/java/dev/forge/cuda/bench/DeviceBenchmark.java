package dev.forge.cuda.bench;

import dev.forge.cuda.CudaDevice;
import dev.forge.cuda.DeviceBuffer;
import dev.forge.cuda.Event;
import dev.forge.cuda.Graph;
import dev.forge.cuda.GraphExec;
import dev.forge.cuda.Kernel;
import dev.forge.cuda.KernelLaunch;
import dev.forge.cuda.Module;
import dev.forge.cuda.PinnedBuffer;
import dev.forge.cuda.Stream;
import dev.forge.cuda.bench.Measurement.Unit;
import dev.forge.cuda.compile.KernelCompiler;
import dev.forge.cuda.compile.KernelSource;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Measures what bounds every Forge kernel on this GPU: device copy bandwidth, the cost of a launch, of a launch
 * followed by a wait, of a graph node, and PCIe bandwidth from pinned and pageable memory.
 *
 * <p>Device times come from events around the work after warm-up; host-side latencies from {@link System#nanoTime()}
 * around the calls. Every figure is the median of its repetitions.
 */
public final class DeviceBenchmark {
    private static final int COPY_BLOCK = 256;
    /** Vectors one block of the copy kernels moves: THREADS * UNROLL in device_bench.cu. */
    private static final int COPY_TILE_VECTORS = 256 * 4;
    private static final int GRAPH_NODES = 1000;
    private static final int RUNS_PER_SAMPLE = 5;

    private final CudaDevice device;
    private final Consumer<String> progress;
    private final HardwareCeilings ceilings;

    public DeviceBenchmark(CudaDevice device, Consumer<String> progress) {
        this.device = device;
        this.progress = progress;
        this.ceilings = HardwareCeilings.forDevice(device.info().name()).orElse(null);
    }

    public List<Measurement> run() {
        List<Measurement> results = new ArrayList<>();
        Module module = KernelCompiler.shared(device).load(KernelSource.fromResource(DeviceBenchmark.class,
                "/kernels/device_bench.cu"));
        try (Stream stream = device.createStream();
                Event start = device.createEvent();
                Event end = device.createEvent()) {
            progress.accept("device copy");
            results.addAll(copyBandwidth(module, stream, start, end));
            progress.accept("launch latency");
            Kernel empty = module.kernel("empty");
            results.add(launchLatency(empty, stream));
            results.add(launchAndSyncLatency(empty, stream));
            progress.accept("graph node latency");
            results.add(graphNodeLatency(empty, stream, start, end));
            progress.accept("PCIe");
            results.addAll(pcieBandwidth(stream, start, end));
        }
        return results;
    }

    /** Only the device-copy figures (kernels and cuMemcpyDtoD), e.g. as the ceiling of another benchmark. */
    public List<Measurement> copyBandwidth() {
        Module module = KernelCompiler.shared(device).load(KernelSource.fromResource(DeviceBenchmark.class,
                "/kernels/device_bench.cu"));
        try (Stream stream = device.createStream(); Event start = device.createEvent(); Event end = device.createEvent()) {
            return copyBandwidth(module, stream, start, end);
        }
    }

    private double ceiling(java.util.function.ToDoubleFunction<HardwareCeilings> field) {
        return ceilings == null ? Double.NaN : field.applyAsDouble(ceilings);
    }

    private List<Measurement> copyBandwidth(Module module, Stream stream, Event start, Event end) {
        long[] memory = device.memoryInfo();
        // 1 GiB each way when the GPU has room: far beyond L2, so every byte comes from DRAM.
        long bytes = Math.min(1L << 30, (memory[0] / 4) & ~0xFFFFL);
        List<Measurement> results = new ArrayList<>();
        try (DeviceBuffer source = device.allocate(bytes); DeviceBuffer destination = device.allocate(bytes)) {
            fillRandom(source);
            long vectors = bytes / 16;
            int grid = Math.toIntExact((vectors + COPY_TILE_VECTORS - 1) / COPY_TILE_VECTORS);
            for (String kernelName : List.of("copy_int4", "copy_int4_streaming")) {
                KernelLaunch copy = module.kernel(kernelName).launcher()
                        .grid(grid).block(COPY_BLOCK).stream(stream).arg(source).arg(destination).arg(vectors);
                destination.fill((byte) 0);
                double seconds = medianSeconds(30, 10, stream, start, end, copy::launch);
                verifyCopy(source, destination);
                results.add(new Measurement("device copy (" + kernelName + ", read+write)", 2.0 * bytes / seconds,
                        Unit.BYTES_PER_SECOND, ceiling(HardwareCeilings::copyBytesPerSecond), true));
            }
            destination.fill((byte) 0);
            double memcpySeconds = medianSeconds(30, 10, stream, start, end,
                    () -> destination.copyFromAsync(source, stream));
            verifyCopy(source, destination);
            results.add(new Measurement("device copy (cuMemcpyDtoD, read+write)", 2.0 * bytes / memcpySeconds,
                    Unit.BYTES_PER_SECOND, ceiling(HardwareCeilings::copyBytesPerSecond), true));
        }
        return results;
    }

    /** Random data, repeating every 16 MiB: an index error smaller than that shows as a mismatch. */
    private static void fillRandom(DeviceBuffer buffer) {
        try (Arena arena = Arena.ofConfined()) {
            long period = Math.min(buffer.byteSize(), 16L << 20);
            MemorySegment pattern = arena.allocate(period);
            fillRandom(pattern);
            for (long offset = 0; offset < buffer.byteSize(); offset += period) {
                buffer.slice(offset, Math.min(period, buffer.byteSize() - offset)).copyFrom(pattern.asSlice(0,
                        Math.min(period, buffer.byteSize() - offset)));
            }
        }
    }

    /** Compares the first, a middle and the last MiB of the copy with its source. */
    private static void verifyCopy(DeviceBuffer source, DeviceBuffer destination) {
        try (Arena arena = Arena.ofConfined()) {
            long sample = Math.min(source.byteSize(), 1 << 20);
            MemorySegment expected = arena.allocate(sample);
            MemorySegment actual = arena.allocate(sample);
            long middle = (source.byteSize() / 2) & ~0xFFFL;
            for (long offset : new long[] {0, Math.min(middle, source.byteSize() - sample), source.byteSize() - sample}) {
                source.slice(offset, sample).copyTo(expected);
                destination.slice(offset, sample).copyTo(actual);
                if (expected.mismatch(actual) != -1) {
                    throw new IllegalStateException("the copy benchmark produced wrong data at byte " + offset
                            + ": its figures are invalid");
                }
            }
        }
    }

    /** Back-to-back launches, no waiting: what one more kernel in a query costs on the host. */
    private Measurement launchLatency(Kernel empty, Stream stream) {
        var launch = empty.launcher().grid(1).block(32).stream(stream);
        double[] samples = new double[7];
        int launches = 2000;
        for (int round = -5; round < samples.length; round++) { // the first rounds warm up the JIT
            long began = System.nanoTime();
            for (int i = 0; i < launches; i++) {
                launch.launch();
            }
            stream.synchronize();
            if (round >= 0) {
                samples[round] = (System.nanoTime() - began) / 1e3 / launches;
            }
        }
        return new Measurement("kernel launch (back to back)", EventTiming.median(samples), Unit.MICROSECONDS,
                ceiling(HardwareCeilings::launchMicros), false);
    }

    /** One launch and a wait for it: the floor of any query that returns to Java. */
    private Measurement launchAndSyncLatency(Kernel empty, Stream stream) {
        var launch = empty.launcher().grid(1).block(32).stream(stream);
        double[] samples = new double[2000];
        for (int i = -2000; i < samples.length; i++) { // the first iterations warm up the JIT
            long began = System.nanoTime();
            launch.launch();
            stream.synchronize();
            if (i >= 0) {
                samples[i] = (System.nanoTime() - began) / 1e3;
            }
        }
        return new Measurement("kernel launch + synchronize", EventTiming.median(samples), Unit.MICROSECONDS,
                ceiling(HardwareCeilings::launchAndSyncMicros), false);
    }

    private Measurement graphNodeLatency(Kernel empty, Stream stream, Event start, Event end) {
        var launch = empty.launcher().grid(1).block(32).stream(stream);
        try (Graph graph = Graph.capture(stream, () -> {
            for (int i = 0; i < GRAPH_NODES; i++) {
                launch.launch();
            }
        }); GraphExec executable = graph.instantiate()) {
            double seconds = medianSeconds(10, 2, stream, start, end, () -> executable.launch(stream));
            return new Measurement("CUDA graph node (" + GRAPH_NODES + " empty kernels)", seconds * 1e6 / GRAPH_NODES,
                    Unit.MICROSECONDS, ceiling(HardwareCeilings::graphNodeMicros), false);
        }
    }

    private List<Measurement> pcieBandwidth(Stream stream, Event start, Event end) {
        long bytes = 256L << 20;
        List<Measurement> results = new ArrayList<>();
        try (DeviceBuffer deviceBuffer = device.allocate(bytes); PinnedBuffer pinned = PinnedBuffer.allocate(device, bytes)) {
            fillRandom(pinned.segment());
            double up = medianSeconds(5, 2, stream, start, end, () -> deviceBuffer.copyFromAsync(pinned.segment(), stream));
            double down = medianSeconds(5, 2, stream, start, end, () -> deviceBuffer.copyToAsync(pinned.segment(), stream));
            results.add(new Measurement("PCIe host->device, pinned", bytes / up, Unit.BYTES_PER_SECOND,
                    ceiling(HardwareCeilings::pinnedPcieBytesPerSecond), true));
            results.add(new Measurement("PCIe device->host, pinned", bytes / down, Unit.BYTES_PER_SECOND,
                    ceiling(HardwareCeilings::pinnedPcieBytesPerSecond), true));
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment pageable = arena.allocate(bytes, 4096);
                fillRandom(pageable);
                double pageableUp = medianWallSeconds(10, 2, () -> deviceBuffer.copyFrom(pageable));
                double pageableDown = medianWallSeconds(10, 2, () -> deviceBuffer.copyTo(pageable));
                results.add(new Measurement("PCIe host->device, pageable", bytes / pageableUp, Unit.BYTES_PER_SECOND,
                        ceiling(HardwareCeilings::pageablePcieBytesPerSecond), true));
                results.add(new Measurement("PCIe device->host, pageable", bytes / pageableDown, Unit.BYTES_PER_SECOND,
                        ceiling(HardwareCeilings::pageablePcieBytesPerSecond), true));
            }
        }
        return results;
    }

    private static void fillRandom(MemorySegment segment) {
        Random random = new Random(42);
        for (long offset = 0; offset + 8 <= segment.byteSize(); offset += 8) {
            segment.set(ValueLayout.JAVA_LONG_UNALIGNED, offset, random.nextLong());
        }
    }

    /** Median device time of one run of {@code work} ({@link EventTiming}), after {@code warmups} untimed runs. */
    private static double medianSeconds(int samples, int warmups, Stream stream, Event start, Event end, Runnable work) {
        for (int i = 0; i < warmups; i++) {
            work.run();
        }
        return EventTiming.medianSeconds(samples, RUNS_PER_SAMPLE, stream, start, end, work);
    }

    private static double medianWallSeconds(int runs, int warmups, Runnable work) {
        for (int i = 0; i < warmups; i++) {
            work.run();
        }
        double[] samples = new double[runs];
        for (int i = 0; i < runs; i++) {
            long began = System.nanoTime();
            work.run();
            samples[i] = (System.nanoTime() - began) / 1e9;
        }
        return EventTiming.median(samples);
    }
}
