package dev.forge.plan;

import dev.forge.columnar.Field;
import java.util.ArrayList;
import java.util.List;

/**
 * All rows of every input, in no particular order. Inputs have the same number of fields with the same types (the
 * planner casts them); a field is nullable when it is in any input; names come from the first input. UNION (distinct),
 * INTERSECT and EXCEPT reach here rewritten to UNION ALL plus aggregates.
 */
public record UnionAll(List<PlanNode> inputs) implements PlanNode {
    public UnionAll {
        inputs = List.copyOf(inputs);
        if (inputs.size() < 2) {
            throw new IllegalArgumentException("a union needs at least two inputs, got " + inputs.size());
        }
    }

    @Override
    public List<Field> fields() {
        List<Field> first = inputs.getFirst().fields();
        List<Field> fields = new ArrayList<>(first.size());
        for (int i = 0; i < first.size(); i++) {
            boolean nullable = false;
            for (PlanNode input : inputs) {
                nullable |= input.fields().get(i).nullable();
            }
            Field field = first.get(i);
            fields.add(new Field(field.name(), field.type(), nullable));
        }
        return fields;
    }
}
