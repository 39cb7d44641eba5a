package dev.forge.bench.primitives;

import dev.forge.cuda.Event;
import dev.forge.cuda.Stream;
import dev.forge.cuda.bench.EventTiming;

/**
 * How the single-run benchmarks ({@code forge bench primitives}, {@code forge bench gemm}) time a call. GPU: the
 * CUDA-event median of samples, each timing {@link #CALLS_PER_SAMPLE} calls queued back to back, so the host's time to
 * queue one call does not count as device time, after warming up for up to {@link #WARM_UP_CALLS} calls or half a
 * second. CPU: the wall-clock median after one unmeasured call.
 */
final class SampleTiming {
    static final int CALLS_PER_SAMPLE = 5;
    static final int WARM_UP_CALLS = 500;

    private SampleTiming() {
    }

    /** The median device time of one call, from CUDA events around CALLS_PER_SAMPLE calls, after warming up. */
    static double gpuMedian(int samples, Stream stream, Event start, Event end, Runnable call) {
        // Warm up until the JIT has compiled the host path (a few hundred calls) or half a second has passed:
        // at small sizes the host's work per call, not the kernel, decides the time.
        long warmUpEnd = System.nanoTime() + 500_000_000L;
        for (int i = 0; i < WARM_UP_CALLS && System.nanoTime() < warmUpEnd; i++) {
            call.run();
        }
        stream.synchronize();
        double median = EventTiming.medianSeconds(samples, CALLS_PER_SAMPLE, stream, start, end, call);
        stream.synchronize();
        return median;
    }

    /** The median wall-clock time of {@code call} over {@code samples} samples, after one unmeasured {@code first}. */
    static double cpuMedian(int samples, Runnable first, Runnable call) {
        first.run();
        double[] seconds = new double[samples];
        for (int i = 0; i < seconds.length; i++) {
            long began = System.nanoTime();
            call.run();
            seconds[i] = (System.nanoTime() - began) / 1e9;
        }
        return EventTiming.median(seconds);
    }

    /** {@link #cpuMedian(int, Runnable, Runnable)} with half the GPU's samples, at least 3. */
    static double cpuMedian(int gpuSamples, Runnable call) {
        return cpuMedian(Math.max(3, gpuSamples / 2), call, call);
    }
}
