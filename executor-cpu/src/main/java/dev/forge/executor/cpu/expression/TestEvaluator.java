package dev.forge.executor.cpu.expression;

import dev.forge.executor.cpu.vector.Batch;
import dev.forge.executor.cpu.vector.BooleanVector;
import dev.forge.executor.cpu.vector.Vector;
import dev.forge.plan.expr.Operator;

/** IS [NOT] NULL, IS [NOT] TRUE, IS [NOT] FALSE: never NULL. */
record TestEvaluator(Operator operator, Evaluator argument) implements Evaluator {
    @Override
    public Vector evaluate(Batch batch) {
        Vector vector = argument.evaluate(batch);
        int rows = batch.rowCount();
        boolean[] nulls = vector.nulls();
        boolean[] result = new boolean[rows];
        boolean[] values = vector instanceof BooleanVector booleans ? booleans.values() : null;
        for (int i = 0; i < rows; i++) {
            boolean isNull = nulls != null && nulls[i];
            result[i] = switch (operator) {
                case IS_NULL -> isNull;
                case IS_NOT_NULL -> !isNull;
                case IS_TRUE -> !isNull && values[i];
                case IS_NOT_TRUE -> isNull || !values[i];
                case IS_FALSE -> !isNull && !values[i];
                case IS_NOT_FALSE -> isNull || values[i];
                default -> throw new IllegalStateException(operator + " is not a test");
            };
        }
        return new BooleanVector(result, null, rows);
    }
}
