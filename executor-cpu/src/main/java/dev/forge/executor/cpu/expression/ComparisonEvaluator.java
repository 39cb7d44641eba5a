package dev.forge.executor.cpu.expression;

import dev.forge.columnar.DataType;
import dev.forge.executor.cpu.vector.Batch;
import dev.forge.executor.cpu.vector.BooleanVector;
import dev.forge.executor.cpu.vector.DoubleVector;
import dev.forge.executor.cpu.vector.LongVector;
import dev.forge.executor.cpu.vector.StringDictionary;
import dev.forge.executor.cpu.vector.StringVector;
import dev.forge.executor.cpu.vector.Vector;
import dev.forge.executor.cpu.vector.VectorKind;
import dev.forge.plan.expr.Operator;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * =, <>, <, <=, >, >=, IS [NOT] DISTINCT FROM. Same-type operands compare directly (64-bit values in one loop per
 * operator); decimals of different scales are aligned exactly; floats order -0.0 = 0.0 and NaN above everything (NaN
 * = NaN); strings compare by UTF-8 bytes, or by dictionary code against a literal placed once per dictionary.
 */
final class ComparisonEvaluator implements Evaluator {
    private final Operator operator;
    private final Evaluator left;
    private final Evaluator right;
    private final DataType leftType;
    private final DataType rightType;
    private final byte[] stringLiteral;
    private final Object dictionaryKey = new Object();

