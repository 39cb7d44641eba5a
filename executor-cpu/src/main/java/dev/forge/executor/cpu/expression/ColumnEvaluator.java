package dev.forge.executor.cpu.expression;

import dev.forge.executor.cpu.vector.Batch;
import dev.forge.executor.cpu.vector.Vector;

/** An input column, as is. */
record ColumnEvaluator(int index) implements Evaluator {
    @Override
    public Vector evaluate(Batch batch) {
        return batch.column(index);
    }
}
