package dev.forge.plan;

import dev.forge.columnar.Field;
import java.util.List;
import java.util.Objects;

/** Orders all rows of {@code input} by {@code keys} (the first key first); rows equal on every key keep no set order. */
public record Sort(PlanNode input, List<SortKey> keys) implements PlanNode {
    public Sort {
        Objects.requireNonNull(input, "input");
        keys = List.copyOf(keys);
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a sort needs at least one key");
        }
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
