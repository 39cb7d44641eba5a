package dev.forge.bench.primitives;

import dev.forge.cuda.CudaDevice;
import dev.forge.cuda.Event;
import dev.forge.cuda.MemoryPool;
import dev.forge.cuda.Stream;
import dev.forge.primitives.cpu.CpuWorkers;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What every family's measurements share in one run of {@code forge bench primitives}: the device, stream, pool and
 * events, the CPU workers, the ceilings and CUB's times, how to time a call on either side, the memory check before a
 * case, and where results, skipped cases and notes go.
 *
 * <p>Times are {@link SampleTiming}'s: GPU CUDA-event medians of {@code samples} samples, CPU wall-clock medians of
 * {@link #cpuSamples} samples after one unmeasured call (the call whose result the GPU's is checked against).
 */
final class MeasurementContext {
    /** From this size on, the CPU twin gets {@link #LARGE_CPU_SAMPLES} samples: seconds each, and the run must fit. */
    static final long LARGE_SIZE = 1L << 26;
    static final int LARGE_CPU_SAMPLES = 3;

    final CudaDevice device;
    final CpuWorkers workers;
    final Stream stream;
    final MemoryPool pool;
    final int samples;
    final Ceiling copy;
    final CubPeers cub;
    final Consumer<String> progress;
    private final Event start;
    private final Event end;
    private final List<PrimitiveResult> results = new ArrayList<>();
    private final List<SkippedCase> skipped = new ArrayList<>();
    private final Set<String> notes = new LinkedHashSet<>();

    MeasurementContext(CudaDevice device, CpuWorkers workers, Stream stream, MemoryPool pool, Event start, Event end,
            int samples, Ceiling copy, CubPeers cub, Consumer<String> progress) {
        this.device = device;
        this.workers = workers;
        this.stream = stream;
        this.pool = pool;
        this.start = start;
        this.end = end;
        this.samples = samples;
        this.copy = copy;
        this.cub = cub;
        this.progress = progress;
    }

    double gpuMedian(Runnable call) {
        return SampleTiming.gpuMedian(samples, stream, start, end, call);
    }

    /**
     * The median wall-clock time of one call of the CPU twin on {@code size} elements, after the unmeasured first
     * call {@code first} (which leaves the twin's result for the check); at {@link #LARGE_SIZE} or more, fewer samples,
     * which a note says.
     */
    double cpuMedian(long size, Runnable first, Runnable call) {
        if (size >= LARGE_SIZE) {
            note(String.format(Locale.ROOT, "CPU twins at %d elements and more: median of %d samples (seconds each;"
                    + " the run must fit its time), after the call the GPU result is checked against", LARGE_SIZE,
                    LARGE_CPU_SAMPLES));
        }
        return SampleTiming.cpuMedian(cpuSamples(samples, size), first, call);
    }

    double cpuMedian(long size, Runnable call) {
        return cpuMedian(size, call, call);
    }

    static int cpuSamples(int gpuSamples, long size) {
        return size >= LARGE_SIZE ? LARGE_CPU_SAMPLES : Math.max(3, gpuSamples / 2);
    }

    /**
     * True when {@code neededBytes} of device memory are free now (the pool trimmed first, so what earlier cases
     * freed counts); otherwise records the case as skipped with the shortfall and returns false.
     */
    boolean roomFor(PrimitiveFamily family, String primitive, String type, long size, long neededBytes) {
        stream.synchronize();
        pool.trimTo(0);
        long free = device.memoryInfo()[0];
        var shortfall = DeviceMemoryCheck.shortfall(neededBytes, free);
        shortfall.ifPresent(reason -> skip(family, primitive, type, size, reason));
        return shortfall.isEmpty();
    }

    void add(PrimitiveResult result) {
        results.add(result);
    }

    void skip(PrimitiveFamily family, String primitive, String type, long size, String reason) {
        progress.accept(family.optionName() + " " + primitive + " " + type + " " + size + ": " + reason);
        skipped.add(new SkippedCase(family.optionName(), primitive, type, size, reason));
    }

    void note(String note) {
        notes.add(note);
    }

    List<PrimitiveResult> results() {
        return results;
    }

    List<SkippedCase> skipped() {
        return skipped;
    }

    List<String> notes() {
        List<String> all = new ArrayList<>(notes);
        all.addAll(cub.notes());
        return all;
    }
}
