package dev.forge.executor.cpu.expression;

import dev.forge.executor.cpu.vector.Batch;
import dev.forge.executor.cpu.vector.Vector;

/**
 * One compiled expression: evaluates it for every row of a batch in one call. Evaluators are built once per query
 * and shared by all worker threads, so they keep no per-call state.
 */
public interface Evaluator {
    /** A vector of {@code batch.rowCount()} values. */
    Vector evaluate(Batch batch);
}
