package dev.forge.plan;

import dev.forge.columnar.DataType;
import java.util.List;
import java.util.Objects;

/**
 * One aggregate of a {@link HashAggregate}: {@code function} over the input fields {@code arguments} (empty only for
 * COUNT(*)), over distinct argument values when {@code distinct}, counting only rows whose BOOLEAN input field
 * {@code filter} is TRUE when {@code filter >= 0}. The result has {@code type}; SUM of a DECIMAL(p,s) is a
 * DECIMAL(38,s) held in 128 bits, so it cannot overflow in practice.
 */
public record AggregateCall(AggregateFunction function, List<Integer> arguments, boolean distinct, int filter,
        String name, DataType type, boolean nullable) {
    public AggregateCall {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        arguments = List.copyOf(arguments);
        if (arguments.isEmpty() && function != AggregateFunction.COUNT) {
            throw new IllegalArgumentException(function + " needs an argument");
        }
        if (arguments.size() > 1) {
            throw new IllegalArgumentException(function + " takes one argument, got " + arguments.size());
        }
    }

    public static AggregateCall of(AggregateFunction function, int argument, String name, DataType type,
            boolean nullable) {
        return new AggregateCall(function, List.of(argument), false, -1, name, type, nullable);
    }

    public static AggregateCall countStar(String name) {
        return new AggregateCall(AggregateFunction.COUNT, List.of(), false, -1, name, DataType.INT64, false);
    }
}
