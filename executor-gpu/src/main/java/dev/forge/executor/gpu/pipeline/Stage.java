package dev.forge.executor.gpu.pipeline;

import dev.forge.plan.PlanNode;
import java.util.List;
import java.util.Objects;

/**
 * One step of a GPU plan: a {@link Pipeline}, optionally finished by the CPU executor ({@code hostPlan}, over the
 * pipeline's result as {@link GpuPlan#GPU_RESULT_TABLE}; its operators named in {@code hostOperators}). Later stages
 * scan its result as the table {@link #tableName()}, or read its single row as kernel parameters
 * ({@link ScalarInput}); the last stage's result is the plan's. {@code source} is the plan subtree the stage computes,
 * {@code pipelineSource} the part of it the pipeline computes (all of it without a host part). Stages are numbered from
 * 1 in the order they run; each reads only stages before it.
 */
public record Stage(int number, Pipeline pipeline, PlanNode pipelineSource, PlanNode hostPlan,
        List<String> hostOperators, PlanNode source) {
    public Stage {
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(pipelineSource, "pipelineSource");
        Objects.requireNonNull(source, "source");
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

    /** How EXPLAIN and the result describe it. */
    public String describe() {
        int kernels = pipeline.kernelCount();
        String text = (kernels == 1 ? "1 fused kernel (" : kernels + " kernels (") + pipeline.describe() + ")";
        return hostOperators.isEmpty() ? text
                : text + "; host (CPU executor) finishes " + String.join(", ", hostOperators) + " over its rows";
    }
}
