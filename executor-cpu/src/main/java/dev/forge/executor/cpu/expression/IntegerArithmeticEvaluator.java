package dev.forge.executor.cpu.expression;

import dev.forge.executor.cpu.vector.Batch;
import dev.forge.executor.cpu.vector.LongVector;
import dev.forge.executor.cpu.vector.Vector;
import dev.forge.plan.QueryException;
import dev.forge.plan.expr.Operator;

/**
 * +, -, *, /, % on INT32 or INT64 (operands of the result's type). Overflow of the result type and division by zero
 * are errors; division truncates toward zero. INT32 is computed in 64 bits and range-checked.
 */
final class IntegerArithmeticEvaluator implements Evaluator {
    private final Operator operator;
    private final Evaluator left;
    private final Evaluator right;
    private final boolean int32;
    private final String text;

    IntegerArithmeticEvaluator(Operator operator, Evaluator left, Evaluator right, boolean int32, String text) {
        this.operator = operator;
        this.left = left;
        this.right = right;
        this.int32 = int32;
        this.text = text;
    }

    @Override
    public Vector evaluate(Batch batch) {
        int rows = batch.rowCount();
        LongVector a = (LongVector) left.evaluate(batch);
        LongVector b = (LongVector) right.evaluate(batch);
        boolean[] nulls = Nulls.either(a, b, rows);
        long[] x = a.values();
        long[] y = b.values();
        long[] result = new long[rows];
        try {
            switch (operator) {
                case ADD -> {
                    for (int i = 0; i < rows; i++) {
                        result[i] = Math.addExact(x[i], y[i]);
                    }
                }
                case SUBTRACT -> {
                    for (int i = 0; i < rows; i++) {
                        result[i] = Math.subtractExact(x[i], y[i]);
                    }
                }
                case MULTIPLY -> {
                    for (int i = 0; i < rows; i++) {
                        result[i] = Math.multiplyExact(x[i], y[i]);
                    }
                }
                case DIVIDE -> {
                    for (int i = 0; i < rows; i++) {
                        if (nulls != null && nulls[i]) {
                            continue;
                        }
                        if (y[i] == 0) {
                            throw new QueryException("division by zero in " + text);
                        }
                        if (x[i] == Long.MIN_VALUE && y[i] == -1) {
                            throw new ArithmeticException();
                        }
                        result[i] = x[i] / y[i];
                    }
                }
                case MOD -> {
                    for (int i = 0; i < rows; i++) {
                        if (nulls != null && nulls[i]) {
                            continue;
                        }
                        if (y[i] == 0) {
                            throw new QueryException("division by zero (MOD) in " + text);
                        }
                        result[i] = y[i] == -1 ? 0 : x[i] % y[i];
                    }
                }
                default -> throw new IllegalStateException(operator + " is not binary arithmetic");
            }
        } catch (ArithmeticException overflow) {
            // NULL rows hold arbitrary values: only an overflow on a non-NULL row is real.
            return recheckRowByRow(x, y, nulls, rows);
        }
        if (int32) {
            checkInt32(result, nulls, rows);
        }
        return new LongVector(result, nulls, rows);
    }

    private Vector recheckRowByRow(long[] x, long[] y, boolean[] nulls, int rows) {
        long[] result = new long[rows];
        for (int i = 0; i < rows; i++) {
            if (nulls != null && nulls[i]) {
                continue;
            }
            try {
                result[i] = switch (operator) {
                    case ADD -> Math.addExact(x[i], y[i]);
                    case SUBTRACT -> Math.subtractExact(x[i], y[i]);
                    case MULTIPLY -> Math.multiplyExact(x[i], y[i]);
                    case DIVIDE -> Math.divideExact(x[i], y[i]);
                    case MOD -> y[i] == -1 ? 0 : x[i] % y[i];
                    default -> throw new IllegalStateException(operator.toString());
                };
            } catch (ArithmeticException overflow) {
                throw overflow(x[i], y[i]);
            }
        }
        if (int32) {
            checkInt32(result, nulls, rows);
        }
        return new LongVector(result, nulls, rows);
    }

    private void checkInt32(long[] result, boolean[] nulls, int rows) {
        for (int i = 0; i < rows; i++) {
            long value = result[i];
            if (value != (int) value && (nulls == null || !nulls[i])) {
                throw new QueryException("INT32 overflow in " + text + ": the result " + value
                        + " is out of range");
            }
        }
    }

    private QueryException overflow(long x, long y) {
        return new QueryException((int32 ? "INT32" : "INT64") + " overflow in " + text + " for operands " + x + " and "
                + y);
    }
}
