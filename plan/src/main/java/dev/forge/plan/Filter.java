package dev.forge.plan;

import dev.forge.columnar.Field;
import dev.forge.plan.expr.Expr;
import java.util.List;
import java.util.Objects;

/** Keeps the rows of {@code input} for which the BOOLEAN {@code condition} is TRUE (FALSE and NULL drop the row). */
public record Filter(PlanNode input, Expr condition) implements PlanNode {
    public Filter {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(condition, "condition");
    }

    @Override
    public List<Field> fields() {
        return input.fields();
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of(input);
    }
}
