package dev.forge.plan;

import dev.forge.columnar.Field;
import dev.forge.plan.expr.Literal;
import java.util.List;

/** Constant rows (VALUES, or what the planner folds a query to); each literal has its field's type. */
public record Values(List<Field> fields, List<List<Literal>> rows) implements PlanNode {
    public Values {
        fields = List.copyOf(fields);
        rows = rows.stream().map(List::copyOf).toList();
        for (List<Literal> row : rows) {
            if (row.size() != fields.size()) {
                throw new IllegalArgumentException("values row has " + row.size() + " literals for " + fields.size()
                        + " fields");
            }
        }
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of();
    }
}
