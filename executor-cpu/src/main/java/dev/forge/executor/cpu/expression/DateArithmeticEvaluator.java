package dev.forge.executor.cpu.expression;

import dev.forge.executor.cpu.vector.Batch;
import dev.forge.executor.cpu.vector.LongVector;
import dev.forge.executor.cpu.vector.Vector;
import dev.forge.plan.QueryException;
import dev.forge.plan.expr.Operator;

/**
 * ADD_DAYS, ADD_MONTHS (clamped to the month's end), ADD_MICROS and SUBTRACT_DATES. A DATE result outside the int32
 * day range, or a TIMESTAMP outside int64 microseconds, is an error.
 */
final class DateArithmeticEvaluator implements Evaluator {
    private final Operator operator;
    private final Evaluator left;
    private final Evaluator right;
    private final boolean timestamp;
    private final String text;

    DateArithmeticEvaluator(Operator operator, Evaluator left, Evaluator right, boolean timestamp, String text) {
        this.operator = operator;
        this.left = left;
        this.right = right;
        this.timestamp = timestamp;
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
        for (int i = 0; i < rows; i++) {
            if (nulls != null && nulls[i]) {
                continue;
            }
            try {
                result[i] = compute(x[i], y[i]);
            } catch (ArithmeticException overflow) {
                throw new QueryException("date out of range in " + text);
            }
        }
        return new LongVector(result, nulls, rows);
    }

    private long compute(long x, long y) {
        return switch (operator) {
            case ADD_DAYS -> timestamp ? Math.addExact(x, Math.multiplyExact(y, CivilCalendar.MICROS_PER_DAY))
                    : toDate(Math.addExact(x, y));
            case ADD_MONTHS -> {
                if (!timestamp) {
                    yield toDate(CivilCalendar.addMonths(x, y));
                }
                long day = Math.floorDiv(x, CivilCalendar.MICROS_PER_DAY);
                long timeOfDay = Math.floorMod(x, CivilCalendar.MICROS_PER_DAY);
                yield Math.addExact(Math.multiplyExact(CivilCalendar.addMonths(day, y), CivilCalendar.MICROS_PER_DAY),
                        timeOfDay);
            }
            case ADD_MICROS -> Math.addExact(x, y);
            case SUBTRACT_DATES -> toInt32(x - y);
            default -> throw new IllegalStateException(operator + " is not date arithmetic");
        };
    }

    private static long toDate(long days) {
        if (days != (int) days) {
            throw new ArithmeticException();
        }
        return days;
    }

    private static long toInt32(long value) {
        if (value != (int) value) {
            throw new ArithmeticException();
        }
        return value;
    }
}
