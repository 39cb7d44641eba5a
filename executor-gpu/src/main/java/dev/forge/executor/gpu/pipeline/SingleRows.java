package dev.forge.executor.gpu.pipeline;

import dev.forge.columnar.DataType;
import dev.forge.plan.HashAggregate;
import dev.forge.plan.HashJoin;
import dev.forge.plan.JoinKey;
import dev.forge.plan.PlanNode;
import dev.forge.plan.Project;
import dev.forge.plan.expr.Call;
import dev.forge.plan.expr.Expr;
import dev.forge.plan.expr.Literal;
import dev.forge.plan.expr.Operator;
import java.util.ArrayList;
import java.util.List;

/**
 * Joins with a side that is provably exactly one row (a scalar sub-query): an aggregate without group keys, under any
 * projections. Such a join needs no hash table: the row is computed first and every probe row meets it, so the join is
 * its match condition evaluated per probe row with the row's values as kernel parameters.
 */
final class SingleRows {
    private SingleRows() {
    }

    /** Whether {@code node} always gives exactly one row (an ungrouped aggregate gives one even over no rows). */
    static boolean isSingleRow(PlanNode node) {
        return switch (node) {
            case HashAggregate aggregate -> aggregate.groupKeys().isEmpty();
            case Project project -> isSingleRow(project.input());
            case dev.forge.plan.Scan _, dev.forge.plan.Filter _, HashJoin _, dev.forge.plan.Sort _,
                 dev.forge.plan.TopN _, dev.forge.plan.Limit _, dev.forge.plan.UnionAll _, dev.forge.plan.Values _ ->
                    false; // a VALUES of one row is one, but the GPU does not compute VALUES
        };
    }

    /**
     * The join's match condition over a probe row and the single row: every key equal (IS NOT DISTINCT FROM where
     * null-safe) and the residual TRUE; null when there is neither (every probe row matches). {@code probe} and
     * {@code row} are the two sides' fields as pipeline expressions, {@code both} the two together, as the residual sees
     * them.
     */
    static Expr matchCondition(HashJoin join, List<Expr> probe, List<Expr> row, List<Expr> both) {
        List<Expr> conjuncts = new ArrayList<>();
        for (JoinKey key : join.keys()) {
            Expr left = probe.get(key.probe());
            Expr right = row.get(key.build());
            conjuncts.add(key.nullSafe()
                    ? Call.of(Operator.IS_NOT_DISTINCT_FROM, DataType.BOOLEAN, false, left, right)
                    : Call.of(Operator.EQUALS, DataType.BOOLEAN, left.nullable() || right.nullable(), left, right));
        }
        if (join.residual() != null) {
            conjuncts.add(ExpressionInliner.inline(join.residual(), both));
        }
        if (conjuncts.isEmpty()) {
            return null;
        }
        return conjuncts.size() == 1 ? conjuncts.getFirst()
                : new Call(Operator.AND, conjuncts, DataType.BOOLEAN, conjuncts.stream().anyMatch(Expr::nullable));
    }

    /** An ANTI join keeps a probe row whose condition is not TRUE (FALSE or NULL); without a condition, none. */
    static Expr noMatch(Expr condition) {
        return condition == null ? Literal.of(false) : Call.of(Operator.IS_NOT_TRUE, DataType.BOOLEAN, false, condition);
    }

    /** A LEFT join's fields: the probe row's, then the single row's where the condition is TRUE, else NULL. */
    static List<Expr> leftOutputs(List<Expr> probe, List<Expr> row, Expr condition) {
        List<Expr> outputs = new ArrayList<>(probe);
        for (Expr value : row) {
            outputs.add(condition == null ? value : new Call(Operator.CASE, List.of(condition, value,
                    Literal.nullOf(value.type())), value.type(), true));
        }
        return outputs;
    }
}
