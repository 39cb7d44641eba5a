package dev.forge.plan;

import dev.forge.columnar.Field;
import java.util.List;

/**
 * One operator of a physical plan. A plan is a tree of immutable records that both executors (CPU and GPU) run; it
 * names no engine. Each node's output is a row of {@link #fields()}; an expression above it refers to those fields by
 * position ({@link dev.forge.plan.expr.ColumnRef}). {@link PlanValidator} checks the rules every node documents.
 */
public sealed interface PlanNode
        permits Scan, Filter, Project, HashJoin, HashAggregate, Sort, TopN, Limit, UnionAll, Values {

    /** The columns this operator produces, in order. */
    List<Field> fields();

    /** The operators this one reads, in order (empty for leaves). */
    List<PlanNode> inputs();
}