    ComparisonEvaluator(Operator operator, Evaluator left, Evaluator right, DataType leftType, DataType rightType,
            String stringLiteral) {
        this.operator = operator;
        this.left = left;
        this.right = right;
        this.leftType = leftType;
        this.rightType = rightType;
        this.stringLiteral = stringLiteral == null ? null : stringLiteral.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Vector evaluate(Batch batch) {
        int rows = batch.rowCount();
        Vector a = left.evaluate(batch);
        Vector b = right.evaluate(batch);
        boolean[] result;
        if (a instanceof LongVector x && b instanceof LongVector y && sameScale()) {
            result = compareLongs(x.values(), y.values(), rows);
        } else {
            result = fromOrder(order(a, b, rows), rows);
        }
        return withNulls(result, a, b, rows);
    }

    private boolean sameScale() {
        return !(leftType instanceof DataType.Decimal l) || l.scale() == ((DataType.Decimal) rightType).scale();
    }

    private boolean[] compareLongs(long[] x, long[] y, int rows) {
        boolean[] result = new boolean[rows];
        switch (operator) {
            case EQUALS, IS_NOT_DISTINCT_FROM -> {
                for (int i = 0; i < rows; i++) {
                    result[i] = x[i] == y[i];
                }
            }
            case NOT_EQUALS, IS_DISTINCT_FROM -> {
                for (int i = 0; i < rows; i++) {
                    result[i] = x[i] != y[i];
                }
            }
            case LESS_THAN -> {
                for (int i = 0; i < rows; i++) {
                    result[i] = x[i] < y[i];
                }
            }
            case LESS_THAN_OR_EQUAL -> {
                for (int i = 0; i < rows; i++) {
                    result[i] = x[i] <= y[i];
                }
            }
            case GREATER_THAN -> {
                for (int i = 0; i < rows; i++) {
                    result[i] = x[i] > y[i];
                }
            }
            case GREATER_THAN_OR_EQUAL -> {
                for (int i = 0; i < rows; i++) {
                    result[i] = x[i] >= y[i];
                }
            }
            default -> throw new IllegalStateException(operator + " is not a comparison");
        }
        return result;
    }

    private boolean[] fromOrder(int[] order, int rows) {
        boolean[] result = new boolean[rows];
        for (int i = 0; i < rows; i++) {
            int c = order[i];
            result[i] = switch (operator) {
                case EQUALS, IS_NOT_DISTINCT_FROM -> c == 0;
                case NOT_EQUALS, IS_DISTINCT_FROM -> c != 0;
                case LESS_THAN -> c < 0;
                case LESS_THAN_OR_EQUAL -> c <= 0;
                case GREATER_THAN -> c > 0;
                case GREATER_THAN_OR_EQUAL -> c >= 0;
                default -> throw new IllegalStateException(operator + " is not a comparison");
            };
        }
        return result;
    }

    /** The sign of left - right per row (values at NULL rows are meaningless). */
    private int[] order(Vector a, Vector b, int rows) {
        int[] order = new int[rows];
        switch (VectorKind.of(leftType)) {
            case BOOLEAN -> {
                boolean[] x = ((BooleanVector) a).values();
                boolean[] y = ((BooleanVector) b).values();
                for (int i = 0; i < rows; i++) {
                    order[i] = Boolean.compare(x[i], y[i]);
                }
            }
            case DOUBLE -> {
                double[] x = ((DoubleVector) a).values();
                double[] y = ((DoubleVector) b).values();
                for (int i = 0; i < rows; i++) {
                    order[i] = compareDoubles(x[i], y[i]);
                }
            }
            case STRING -> compareStrings((StringVector) a, (StringVector) b, rows, order);
            case LONG, INT128 -> compareDecimals(a, b, rows, order);
        }
        return order;
    }

    /** SQL order for floats: -0.0 equals 0.0, NaN equals NaN and is above every other value. */
    static int compareDoubles(double x, double y) {
        if (x < y) {
            return -1;
        }
        if (x > y) {
            return 1;
        }
        if (x == y) {
            return 0;
        }
        boolean xNaN = Double.isNaN(x);
        boolean yNaN = Double.isNaN(y);
        return xNaN == yNaN ? 0 : xNaN ? 1 : -1;
    }

    private void compareStrings(StringVector x, StringVector y, int rows, int[] order) {
        if (stringLiteral != null && x.hasDictionary()) {
            StringDictionary dictionary = x.dictionary();
            int[] place = dictionary.derived(dictionaryKey, d -> {
                int lower = d.lowerBound(stringLiteral);
                boolean found = lower < d.size() && d.entryEquals(lower, stringLiteral);
                return new int[] {lower, found ? 1 : 0};
            });
            int lower = place[0];
            boolean found = place[1] == 1;
            int[] codes = x.codes();
            for (int i = 0; i < rows; i++) {
                int code = codes[i];
                order[i] = code < lower ? -1 : code == lower && found ? 0 : 1;
            }
            return;
        }
        for (int i = 0; i < rows; i++) {
            order[i] = Integer.signum(x.compare(i, y, i));
        }
    }

    private void compareDecimals(Vector a, Vector b, int rows, int[] order) {
        int leftScale = leftType instanceof DataType.Decimal d ? d.scale() : 0;
        int rightScale = rightType instanceof DataType.Decimal d ? d.scale() : 0;
        int common = Math.max(leftScale, rightScale);
        long[] aHigh = DecimalValues.high(a);
        long[] aLow = DecimalValues.low(a);
        long[] bHigh = DecimalValues.high(b);
        long[] bLow = DecimalValues.low(b);
        for (int i = 0; i < rows; i++) {
            if (DecimalValues.fits(aHigh, aLow, i) && DecimalValues.fits(bHigh, bLow, i)) {
                try {
                    order[i] = Long.compare(DecimalValues.rescale(aLow[i], leftScale, common),
                            DecimalValues.rescale(bLow[i], rightScale, common));
                    continue;
                } catch (ArithmeticException tooWide) {
                    // compare exactly below
                }
            }
            order[i] = new BigDecimal(DecimalValues.big(aHigh, aLow, i), leftScale)
                    .compareTo(new BigDecimal(DecimalValues.big(bHigh, bLow, i), rightScale));
        }
    }

    private Vector withNulls(boolean[] result, Vector a, Vector b, int rows) {
        boolean[] aNulls = a.nulls();
        boolean[] bNulls = b.nulls();
        if (aNulls == null && bNulls == null) {
            return new BooleanVector(result, null, rows);
        }
        boolean distinctTest = operator == Operator.IS_DISTINCT_FROM || operator == Operator.IS_NOT_DISTINCT_FROM;
        if (distinctTest) {
            boolean distinct = operator == Operator.IS_DISTINCT_FROM;
            for (int i = 0; i < rows; i++) {
                boolean aNull = aNulls != null && aNulls[i];
                boolean bNull = bNulls != null && bNulls[i];
                if (aNull || bNull) {
                    result[i] = (aNull != bNull) == distinct;
                }
            }
            return new BooleanVector(result, null, rows);
        }
        return new BooleanVector(result, Nulls.either(a, b, rows), rows);
    }
}
