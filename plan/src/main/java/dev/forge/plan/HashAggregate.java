package dev.forge.plan;

import dev.forge.columnar.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Groups the rows of {@code input} by the fields {@code groupKeys} (NULL keys form a group of their own, as GROUP BY
 * says) and computes {@code aggregates} per group. Output: the key fields, then one field per aggregate. With no keys it
 * returns exactly one row, even for an empty input. There is no limit on the number of groups.
 */
public record HashAggregate(PlanNode input, List<Integer> groupKeys, List<AggregateCall> aggregates)
        implements PlanNode {
    public HashAggregate {
        Objects.requireNonNull(input, "input");
        groupKeys = List.copyOf(groupKeys);
        aggregates = List.copyOf(aggregates);
    }

    @Override
    public List<Field> fields() {
        List<Field> inputFields = input.fields();
        List<Field> fields = new ArrayList<>(groupKeys.size() + aggregates.size());
        for (int key : groupKeys) {
            fields.add(inputFields.get(key));
        }
        for (AggregateCall call : aggregates) {
            fields.add(new Field(call.name(), call.type(), call.nullable()));
        }
        return fields;
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of(input);
    }
}
