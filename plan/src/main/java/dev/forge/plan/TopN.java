package dev.forge.plan;

import dev.forge.columnar.Field;
import java.util.List;
import java.util.Objects;

/** ORDER BY {@code keys} with OFFSET {@code offset} LIMIT {@code limit}: the rows a full sort would return there. */
public record TopN(PlanNode input, List<SortKey> keys, long offset, long limit) implements PlanNode {
    public TopN {
        Objects.requireNonNull(input, "input");
        keys = List.copyOf(keys);
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a top-N needs at least one key (without keys it is a Limit)");
        }
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must be >= 0: " + offset + ", " + limit);
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
