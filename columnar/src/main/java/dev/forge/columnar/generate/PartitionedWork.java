package dev.forge.columnar.generate;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs numbered parts of a job on a thread pool and hands their results to a consumer in part order, with at most a
 * few parts in flight so that memory stays bounded however many parts there are.
 */
final class PartitionedWork {
    private PartitionedWork() {
    }

    interface Part<T> {
        T make(int part) throws Exception;
    }

    interface InOrder<T> {
        void accept(int part, T result) throws Exception;
    }

    /** Makes parts {@code 0..parts-1} on {@code threads} threads; {@code consumer} sees them in order. */
    static <T> void run(int parts, int threads, Part<T> maker, InOrder<T> consumer) throws Exception {
        int inFlight = Math.max(1, threads * 2);
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, parts)))) {
            Deque<Future<T>> pending = new ArrayDeque<>();
            int next = 0;
            int consumed = 0;
            try {
                while (consumed < parts) {
                    while (next < parts && pending.size() < inFlight) {
                        int part = next++;
                        pending.add(pool.submit(() -> maker.make(part)));
                    }
                    T result = await(pending.removeFirst());
                    consumer.accept(consumed++, result);
                }
            } finally {
                for (Future<T> future : pending) {
                    future.cancel(true);
                }
            }
        }
    }

    private static <T> T await(Future<T> future) throws Exception {
        try {
            return future.get();
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw failed;
        }
    }
}
