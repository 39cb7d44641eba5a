package dev.forge.plan.expr;

import dev.forge.columnar.DataType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A constant. {@code value} is NULL or, by type: BOOLEAN {@link Boolean}, INT32 {@link Integer}, INT64 {@link Long},
 * FLOAT32 {@link Float}, FLOAT64 {@link Double}, DECIMAL {@link BigDecimal} with exactly the type's scale, DATE an
 * {@link Integer} of days since 1970-01-01, TIMESTAMP a {@link Long} of microseconds since the epoch, VARCHAR
 * {@link String}. Executors pass literals to kernels as parameters, so a new constant never means a new kernel.
 */
public record Literal(Object value, DataType type) implements Expr {
    public Literal {
        Objects.requireNonNull(type, "type");
        if (value != null && !holds(type, value)) {
            throw new IllegalArgumentException("a " + type + " literal cannot hold " + value.getClass().getSimpleName()
                    + " " + value);
        }
    }

    public static Literal nullOf(DataType type) {
        return new Literal(null, type);
    }

    public static Literal of(boolean value) {
        return new Literal(value, DataType.BOOLEAN);
    }

    public static Literal of(int value) {
        return new Literal(value, DataType.INT32);
    }

    public static Literal of(long value) {
        return new Literal(value, DataType.INT64);
    }

    public static Literal of(double value) {
        return new Literal(value, DataType.FLOAT64);
    }

    public static Literal of(String value) {
        return new Literal(value, DataType.VARCHAR);
    }

    /** A DECIMAL literal of the smallest type that holds {@code value} exactly. */
    public static Literal of(BigDecimal value) {
        int scale = Math.max(0, value.scale());
        BigDecimal scaled = value.setScale(scale);
        int precision = Math.max(scaled.precision(), scale + 1);
        return new Literal(scaled, DataType.decimal(Math.max(1, precision), scale));
    }

    public static Literal of(LocalDate value) {
        return new Literal(Math.toIntExact(value.toEpochDay()), DataType.DATE);
    }

    @Override
    public boolean nullable() {
        return value == null;
    }

    public boolean isNull() {
        return value == null;
    }

    private static boolean holds(DataType type, Object value) {
        return switch (type) {
            case DataType.Boolean _ -> value instanceof Boolean;
            case DataType.Int32 _, DataType.Date _ -> value instanceof Integer;
            case DataType.Int64 _, DataType.Timestamp _ -> value instanceof Long;
            case DataType.Float32 _ -> value instanceof Float;
            case DataType.Float64 _ -> value instanceof Double;
            case DataType.Decimal decimal -> value instanceof BigDecimal number && number.scale() == decimal.scale()
                    && number.precision() - number.scale() <= decimal.precision() - decimal.scale();
            case DataType.Varchar _ -> value instanceof String;
        };
    }
}
