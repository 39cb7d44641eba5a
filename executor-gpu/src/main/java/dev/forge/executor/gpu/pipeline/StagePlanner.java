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
import dev.forge.plan.UnionAll;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Splits a plan into the {@link Stage}s of a {@link GpuPlan}. A subtree a pipeline cannot take as an input (an
 * aggregate, rows the host must sort or cut, a UNION ALL) becomes a stage of its own, planned before the stage that
 * reads it; a subtree that appears twice (TPC-H Q15's revenue view) is one stage. At the top of each stage, Sort, TopN
 * and Limit, and Project and Filter above an aggregate or above those, are left to the CPU executor over the
 * pipeline's result, except a Filter right above a grouped aggregate that the device evaluates over its groups
 * ({@link GroupFilter}); a UNION ALL's inputs are stages and the CPU executor concatenates their tables.
 */
final class StagePlanner {
    private final List<Stage> stages = new ArrayList<>();
    private final Map<PlanNode, Integer> numbers = new HashMap<>();
    private final Set<PlanNode> planning = new HashSet<>();

    /** The stages so far, in the order they run. */
    List<Stage> stages() {
        return List.copyOf(stages);
    }

    /** Plans {@code node} as a stage (or finds the stage that computes it already) and returns its number. */
    int stage(PlanNode node) {
        Integer known = numbers.get(node);
        if (known != null) {
            return known;
        }
        if (!planning.add(node)) {
            throw new IllegalStateException("a plan subtree contains itself");
        }
        List<PlanNode> hostNodes = new ArrayList<>();
        PlanNode pipelineRoot = node;
        while (isHostFinishing(pipelineRoot)) {
            hostNodes.add(pipelineRoot);
            pipelineRoot = pipelineRoot.inputs().getFirst();
        }
        // Project and Filter right above rows (not above an aggregate or a union) stay in the pipeline, in its kernel
        while (!(pipelineRoot instanceof HashAggregate) && !(pipelineRoot instanceof UnionAll) && !hostNodes.isEmpty()
                && (hostNodes.getLast() instanceof Project || hostNodes.getLast() instanceof Filter)) {
            pipelineRoot = hostNodes.removeLast();
        }
        // a HAVING condition the device can evaluate runs while the groups are compacted: only those it keeps come back
        if (pipelineRoot instanceof HashAggregate && !hostNodes.isEmpty()
                && hostNodes.getLast() instanceof Filter filter && GroupFilter.evaluableOnGroups(filter)) {
            pipelineRoot = hostNodes.removeLast();
        }
        Stage made;
        if (pipelineRoot instanceof UnionAll union) {
            made = unionOnTheHost(node, union, hostNodes);
        } else {
            Pipeline pipeline = new PipelineBuilder(this).build(pipelineRoot, topGroups(pipelineRoot, hostNodes));
            PlanNode hostPlan = hostNodes.isEmpty() ? null
                    : replace(node, pipelineRoot, resultScan(GpuPlan.GPU_RESULT_TABLE, pipelineRoot.fields()));
            List<String> operators = hostNodes.stream().map(host -> host.getClass().getSimpleName()).toList();
            made = new Stage(stages.size() + 1, pipeline, pipelineRoot, hostPlan, operators, node);
        }
        int number = made.number();
        stages.add(made);
        numbers.put(node, number);
        planning.remove(node);
        return number;
    }

    /**
     * A UNION ALL: each input runs as a stage of its own (a pipeline, or a union again), and the CPU executor
     * concatenates their tables, with whatever the host finishes above; there is no kernel of its own.
     */
    private Stage unionOnTheHost(PlanNode node, UnionAll union, List<PlanNode> hostNodes) {
        List<PlanNode> scans = new ArrayList<>();
        for (PlanNode input : union.inputs()) {
            scans.add(resultScan(Stage.tableName(stage(input)), input.fields()));
        }
        List<String> operators = new ArrayList<>(hostNodes.stream().map(host -> host.getClass().getSimpleName())
                .toList());
        operators.add("UnionAll");
        return new Stage(stages.size() + 1, null, null, replace(node, union, new UnionAll(scans)), operators, node);
    }

    /** Which groups of a grouped aggregate (HAVING folded in or not) the host part can return, or null: all. */
    private static TopGroups topGroups(PlanNode pipelineRoot, List<PlanNode> hostNodes) {
        PlanNode groups = pipelineRoot instanceof Filter filter ? filter.input() : pipelineRoot;
        return groups instanceof HashAggregate aggregate && !aggregate.groupKeys().isEmpty()
                ? TopGroups.of(hostNodes, aggregate) : null;
    }

    private static boolean isHostFinishing(PlanNode node) {
        return node instanceof Sort || node instanceof TopN || node instanceof Limit || node instanceof Project
                || node instanceof Filter;
    }

    private static Scan resultScan(String table, List<Field> fields) {
        return new Scan(table, IntStream.range(0, fields.size()).boxed().toList(), GpuPlan.uniqueNames(fields),
                List.of());
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
            default -> throw new UnsupportedOnGpuException("cannot finish " + node.getClass().getSimpleName()
                    + " on the host");
        };
    }
}
