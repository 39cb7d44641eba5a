package dev.forge.plan.expr;

import dev.forge.columnar.DataType;
import java.util.List;
import java.util.Objects;

/** {@code operator} applied to {@code arguments}, giving {@code type}; see {@link Operator} for each one's rules. */
public record Call(Operator operator, List<Expr> arguments, DataType type, boolean nullable) implements Expr {
    public Call {
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(type, "type");
        arguments = List.copyOf(arguments);
    }

    public static Call of(Operator operator, DataType type, boolean nullable, Expr... arguments) {
        return new Call(operator, List.of(arguments), type, nullable);
    }

    public Expr argument(int index) {
        return arguments.get(index);
    }
}
