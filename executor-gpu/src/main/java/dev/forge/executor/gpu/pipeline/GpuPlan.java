package dev.forge.executor.gpu.pipeline;

import dev.forge.columnar.Field;
import dev.forge.executor.gpu.UnsupportedOnGpuException;
import dev.forge.plan.Filter;
import dev.forge.plan.HashAggregate;
import dev.forge.plan.Limit;
import dev.forge.plan.PlanNode;
import dev.forge.plan.Project;
import dev.forge.plan.Scan;
import dev.forge.plan.Sort;
import dev.forge.plan.TopN;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * How a plan runs on the GPU: one {@link Pipeline}, and optionally the operators above an aggregate that the CPU
 * executor finishes on the aggregated rows ({@code hostPlan}, whose leaf is a scan of {@link #GPU_RESULT_TABLE}).
 * Only Sort, TopN, Limit, Project and Filter over an aggregate's result are finished on the host, and the result and
 * EXPLAIN say so: those inputs are as small as the number of groups.
 */
public record GpuPlan(Pipeline pipeline, PlanNode hostPlan, List<String> hostOperators) {
    /** The name under which the host part reads the GPU pipeline's result. */
    public static final String GPU_RESULT_TABLE = "$gpu_result";

    public GpuPlan {
        hostOperators = List.copyOf(hostOperators);
    }

    /** Plans {@code plan} for the GPU; throws {@link UnsupportedOnGpuException} naming the first thing it lacks. */
    public static GpuPlan of(PlanNode plan) {
        UnsupportedOnGpuException whole;
        try {
            return new GpuPlan(PipelineBuilder.build(plan), null, List.of());
        } catch (UnsupportedOnGpuException unsupported) {
            whole = unsupported;
        }
        List<String> operators = new ArrayList<>();
        PlanNode node = plan;
        while (isHostFinishing(node)) {
            operators.add(node.getClass().getSimpleName());
            node = node.inputs().getFirst();
        }
        if (operators.isEmpty() || !(node instanceof HashAggregate aggregate)) {
            throw whole;
        }
        Pipeline pipeline = PipelineBuilder.build(aggregate);
        return new GpuPlan(pipeline, replace(plan, aggregate, resultScan(aggregate.fields())), operators);
    }

    /** How EXPLAIN and the result describe the GPU's share. */
    public String describe() {
        int kernels = pipeline.kernelCount();
        String text = (kernels == 1 ? "GPU: 1 fused kernel (" : "GPU: " + kernels + " kernels (") + pipeline.describe()
                + ")";
        return hostOperators.isEmpty() ? text
                : text + "; host (CPU executor) finishes " + String.join(", ", hostOperators)
                        + " over the aggregated rows";
    }

    private static boolean isHostFinishing(PlanNode node) {
        return node instanceof Sort || node instanceof TopN || node instanceof Limit || node instanceof Project
                || node instanceof Filter;
    }

    private static Scan resultScan(List<Field> fields) {
        return new Scan(GPU_RESULT_TABLE, IntStream.range(0, fields.size()).boxed().toList(), uniqueNames(fields),
                List.of());
    }

    /** The fields with a repeated name given {@code #position}, since a table's names are unique. */
    public static List<Field> uniqueNames(List<Field> fields) {
        List<Field> unique = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < fields.size(); i++) {
            Field field = fields.get(i);
            String name = seen.add(field.name()) ? field.name() : field.name() + "#" + i;
            seen.add(name);
            unique.add(new Field(name, field.type(), field.nullable()));
        }
        return unique;
    }

    private static PlanNode replace(PlanNode node, PlanNode target, PlanNode replacement) {
        if (node == target) {
            return replacement;
        }
        return switch (node) {
            case Sort sort -> new Sort(replace(sort.input(), target, replacement), sort.keys());
            case TopN topN -> new TopN(replace(topN.input(), target, replacement), topN.keys(), topN.offset(),
                    topN.limit());
            case Limit limit -> new Limit(replace(limit.input(), target, replacement), limit.offset(), limit.limit());
            case Project project -> new Project(replace(project.input(), target, replacement), project.expressions(),
                    project.names());
            case Filter filter -> new Filter(replace(filter.input(), target, replacement), filter.condition());
            default -> throw new IllegalStateException("cannot finish " + node.getClass().getSimpleName() + " on the host");
        };
    }
}
