package dev.forge.primitives.cpu;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import java.util.function.IntConsumer;

/**
 * The threads a CPU twin runs on: a fork/join pool that runs numbered tasks (usually one per morsel) in parallel.
 *
 * <p>Results never depend on the thread count, because work is cut into {@link Morsels} whose boundaries depend only
 * on the input size, and partial results are combined in morsel order. Segments handed to the twins must be readable
 * from any thread: allocate them from a shared, automatic or global arena.
 */
public final class CpuWorkers implements AutoCloseable {

    private static final class AllCoresHolder {
        static final CpuWorkers INSTANCE = new CpuWorkers(Runtime.getRuntime().availableProcessors(), false);
    }

    private final ForkJoinPool pool;
    private final int parallelism;
    private final boolean owned;

    private CpuWorkers(int parallelism, boolean owned) {
        this.parallelism = parallelism;
        this.pool = parallelism > 1 ? new ForkJoinPool(parallelism) : null;
        this.owned = owned;
    }

    /** The process-wide workers, one thread per available core; closing them does nothing. */
    public static CpuWorkers allCores() {
        return AllCoresHolder.INSTANCE;
    }

    /** Workers with their own pool of {@code threads} threads (1 runs everything on the caller's thread). */
    public static CpuWorkers withThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        return new CpuWorkers(threads, true);
    }

    public int parallelism() {
        return parallelism;
    }

    /** Runs {@code task.accept(i)} for every {@code i} in [0, taskCount), in parallel, and returns when all are done. */
    public void forEach(int taskCount, IntConsumer task) {
        if (taskCount <= 0) {
            return;
        }
        if (pool == null || taskCount == 1) {
            for (int i = 0; i < taskCount; i++) {
                task.accept(i);
            }
            return;
        }
        try {
            pool.invoke(new RangeTask(0, taskCount, task));
        } catch (WrongThreadException e) {
            throw new IllegalArgumentException("a segment passed to a CPU primitive belongs to a confined arena, which"
                    + " only its own thread may read: allocate it from Arena.ofShared(), Arena.ofAuto() or"
                    + " Arena.global()", e);
        }
    }

    @Override
    public void close() {
        if (owned && pool != null) {
            pool.close();
        }
    }

    @Override
    public String toString() {
        return "CpuWorkers[" + parallelism + " threads]";
    }

    /** Splits a range of task numbers in halves until one task is left, so idle threads can steal the other half. */
    private static final class RangeTask extends RecursiveAction {
        private final int from;
        private final int to;
        private final IntConsumer task;

        RangeTask(int from, int to, IntConsumer task) {
            this.from = from;
            this.to = to;
            this.task = task;
        }

        @Override
        protected void compute() {
            if (to - from == 1) {
                task.accept(from);
                return;
            }
            int middle = (from + to) >>> 1;
            invokeAll(new RangeTask(from, middle, task), new RangeTask(middle, to, task));
        }
    }
}
