package dev.forge.plan;

import dev.forge.columnar.Field;
import java.util.List;
import java.util.Objects;

/**
 * Skips {@code offset} rows of {@code input} and returns at most {@code limit} of the rest ({@link #UNLIMITED} for all).
 * If the input is ordered (a Sort below), the order is kept; otherwise which rows come back is unspecified.
 */
public record Limit(PlanNode input, long offset, long limit) implements PlanNode {
    public static final long UNLIMITED = Long.MAX_VALUE;

    public Limit {
        Objects.requireNonNull(input, "input");
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
