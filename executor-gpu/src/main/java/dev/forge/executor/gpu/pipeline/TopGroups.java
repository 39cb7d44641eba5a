package dev.forge.executor.gpu.pipeline;

import dev.forge.columnar.DataType;
import dev.forge.plan.AggregateFunction;
import dev.forge.plan.HashAggregate;
import dev.forge.plan.PlanNode;
import dev.forge.plan.Project;
import dev.forge.plan.SortKey;
import dev.forge.plan.TopN;
import dev.forge.plan.expr.ColumnRef;
import dev.forge.plan.expr.Expr;
import java.util.List;

/**
 * The groups that a TopN the host runs over a grouped aggregate (through projections only) can return: those whose
 * sink field {@code field}, the TopN's first key, is at least as good as the {@code count}-th best (offset plus limit)
 * in the key's direction, and those where it is NULL. Only those are decoded on the host, and the TopN orders them
 * exactly: TPC-H Q10 keeps 20 of 381K groups, whose five strings each would otherwise be decoded. Ties with the
 * {@code count}-th value are all kept, so the candidates always hold the TopN's rows whatever its further keys.
 */
public record TopGroups(int field, boolean descending, long count) {
    public TopGroups {
        if (field < 0 || count < 0) {
            throw new IllegalArgumentException("a field and a count of groups, not " + field + " and " + count);
        }
    }

    /**
     * The top groups of {@code hostNodes} (a stage's host part, top first) over {@code aggregate}'s groups, or null
     * where the host part is not a TopN over projections of them, where its first key is not a group field (a string,
     * or computed), or where the host must see every group: SINGLE_VALUE's one-row check.
     */
    static TopGroups of(List<PlanNode> hostNodes, HashAggregate aggregate) {
        boolean singleValue = aggregate.aggregates().stream()
                .anyMatch(call -> call.function() == AggregateFunction.SINGLE_VALUE);
        if (hostNodes.isEmpty() || !(hostNodes.getFirst() instanceof TopN topN) || singleValue) {
            return null;
        }
        SortKey first = topN.keys().getFirst();
        int field = first.field();
        for (PlanNode between : hostNodes.subList(1, hostNodes.size())) {
            if (!(between instanceof Project project)) {
                return null; // a filter between could leave out the candidates and keep other groups
            }
            Expr expression = project.expressions().get(field);
            if (!(expression instanceof ColumnRef reference)) {
                return null;
            }
            field = reference.index();
        }
        if (aggregate.fields().get(field).type() instanceof DataType.Varchar) {
            return null;
        }
        long count = topN.limit() > Long.MAX_VALUE - topN.offset() ? Long.MAX_VALUE : topN.offset() + topN.limit();
        return new TopGroups(field, first.descending(), count);
    }
}
