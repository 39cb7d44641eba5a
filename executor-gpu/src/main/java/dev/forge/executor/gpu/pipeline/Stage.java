package dev.forge.executor.gpu.pipeline;

import dev.forge.plan.PlanNode;
import java.util.List;
import java.util.Objects;

/**
 * One step of a GPU plan: a {@link Pipeline}, optionally finished by the CPU executor ({@code hostPlan}, over the
 * pipeline's result as {@link GpuPlan#GPU_RESULT_TABLE}, and over earlier stages' tables; its operators named in
 * {@code hostOperators}). Later stages scan its result as the table {@link #tableName()}, or read its single row as
 * kernel parameters ({@link ScalarInput}); the last stage's result is the plan's. {@code source} is the plan subtree the
 * stage computes, {@code pipelineSource} the part of it the pipeline computes (all of it without a host part). A stage
 * without a pipeline (both null) is the host's alone: a UNION ALL of earlier stages' tables, which the CPU executor
 * concatenates. Stages are numbered from 1 in the order they run; each reads only stages before it.
 */
public record Stage(int number, Pipeline pipeline, PlanNode pipelineSource, PlanNode hostPlan,
        List<String> hostOperators, PlanNode source) {
    public Stage {
        Objects.requireNonNull(source, "source");
        if ((pipeline == null) != (pipelineSource == null)) {
            throw new IllegalArgumentException("a stage's pipeline and the subtree it computes come together");
        }
        if (pipeline == null && hostPlan == null) {
            throw new IllegalArgumentException("a stage without a pipeline needs a host plan");
        }
        hostOperators = List.copyOf(hostOperators);
        if ((hostPlan == null) != hostOperators.isEmpty()) {
            throw new IllegalArgumentException("a host plan needs its operators named, and only a host plan has them");
        }
    }

    /** The catalog name under which later stages scan this stage's result. */
    public String tableName() {
        return tableName(number);
    }

    public static String tableName(int number) {
        return "$stage" + number;
    }

    /** Whether the host computes this stage alone, from earlier stages' tables. */
    public boolean hostOnly() {
        return pipeline == null;
    }

    /** How EXPLAIN and the result describe it. */
    public String describe() {
        if (pipeline == null) {
            return "host (CPU executor) runs " + String.join(", ", hostOperators) + " over earlier stages' tables";
        }
        int kernels = pipeline.kernelCount();
        String text = (kernels == 1 ? "1 fused kernel (" : kernels + " kernels (") + pipeline.describe() + ")";
        return hostOperators.isEmpty() ? text
                : text + "; host (CPU executor) finishes " + String.join(", ", hostOperators) + " over its rows";
    }
}
