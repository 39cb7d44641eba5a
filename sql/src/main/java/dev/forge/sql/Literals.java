package dev.forge.sql;

import dev.forge.columnar.DataType;
import dev.forge.plan.expr.Literal;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.NlsString;
import org.apache.calcite.util.TimestampString;

/** Calcite literal values as Forge {@link Literal}s, and exact conversions of a literal to another type. */
final class Literals {
    private static final long MICROS_PER_MILLI = 1_000;

    private Literals() {
    }

    static Literal of(RexLiteral literal) {
        DataType type = TypeMapping.toForge(literal.getType());
        if (literal.isNull()) {
            return Literal.nullOf(type);
        }
        Object value = switch (literal.getTypeName()) {
            case BOOLEAN -> literal.getValueAs(Boolean.class);
            case CHAR, VARCHAR -> literal.getValueAs(String.class);
            case DATE -> literal.getValueAs(DateString.class);
            case TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE -> literal.getValueAs(TimestampString.class);
            default -> literal.getValueAs(BigDecimal.class);
        };
        return fromValue(value, literal.getTypeName(), type);
    }

    /**
     * A Calcite value ({@code BigDecimal}, {@code NlsString}, {@code DateString}, ...), as found in literals and in
     * search arguments, as a literal of {@code type}.
     */
    static Literal fromValue(Object value, SqlTypeName sqlType, DataType type) {
        Object normal = switch (value) {
            case NlsString string -> string.getValue();
            case DateString date -> date.getDaysSinceEpoch();
            case TimestampString timestamp -> timestamp.getMillisSinceEpoch() * MICROS_PER_MILLI;
            case java.util.Calendar calendar -> sqlType == SqlTypeName.DATE
                    ? (int) Math.floorDiv(calendar.getTimeInMillis(), TimeUnit.DAY.multiplier.longValue())
                    : calendar.getTimeInMillis() * MICROS_PER_MILLI;
            default -> value;
        };
        Literal converted = convert(normal, type);
        if (converted == null) {
            throw new IllegalStateException("cannot represent " + value + " (" + sqlType + ") as " + type);
        }
        return converted;
    }

    /** {@code value} as a literal of {@code type}, or null when it cannot be represented exactly there. */
    static Literal convert(Object value, DataType type) {
        if (value == null) {
            return Literal.nullOf(type);
        }
        try {
            return switch (type) {
                case DataType.Boolean _ -> value instanceof Boolean ? new Literal(value, type) : null;
                case DataType.Int32 _ -> value instanceof Number number
                        ? new Literal(decimal(number).intValueExact(), type) : null;
                case DataType.Int64 _ -> value instanceof Number number
                        ? new Literal(decimal(number).longValueExact(), type) : null;
                case DataType.Float32 _ -> value instanceof Number number ? new Literal(number.floatValue(), type) : null;
                case DataType.Float64 _ -> value instanceof Number number
                        ? new Literal(number.doubleValue(), type) : null;
                case DataType.Decimal decimal -> {
                    if (!(value instanceof Number number)) {
                        yield null;
                    }
                    BigDecimal scaled = decimal(number).setScale(decimal.scale(), RoundingMode.UNNECESSARY);
                    yield scaled.precision() - scaled.scale() <= decimal.precision() - decimal.scale()
                            ? new Literal(scaled, type) : null;
                }
                case DataType.Date _ -> value instanceof Integer ? new Literal(value, type) : null;
                case DataType.Timestamp _ -> value instanceof Long ? new Literal(value, type) : null;
                case DataType.Varchar _ -> value instanceof String ? new Literal(value, type) : null;
            };
        } catch (ArithmeticException inexact) {
            return null;
        }
    }

    /** The smallest DECIMAL literal holding an integer, for integer operands of decimal arithmetic. */
    static Literal asDecimal(Literal integer) {
        if (integer.isNull()) {
            return Literal.nullOf(integer.type() instanceof DataType.Int32 ? DataType.decimal(10, 0)
                    : DataType.decimal(19, 0));
        }
        return Literal.of(BigDecimal.valueOf(((Number) integer.value()).longValue()));
    }

    private static BigDecimal decimal(Number number) {
        return switch (number) {
            case BigDecimal decimal -> decimal;
            case Double d -> BigDecimal.valueOf(d);
            case Float f -> new BigDecimal(Float.toString(f));
            default -> BigDecimal.valueOf(number.longValue());
        };
    }
}
