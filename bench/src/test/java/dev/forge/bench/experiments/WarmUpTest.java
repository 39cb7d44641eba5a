package dev.forge.bench.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WarmUpTest {
    private static final long MS = 1_000_000L;

    /** Work whose i-th run takes {@code durations[i]} ns of the fake clock (the last duration repeats). */
    private static int warmUp(int minimumRuns, long... durations) {
        AtomicLong clock = new AtomicLong();
        AtomicInteger runs = new AtomicInteger();
        Runnable work = () -> clock.addAndGet(durations[Math.min(runs.getAndIncrement(), durations.length - 1)]);
        int reported = WarmUp.run(work, minimumRuns, clock::get);
        assertThat(reported).isEqualTo(runs.get());
        return reported;
    }

    @Test
    void codeThatSpeedsUpAsItCompilesWarmsUpUntilThreeRunsAtItsFinalSpeed() {
        // interpreted, C1, then C2: 255 ms, 100 ms, 50 ms, 20 ms, then 0.2 ms a run
        int runs = warmUp(3, 255 * MS, 100 * MS, 50 * MS, 20 * MS, MS / 5);
        // the first 425 ms pass the time floor; then three runs at 0.2 ms settle it
        assertThat(runs).isEqualTo(7);
    }

    @Test
    void steadyWorkStopsAtTheTimeFloorOrTheMinimumRuns() {
        assertThat(warmUp(3, 10 * MS)).isEqualTo(20); // 200 ms of 10 ms runs
        assertThat(warmUp(3, 300 * MS)).isEqualTo(3); // the minimum runs pass the floor already
        assertThat(warmUp(5, 300 * MS)).isEqualTo(5);
    }

    @Test
    void anOutlierRestartsTheCount() {
        int runs = warmUp(0, 100 * MS, 100 * MS, 400 * MS, 100 * MS, 100 * MS, 100 * MS);
        assertThat(runs).isEqualTo(6);
    }

    @Test
    void workThatNeverSettlesStopsAtTheCaps() {
        AtomicLong clock = new AtomicLong();
        AtomicInteger runs = new AtomicInteger();
        // alternately 1 ms and 10 ms: never three runs in a row within 1.5x of the fastest
        Runnable jittery = () -> clock.addAndGet(runs.getAndIncrement() % 2 == 0 ? MS : 10 * MS);
        assertThat(WarmUp.run(jittery, 3, clock::get)).isEqualTo(WarmUp.MAX_RUNS);
        AtomicLong slowClock = new AtomicLong();
        AtomicInteger slowRuns = new AtomicInteger();
        Runnable slowJittery = () -> slowClock.addAndGet(slowRuns.getAndIncrement() % 2 == 0 ? 100 * MS : 1000 * MS);
        int stopped = WarmUp.run(slowJittery, 3, slowClock::get);
        assertThat(stopped).isLessThan(WarmUp.MAX_RUNS);
        assertThat(slowClock.get()).isBetween(WarmUp.MAX_NANOS, WarmUp.MAX_NANOS + 1000 * MS);
    }
}
