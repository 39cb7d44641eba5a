package dev.forge.executor.gpu.pipeline;

import dev.forge.columnar.Field;
import java.util.List;

/**
 * The one row of an earlier stage (a scalar sub-query: an ungrouped aggregate, exactly one row), read by a pipeline as
 * kernel parameters bound like literals, NULL included, so the kernel source does not depend on the values. Its fields
 * take pipeline field positions {@code firstField .. firstField + fields - 1}, like a join's build fields.
 */
public record ScalarInput(int stage, List<Field> fields, int firstField) {
    public ScalarInput {
        fields = List.copyOf(fields);
        if (firstField < 0) {
            throw new IllegalArgumentException("a scalar input's first field must be >= 0: " + firstField);
        }
    }

    /** Whether pipeline field {@code field} is one of this row's. */
    public boolean holds(int field) {
        return field >= firstField && field < firstField + fields.size();
    }
}
