package dev.forge.executor.cpu.expression;

import dev.forge.executor.cpu.vector.Batch;
import dev.forge.executor.cpu.vector.DoubleVector;
import dev.forge.executor.cpu.vector.Vector;
import dev.forge.plan.QueryException;
import dev.forge.plan.expr.Operator;

/**
 * +, -, *, /, % on FLOAT64, or on FLOAT32 held as doubles and rounded back to float after the operation (exact: one
 * double operation then rounding to float gives the correctly rounded float result). Division by zero is an error,
 * as the operator contract says for every numeric type.
 */
final class FloatArithmeticEvaluator implements Evaluator {
    private final Operator operator;
    private final Evaluator left;
    private final Evaluator right;
    private final boolean float32;
    private final String text;

    FloatArithmeticEvaluator(Operator operator, Evaluator left, Evaluator right, boolean float32, String text) {
        this.operator = operator;
        this.left = left;
        this.right = right;
        this.float32 = float32;
        this.text = text;
    }

    @Override
    public Vector evaluate(Batch batch) {
        int rows = batch.rowCount();
        DoubleVector a = (DoubleVector) left.evaluate(batch);
        DoubleVector b = (DoubleVector) right.evaluate(batch);
        boolean[] nulls = Nulls.either(a, b, rows);
        double[] x = a.values();
        double[] y = b.values();
        double[] result = new double[rows];
        switch (operator) {
            case ADD -> {
                for (int i = 0; i < rows; i++) {
                    result[i] = x[i] + y[i];
                }
            }
            case SUBTRACT -> {
                for (int i = 0; i < rows; i++) {
                    result[i] = x[i] - y[i];
                }
            }
            case MULTIPLY -> {
                for (int i = 0; i < rows; i++) {
                    result[i] = x[i] * y[i];
                }
            }
            case DIVIDE, MOD -> {
                for (int i = 0; i < rows; i++) {
                    if (y[i] == 0 && (nulls == null || !nulls[i])) {
                        throw new QueryException("division by zero in " + text);
                    }
                    result[i] = operator == Operator.DIVIDE ? x[i] / y[i] : x[i] % y[i];
                }
            }
            default -> throw new IllegalStateException(operator + " is not binary arithmetic");
        }
        if (float32) {
            for (int i = 0; i < rows; i++) {
                result[i] = (float) result[i];
            }
        }
        return new DoubleVector(result, nulls, rows);
    }
}
