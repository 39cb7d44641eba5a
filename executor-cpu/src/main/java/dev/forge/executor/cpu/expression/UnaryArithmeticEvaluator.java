package dev.forge.executor.cpu.expression;

import dev.forge.executor.cpu.vector.Batch;
import dev.forge.executor.cpu.vector.DoubleVector;
import dev.forge.executor.cpu.vector.LongVector;
import dev.forge.executor.cpu.vector.Vector;
import dev.forge.plan.QueryException;

/** Unary minus and ABS on integers (overflow is an error: -MIN has no value) and floats. */
final class UnaryArithmeticEvaluator implements Evaluator {
    private final boolean negate;
    private final Evaluator argument;
    private final boolean int32;
    private final String text;

    UnaryArithmeticEvaluator(boolean negate, Evaluator argument, boolean int32, String text) {
        this.negate = negate;
        this.argument = argument;
        this.int32 = int32;
        this.text = text;
    }

    @Override
    public Vector evaluate(Batch batch) {
        int rows = batch.rowCount();
        Vector input = argument.evaluate(batch);
        if (input instanceof DoubleVector doubles) {
            double[] result = new double[rows];
            for (int i = 0; i < rows; i++) {
                result[i] = negate ? -doubles.values()[i] : Math.abs(doubles.values()[i]);
            }
            return new DoubleVector(result, doubles.nulls(), rows);
        }
        LongVector longs = (LongVector) input;
        long[] values = longs.values();
        long[] result = new long[rows];
        long minimum = int32 ? Integer.MIN_VALUE : Long.MIN_VALUE;
        for (int i = 0; i < rows; i++) {
            long value = values[i];
            if (value == minimum && !longs.isNull(i)) {
                throw new QueryException((int32 ? "INT32" : "INT64") + " overflow in " + text + " for " + value);
            }
            result[i] = negate || value < 0 ? -value : value;
        }
        return new LongVector(result, longs.nulls(), rows);
    }
}
