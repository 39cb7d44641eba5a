package dev.forge.plan.expr;

import dev.forge.columnar.DataType;
import java.util.Objects;

/** The input field at {@code index}, with that field's type and nullability. */
public record ColumnRef(int index, DataType type, boolean nullable) implements Expr {
    public ColumnRef {
        Objects.requireNonNull(type, "type");
        if (index < 0) {
            throw new IllegalArgumentException("column index must be >= 0: " + index);
        }
    }
}
