package dev.forge.plan;

import dev.forge.columnar.Field;
import dev.forge.plan.expr.Expr;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Computes one output column per expression over each row of {@code input}, named by {@code names}. */
public record Project(PlanNode input, List<Expr> expressions, List<String> names) implements PlanNode {
    public Project {
        Objects.requireNonNull(input, "input");
        expressions = List.copyOf(expressions);
        names = List.copyOf(names);
        if (expressions.size() != names.size()) {
            throw new IllegalArgumentException("project: " + expressions.size() + " expressions but " + names.size()
                    + " names");
        }
    }

    @Override
    public List<Field> fields() {
        List<Field> fields = new ArrayList<>(expressions.size());
        for (int i = 0; i < expressions.size(); i++) {
            Expr expression = expressions.get(i);
            fields.add(new Field(names.get(i), expression.type(), expression.nullable()));
        }
        return fields;
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of(input);
    }
}
