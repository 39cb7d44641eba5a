package dev.forge.bench.experiments.cases;

import java.lang.foreign.Arena;

/**
 * The arena a CPU twin allocates its result in, fresh for every run: the previous run's result is freed when the next
 * one has been made, so repeated runs do not pile up memory and the last result stays readable for the validation.
 */
final class ResultArena implements AutoCloseable {
    private Arena current;
    private Arena previous;

    /** A new arena for the next run's result; call {@link #keepOnlyLatest} once the result is made. */
    Arena next() {
        previous = current;
        current = Arena.ofShared();
        return current;
    }

    /** Frees the run before the latest. */
    void keepOnlyLatest() {
        if (previous != null) {
            previous.close();
            previous = null;
        }
    }

    @Override
    public void close() {
        keepOnlyLatest();
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
