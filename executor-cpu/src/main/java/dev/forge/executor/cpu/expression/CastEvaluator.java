package dev.forge.executor.cpu.expression;

import dev.forge.columnar.DataType;
import dev.forge.executor.cpu.vector.Batch;
import dev.forge.executor.cpu.vector.BooleanVector;
import dev.forge.executor.cpu.vector.DoubleVector;
import dev.forge.executor.cpu.vector.Int128;
import dev.forge.executor.cpu.vector.LongVector;
import dev.forge.executor.cpu.vector.StringVector;
import dev.forge.executor.cpu.vector.StringVectorBuilder;
import dev.forge.executor.cpu.vector.Vector;
import dev.forge.executor.cpu.vector.VectorKind;
import dev.forge.plan.QueryException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * CAST between all types. Numbers round half away from zero and a value out of the target's range is an error; text
 * is the canonical SQL form both ways, and text that does not parse is an error naming it. The common numeric casts
 * run in primitive loops; the rest go through {@link #convert} per row.
 */
final class CastEvaluator implements Evaluator {
    private final Evaluator argument;
    private final DataType from;
    private final DataType to;

    CastEvaluator(Evaluator argument, DataType from, DataType to) {
        this.argument = argument;
        this.from = from;
        this.to = to;
    }

    @Override
    public Vector evaluate(Batch batch) {
        int rows = batch.rowCount();
        Vector input = argument.evaluate(batch);
        if (from.equals(to)) {
            return input;
        }
        boolean[] nulls = input.nulls();
        if (input instanceof LongVector longs && isExactNumber(from) && VectorKind.of(to) == VectorKind.LONG
                && isExactNumber(to)) {
            return castLongs(longs, rows);
        }
        if (input instanceof LongVector longs && to instanceof DataType.Float64 && !(from instanceof DataType.Decimal)
                && isExactNumber(from)) {
            double[] result = new double[rows];
            for (int i = 0; i < rows; i++) {
                result[i] = longs.values()[i];
            }
            return new DoubleVector(result, nulls, rows);
        }
        if (input instanceof LongVector longs && from instanceof DataType.Date && to instanceof DataType.Timestamp) {
            long[] result = new long[rows];
            for (int i = 0; i < rows; i++) {
                result[i] = longs.values()[i] * CivilCalendar.MICROS_PER_DAY;
            }
            return new LongVector(result, nulls, rows);
        }
        return castRowByRow(input, rows);
    }

    private static boolean isExactNumber(DataType type) {
        return type instanceof DataType.Int32 || type instanceof DataType.Int64 || type instanceof DataType.Decimal;
    }

    /** Integer and 64-bit decimal to integer or 64-bit decimal: a rescale and a range check per row. */
    private Vector castLongs(LongVector input, int rows) {
        int fromScale = from instanceof DataType.Decimal d ? d.scale() : 0;
        int toScale = to instanceof DataType.Decimal d ? d.scale() : 0;
        long[] values = input.values();
        long[] result = new long[rows];
        boolean[] nulls = input.nulls();
        for (int i = 0; i < rows; i++) {
            if (nulls != null && nulls[i]) {
                continue;
            }
            long value;
            try {
                value = DecimalValues.rescale(values[i], fromScale, toScale);
            } catch (ArithmeticException overflow) {
                throw outOfRange(describe(input, i));
            }
            if (!fits(value)) {
                throw outOfRange(describe(input, i));
            }
            result[i] = value;
        }
        return new LongVector(result, nulls, rows);
    }

    private boolean fits(long value) {
        return switch (to) {
            case DataType.Int32 _ -> value == (int) value;
            case DataType.Decimal decimal -> DecimalValues.fitsPrecision(value, decimal.precision());
            default -> true;
        };
    }

    private Vector castRowByRow(Vector input, int rows) {
        Object[] values = new Object[rows];
        for (int i = 0; i < rows; i++) {
            if (!input.isNull(i)) {
                values[i] = convert(read(input, i));
            }
        }
        return write(values, rows);
    }

    /** The source value as Boolean, Long (integers, dates, timestamps), Double, BigDecimal or String. */
    private Object read(Vector input, int row) {
        return switch (input) {
            case BooleanVector v -> v.values()[row];
            case LongVector v -> from instanceof DataType.Decimal d ? BigDecimal.valueOf(v.values()[row], d.scale())
                    : (Object) v.values()[row];
            case DoubleVector v -> v.values()[row];
            case dev.forge.executor.cpu.vector.Int128Vector v -> new BigDecimal(v.bigInteger(row),
                    ((DataType.Decimal) from).scale());
            case StringVector v -> v.string(row);
        };
    }

    private Object convert(Object value) {
        return switch (to) {
            case DataType.Boolean _ -> toBoolean(value);
            case DataType.Int32 _, DataType.Int64 _ -> toInteger(value);
            case DataType.Float32 _ -> value instanceof BigDecimal d ? (double) d.floatValue()
                    : value instanceof Long l ? (double) (float) l : (double) (float) toDouble(value);
            case DataType.Float64 _ -> value instanceof BigDecimal d ? d.doubleValue() : toDouble(value);
            case DataType.Decimal decimal -> toDecimal(value, decimal);
            case DataType.Date _ -> toDate(value);
            case DataType.Timestamp _ -> toTimestamp(value);
            case DataType.Varchar _ -> toText(value);
        };
    }

    private Boolean toBoolean(Object value) {
        return switch (value) {
            case Boolean b -> b;
            case Long l -> l != 0;
            case Double d -> d != 0;
            case BigDecimal d -> d.signum() != 0;
            case String s -> switch (s.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "true", "t", "yes", "y", "on", "1" -> true;
                case "false", "f", "no", "n", "off", "0" -> false;
                default -> throw unparsable(s);
            };
            default -> throw unsupported();
        };
    }

    private Long toInteger(Object value) {
        BigDecimal number = switch (value) {
            case Boolean b -> BigDecimal.valueOf(b ? 1 : 0);
            case Long l -> BigDecimal.valueOf(l);
            case Double d -> {
                if (d.isNaN() || d.isInfinite()) {
                    throw outOfRange(d.toString());
                }
                yield new BigDecimal(d);
            }
            case BigDecimal d -> d;
            case String s -> {
                try {
                    yield new BigDecimal(s.strip());
                } catch (NumberFormatException bad) {
                    throw unparsable(s);
                }
            }
            default -> throw unsupported();
        };
        if (value instanceof String s && number.scale() > 0) {
            throw unparsable(s);
        }
        BigInteger rounded = number.setScale(0, RoundingMode.HALF_UP).toBigInteger();
        boolean int32 = to instanceof DataType.Int32;
        if (rounded.bitLength() > (int32 ? 31 : 63)) {
            throw outOfRange(number.toPlainString());
        }
        return rounded.longValue();
    }

    private static double toDouble(Object value) {
        return switch (value) {
            case Boolean b -> b ? 1 : 0;
            case Long l -> l;
            case Double d -> d;
            case BigDecimal d -> d.doubleValue();
            case String s -> parseDouble(s);
            default -> throw new IllegalStateException("no double from " + value);
        };
    }

    private static double parseDouble(String text) {
        String s = text.strip().toLowerCase(java.util.Locale.ROOT);
        return switch (s) {
            case "nan" -> Double.NaN;
            case "inf", "+inf", "infinity", "+infinity" -> Double.POSITIVE_INFINITY;
            case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
            default -> {
                try {
                    yield Double.parseDouble(s);
                } catch (NumberFormatException bad) {
                    throw new QueryException("cannot cast '" + text + "' to a floating-point number");
                }
            }
        };
    }

    private BigInteger toDecimal(Object value, DataType.Decimal decimal) {
        BigDecimal number = switch (value) {
            case Boolean b -> BigDecimal.valueOf(b ? 1 : 0);
            case Long l -> BigDecimal.valueOf(l);
            case Double d -> {
                if (d.isNaN() || d.isInfinite()) {
                    throw outOfRange(d.toString());
                }
                yield new BigDecimal(d);
            }
            case BigDecimal d -> d;
            case String s -> {
                try {
                    yield new BigDecimal(s.strip());
                } catch (NumberFormatException bad) {
                    throw unparsable(s);
                }
            }
            default -> throw unsupported();
        };
        BigInteger unscaled = number.setScale(decimal.scale(), RoundingMode.HALF_UP).unscaledValue();
        if (!DecimalValues.fitsPrecision(unscaled, decimal.precision())) {
            throw outOfRange(number.toPlainString());
        }
        return unscaled;
    }

    private Long toDate(Object value) {
        return switch (value) {
            case Long l when from instanceof DataType.Timestamp -> Math.floorDiv(l, CivilCalendar.MICROS_PER_DAY);
            case String s -> {
                long micros = TextValues.parseTimestamp(s.strip(), true);
                yield Math.floorDiv(micros, CivilCalendar.MICROS_PER_DAY);
            }
            default -> throw unsupported();
        };
    }

    private Long toTimestamp(Object value) {
        return switch (value) {
            case Long l when from instanceof DataType.Date -> l * CivilCalendar.MICROS_PER_DAY;
            case String s -> TextValues.parseTimestamp(s.strip(), false);
            default -> throw unsupported();
        };
    }

    private String toText(Object value) {
        return switch (value) {
            case Boolean b -> b ? "true" : "false";
            case Long l -> switch (from) {
                case DataType.Date _ -> TextValues.formatDate(l);
                case DataType.Timestamp _ -> TextValues.formatTimestamp(l);
                default -> Long.toString(l);
            };
            case Double d -> from instanceof DataType.Float32 ? TextValues.formatFloat(d.floatValue())
                    : TextValues.formatDouble(d);
            case BigDecimal d -> d.toPlainString();
            case String s -> s;
            default -> throw unsupported();
        };
    }

    private Vector write(Object[] values, int rows) {
        boolean[] nulls = null;
        for (int i = 0; i < rows; i++) {
            if (values[i] == null) {
                if (nulls == null) {
                    nulls = new boolean[rows];
                }
                nulls[i] = true;
            }
        }
        switch (VectorKind.of(to)) {
            case BOOLEAN -> {
                boolean[] result = new boolean[rows];
                for (int i = 0; i < rows; i++) {
                    result[i] = values[i] != null && (Boolean) values[i];
                }
                return new BooleanVector(result, nulls, rows);
            }
            case LONG -> {
                long[] result = new long[rows];
                for (int i = 0; i < rows; i++) {
                    if (values[i] instanceof BigInteger big) {
                        result[i] = big.longValueExact();
                    } else if (values[i] != null) {
                        result[i] = (Long) values[i];
                    }
                }
                return new LongVector(result, nulls, rows);
            }
            case DOUBLE -> {
                double[] result = new double[rows];
                for (int i = 0; i < rows; i++) {
                    result[i] = values[i] == null ? 0 : (Double) values[i];
                }
                return new DoubleVector(result, nulls, rows);
            }
            case INT128 -> {
                long[] high = new long[rows];
                long[] low = new long[rows];
                for (int i = 0; i < rows; i++) {
                    if (values[i] != null) {
                        BigInteger big = (BigInteger) values[i];
                        high[i] = Int128.high(big);
                        low[i] = Int128.low(big);
                    }
                }
                return new dev.forge.executor.cpu.vector.Int128Vector(high, low, nulls, rows);
            }
            case STRING -> {
                StringVectorBuilder builder = new StringVectorBuilder(rows, rows * 12);
                for (int i = 0; i < rows; i++) {
                    if (values[i] == null) {
                        builder.appendNull();
                    } else {
                        builder.append(((String) values[i]).getBytes(StandardCharsets.UTF_8));
                    }
                }
                return builder.build();
            }
        }
        throw new AssertionError(to);
    }

    private String describe(Vector input, int row) {
        Object value = read(input, row);
        return value instanceof BigDecimal d ? d.toPlainString() : String.valueOf(value);
    }

    private QueryException outOfRange(String value) {
        return new QueryException("CAST of " + value + " from " + from + " to " + to + ": out of range");
    }

    private QueryException unparsable(String text) {
        return new QueryException("cannot cast '" + text + "' to " + to);
    }

    private QueryException unsupported() {
        return new QueryException("CAST from " + from + " to " + to + " is not supported");
    }
}
