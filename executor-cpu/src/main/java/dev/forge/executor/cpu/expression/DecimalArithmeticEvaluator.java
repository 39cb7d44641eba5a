package dev.forge.executor.cpu.expression;

import dev.forge.columnar.DataType;
import dev.forge.executor.cpu.vector.Batch;
import dev.forge.executor.cpu.vector.Vector;
import dev.forge.plan.QueryException;
import dev.forge.plan.expr.Operator;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Exact decimal arithmetic: the exact result of the operands (each at its own scale) rounded half away from zero to
 * the result scale; more digits than the result precision is an error. Each row runs in long arithmetic when it can
 * and falls back to BigDecimal when a step would overflow, so the answer never depends on the path.
 */
final class DecimalArithmeticEvaluator implements Evaluator {
    private final Operator operator;
    private final Evaluator left;
    private final Evaluator right;
    private final int leftScale;
    private final int rightScale;
    private final DataType.Decimal result;
    private final String text;

    DecimalArithmeticEvaluator(Operator operator, Evaluator left, int leftScale, Evaluator right, int rightScale,
            DataType.Decimal result, String text) {
        this.operator = operator;
        this.left = left;
        this.right = right;
        this.leftScale = leftScale;
        this.rightScale = rightScale;
        this.result = result;
        this.text = text;
    }

    @Override
    public Vector evaluate(Batch batch) {
        int rows = batch.rowCount();
        Vector a = left.evaluate(batch);
        Vector b = right == null ? a : right.evaluate(batch);
        boolean[] nulls = right == null ? Nulls.copy(a.nulls(), rows) : Nulls.either(a, b, rows);
        long[] aHigh = DecimalValues.high(a);
        long[] aLow = DecimalValues.low(a);
        long[] bHigh = DecimalValues.high(b);
        long[] bLow = DecimalValues.low(b);
        DecimalOutput output = new DecimalOutput(result.precision(), rows, text);
        int scale = result.scale();
        for (int i = 0; i < rows; i++) {
            if (nulls != null && nulls[i]) {
                continue;
            }
            if (DecimalValues.fits(aHigh, aLow, i) && DecimalValues.fits(bHigh, bLow, i)) {
                long x = aLow[i];
                long y = bLow[i];
                if ((operator == Operator.DIVIDE || operator == Operator.MOD) && y == 0) {
                    throw new QueryException("division by zero in " + text);
                }
                try {
                    output.set(i, fast(x, y, scale));
                    continue;
                } catch (ArithmeticException tooWide) {
                    // redo this row exactly below
                }
            }
            output.set(i, exact(DecimalValues.big(aHigh, aLow, i), DecimalValues.big(bHigh, bLow, i), scale));
        }
        return output.build(nulls, rows);
    }

    private long fast(long x, long y, int scale) {
        return switch (operator) {
            case ADD, SUBTRACT -> {
                int common = Math.max(leftScale, rightScale);
                long p = DecimalValues.rescale(x, leftScale, common);
                long q = DecimalValues.rescale(y, rightScale, common);
                long sum = operator == Operator.ADD ? Math.addExact(p, q) : Math.subtractExact(p, q);
                yield DecimalValues.rescale(sum, common, scale);
            }
            case MULTIPLY -> DecimalValues.rescale(Math.multiplyExact(x, y), leftScale + rightScale, scale);
            case DIVIDE -> {
                int exponent = scale + rightScale - leftScale;
                yield exponent >= 0
                        ? DecimalValues.divideRounded(Math.multiplyExact(x, DecimalValues.powerOfTen(exponent)), y)
                        : DecimalValues.divideRounded(x, Math.multiplyExact(y, DecimalValues.powerOfTen(-exponent)));
            }
            case MOD -> {
                int common = Math.max(leftScale, rightScale);
                long p = DecimalValues.rescale(x, leftScale, common);
                long q = DecimalValues.rescale(y, rightScale, common);
                yield DecimalValues.rescale(p % q, common, scale);
            }
            case NEGATE -> DecimalValues.rescale(Math.negateExact(x), leftScale, scale);
            case ABS -> DecimalValues.rescale(Math.absExact(x), leftScale, scale);
            default -> throw new IllegalStateException(operator + " is not decimal arithmetic");
        };
    }

    private BigInteger exact(BigInteger x, BigInteger y, int scale) {
        BigDecimal a = new BigDecimal(x, leftScale);
        BigDecimal b = new BigDecimal(y, rightScale);
        BigDecimal value = switch (operator) {
            case ADD -> a.add(b);
            case SUBTRACT -> a.subtract(b);
            case MULTIPLY -> a.multiply(b);
            case DIVIDE -> {
                if (b.signum() == 0) {
                    throw new QueryException("division by zero in " + text);
                }
                yield a.divide(b, scale, RoundingMode.HALF_UP);
            }
            case MOD -> {
                if (b.signum() == 0) {
                    throw new QueryException("division by zero in " + text);
                }
                yield a.remainder(b);
            }
            case NEGATE -> a.negate();
            case ABS -> a.abs();
            default -> throw new IllegalStateException(operator + " is not decimal arithmetic");
        };
        return value.setScale(scale, RoundingMode.HALF_UP).unscaledValue();
    }
}
