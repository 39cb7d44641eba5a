package dev.forge.executor.cpu.expression;

import dev.forge.executor.cpu.vector.Batch;
import dev.forge.executor.cpu.vector.BooleanVector;
import dev.forge.executor.cpu.vector.Vector;

/** NOT: NULL stays NULL. */
record NotEvaluator(Evaluator argument) implements Evaluator {
    @Override
    public Vector evaluate(Batch batch) {
        BooleanVector vector = (BooleanVector) argument.evaluate(batch);
        int rows = batch.rowCount();
        boolean[] values = vector.values();
        boolean[] result = new boolean[rows];
        for (int i = 0; i < rows; i++) {
            result[i] = !values[i];
        }
        return new BooleanVector(result, vector.nulls(), rows);
    }
}
