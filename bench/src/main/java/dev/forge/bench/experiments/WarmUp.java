package dev.forge.bench.experiments;

import java.util.function.LongSupplier;

/**
 * Runs a measurement's work before it is timed until the JIT has settled: at least the settings' warm-up runs and
 * {@value #MIN_NANOS} ns, and until {@value #SETTLED_RUNS} runs in a row took at most {@value #SETTLED_RATIO} times the
 * fastest run so far. A fixed budget was not enough: Vector API code runs a hundred times slower before C2 compiles
 * it, so 200 ms of warm-up was a handful of slow runs, and the int32 reduction at 1M was timed at 17 ms instead of
 * 0.2 ms. Warm-up ends regardless after {@value #MAX_NANOS} ns or {@value #MAX_RUNS} runs.
 */
final class WarmUp {
    static final long MIN_NANOS = 200_000_000L;
    static final long MAX_NANOS = 3_000_000_000L;
    static final int MAX_RUNS = 200;
    static final int SETTLED_RUNS = 3;
    static final double SETTLED_RATIO = 1.5;

    private WarmUp() {
    }

    /** Warms {@code work} up; returns how many runs it took. */
    static int run(Runnable work, int minimumRuns) {
        return run(work, minimumRuns, System::nanoTime);
    }

    static int run(Runnable work, int minimumRuns, LongSupplier clock) {
        long began = clock.getAsLong();
        long fastest = Long.MAX_VALUE;
        int settled = 0;
        for (int runs = 0; runs < MAX_RUNS; runs++) {
            long elapsed = clock.getAsLong() - began;
            if (runs >= minimumRuns && (elapsed >= MAX_NANOS || elapsed >= MIN_NANOS && settled >= SETTLED_RUNS)) {
                return runs;
            }
            long start = clock.getAsLong();
            work.run();
            long took = clock.getAsLong() - start;
            if (took * SETTLED_RATIO < fastest) {
                settled = 1; // a new, clearly faster level: only this run has reached it
                fastest = took;
            } else if (took <= fastest * SETTLED_RATIO) {
                settled++;
                fastest = Math.min(fastest, took);
            } else {
                settled = 0; // an outlier: start counting again
            }
        }
        return MAX_RUNS;
    }
}
