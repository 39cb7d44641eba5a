package dev.forge.executor.gpu.pipeline;

import dev.forge.columnar.Field;
import dev.forge.executor.gpu.UnsupportedOnGpuException;
import dev.forge.plan.PlanNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How a plan runs on the GPU: an ordered list of {@link Stage}s, each a pipeline whose result later stages read (as a
 * table, or as one row bound to kernel parameters), the last one giving the plan's result. At the top of a stage the
 * CPU executor may finish Sort, TopN, Limit, and Project or Filter over an aggregate, over the pipeline's result, and
 * the result and EXPLAIN say so.
 */
public record GpuPlan(List<Stage> stages) {
    /** The name under which a stage's host part reads its pipeline's result. */
    public static final String GPU_RESULT_TABLE = "$gpu_result";

    public GpuPlan {
        stages = List.copyOf(stages);
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("a GPU plan has at least one stage");
        }
    }

    /**
     * Plans {@code plan} for the GPU, SEMI joins moved below INNER joins ({@link SemiJoinPushdown}) and aggregates read
     * by selective joins reduced ({@link GroupJoinReduction}) first; throws {@link UnsupportedOnGpuException} naming
     * the first thing it lacks.
     */
    public static GpuPlan of(PlanNode plan) {
        StagePlanner planner = new StagePlanner();
        planner.stage(GroupJoinReduction.apply(SemiJoinPushdown.apply(plan)));
        return new GpuPlan(planner.stages());
    }

    /** The last stage, whose result is the plan's. */
    public Stage result() {
        return stages.getLast();
    }

    /** The last stage's pipeline. */
    public Pipeline pipeline() {
        return result().pipeline();
    }

    /** What the host finishes over the last stage's pipeline result (its leaf scans {@link #GPU_RESULT_TABLE}), or null. */
    public PlanNode hostPlan() {
        return result().hostPlan();
    }

    public List<String> hostOperators() {
        return result().hostOperators();
    }

    /** How EXPLAIN and the result describe the GPU's share, stage by stage. */
    public String describe() {
        if (stages.size() == 1) {
            return "GPU: " + result().describe();
        }
        StringBuilder text = new StringBuilder("GPU: " + stages.size() + " stages: ");
        for (Stage stage : stages) {
            text.append(stage.number() == 1 ? "" : "; ").append('[').append(stage.number()).append("] ")
                    .append(stage.describe());
            if (stage != result()) {
                text.append(" -> ").append(stage.tableName());
            }
        }
        return text.toString();
    }

    /** The fields with a repeated name given {@code #position}, since a table's names are unique. */
    public static List<Field> uniqueNames(List<Field> fields) {
        List<Field> unique = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < fields.size(); i++) {
            Field field = fields.get(i);
            String name = seen.add(field.name()) ? field.name() : field.name() + "#" + i;
            seen.add(name);
            unique.add(new Field(name, field.type(), field.nullable()));
        }
        return unique;
    }
}
