package dev.forge.executor.gpu.pipeline;

import dev.forge.plan.Filter;
import dev.forge.plan.HashAggregate;
import dev.forge.plan.HashJoin;
import dev.forge.plan.Limit;
import dev.forge.plan.PlanNode;
import dev.forge.plan.Project;
import dev.forge.plan.Scan;
import dev.forge.plan.Sort;
import dev.forge.plan.TopN;
import dev.forge.plan.UnionAll;
import dev.forge.plan.Values;
import dev.forge.plan.expr.ColumnRef;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Rebuilds a plan bottom-up for the plan rewrites that change joins ({@link SemiJoinPushdown}, {@link
 * GroupJoinReduction}).
 */
final class JoinRewrites {
    private JoinRewrites() {
    }

    /**
     * {@code plan} rebuilt from its leaves up, each join handed to {@code rewrite} once its inputs are rebuilt; every
     * other node is kept as it is, over its rebuilt inputs.
     */
    static PlanNode bottomUp(PlanNode plan, Function<HashJoin, PlanNode> rewrite) {
        return switch (plan) {
            case Scan _, Values _ -> plan;
            case Filter filter -> new Filter(bottomUp(filter.input(), rewrite), filter.condition());
            case Project project -> new Project(bottomUp(project.input(), rewrite), project.expressions(),
                    project.names());
            case HashAggregate aggregate -> new HashAggregate(bottomUp(aggregate.input(), rewrite),
                    aggregate.groupKeys(), aggregate.aggregates());
            case Sort sort -> new Sort(bottomUp(sort.input(), rewrite), sort.keys());
            case TopN topN -> new TopN(bottomUp(topN.input(), rewrite), topN.keys(), topN.offset(), topN.limit());
            case Limit limit -> new Limit(bottomUp(limit.input(), rewrite), limit.offset(), limit.limit());
            case UnionAll union -> new UnionAll(union.inputs().stream().map(input -> bottomUp(input, rewrite))
                    .toList());
            case HashJoin join -> rewrite.apply(new HashJoin(bottomUp(join.probe(), rewrite),
                    bottomUp(join.build(), rewrite), join.kind(), join.keys(), join.residual()));
        };
    }

    /**
     * The input fields of {@code project} that its fields {@code fields} pass through unchanged, in order; null where
     * one of them is computed.
     */
    static List<Integer> fieldsBelow(Project project, List<Integer> fields) {
        List<Integer> below = new ArrayList<>();
        for (int field : fields) {
            if (!(project.expressions().get(field) instanceof ColumnRef reference)) {
                return null;
            }
            below.add(reference.index());
        }
        return below;
    }
}
