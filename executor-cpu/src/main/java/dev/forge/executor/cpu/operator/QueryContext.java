package dev.forge.executor.cpu.operator;

import dev.forge.plan.QueryCancelledException;
import dev.forge.plan.TableCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

/**
 * What every operator of one query shares: the catalog, the worker threads, the morsel size and the cancellation
 * flag. {@link #parallel} runs numbered tasks (morsels, partitions) on the workers; results are written by task
 * number, so they never depend on which thread ran what.
 */
public final class QueryContext {
    private final TableCatalog catalog;
    private final ExecutorService pool;
    private final int threads;
    private final int morselRows;
    private final BooleanSupplier cancelled;

    public QueryContext(TableCatalog catalog, ExecutorService pool, int threads, int morselRows,
            BooleanSupplier cancelled) {
        this.catalog = catalog;
        this.pool = pool;
        this.threads = threads;
        this.morselRows = morselRows;
        this.cancelled = cancelled;
    }

    public TableCatalog catalog() {
        return catalog;
    }

    public int threads() {
        return threads;
    }

    public int morselRows() {
        return morselRows;
    }

    /** Throws {@link QueryCancelledException} once the query has been cancelled. */
    public void checkCancelled() {
        if (cancelled.getAsBoolean()) {
            throw new QueryCancelledException();
        }
    }

    /**
     * Runs {@code task} for 0..taskCount-1 on the workers and returns when all are done; checks cancellation before
     * each task. The first failure stops the remaining tasks and is rethrown here.
     */
    public void parallel(int taskCount, IntConsumer task) {
        checkCancelled();
        if (taskCount <= 0) {
            return;
        }
        if (threads <= 1 || taskCount == 1 || pool == null) {
            for (int i = 0; i < taskCount; i++) {
                checkCancelled();
                task.accept(i);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean failed = new AtomicBoolean();
        int workers = Math.min(threads, taskCount);
        List<Callable<Void>> callables = new ArrayList<>(workers);
        for (int w = 0; w < workers; w++) {
            callables.add(() -> {
                int index;
                while (!failed.get() && (index = next.getAndIncrement()) < taskCount) {
                    try {
                        checkCancelled();
                        task.accept(index);
                    } catch (RuntimeException | Error failure) {
                        failed.set(true);
                        throw failure;
                    }
                }
                return null;
            });
        }
        List<Future<Void>> futures;
        try {
            futures = pool.invokeAll(callables);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new QueryCancelledException();
        }
        RuntimeException firstRuntime = null;
        Error firstError = null;
        for (Future<Void> future : futures) {
            try {
                future.get();
            } catch (ExecutionException execution) {
                Throwable cause = execution.getCause();
                if (cause instanceof RuntimeException runtime && firstRuntime == null) {
                    firstRuntime = runtime;
                } else if (cause instanceof Error error && firstError == null) {
                    firstError = error;
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new QueryCancelledException();
            }
        }
        if (firstError != null) {
            throw firstError;
        }
        if (firstRuntime != null) {
            // Prefer a query error over the cancellation it may have raced with elsewhere.
            throw firstRuntime;
        }
    }
}
