package dev.forge.executor.gpu.pipeline;

import dev.forge.columnar.Field;
import dev.forge.plan.HashJoin;
import dev.forge.plan.JoinKey;
import dev.forge.plan.JoinKind;
import dev.forge.plan.PlanNode;
import dev.forge.plan.Project;
import dev.forge.plan.expr.ColumnRef;
import dev.forge.plan.expr.Expr;
import java.util.ArrayList;
import java.util.List;

/**
 * Plan rewrites that exchange a join's probe and build sides, with a projection on top that puts the fields back in the
 * plan's order, so the rest of the plan cannot tell. The GPU needs them where the planner's choice of sides is one it
 * cannot run: a RIGHT join (each unmatched build row would need a pass of its own) is the LEFT join of the sides
 * swapped, and an INNER join whose probe side is a single row reads that row as parameters from the other side.
 */
final class JoinSwaps {
    private JoinSwaps() {
    }

    /** {@code probe RIGHT JOIN build} as {@code build LEFT JOIN probe}, fields in the RIGHT join's order. */
    static PlanNode rightAsLeft(HashJoin join) {
        if (join.kind() != JoinKind.RIGHT) {
            throw new IllegalArgumentException("not a RIGHT join: " + join.kind());
        }
        return swapped(join, JoinKind.LEFT);
    }

    /** An INNER join with its sides exchanged, fields in the original order. */
    static PlanNode innerSwapped(HashJoin join) {
        if (join.kind() != JoinKind.INNER) {
            throw new IllegalArgumentException("not an INNER join: " + join.kind());
        }
        return swapped(join, JoinKind.INNER);
    }

    private static PlanNode swapped(HashJoin join, JoinKind kind) {
        int probeCount = join.probe().fields().size();
        int buildCount = join.build().fields().size();
        List<JoinKey> keys = join.keys().stream()
                .map(key -> new JoinKey(key.build(), key.probe(), key.nullSafe())).toList();
        Expr residual = null;
        if (join.residual() != null) {
            List<Field> original = join.residualInputFields();
            List<Expr> moved = new ArrayList<>(); // original position -> position with the build side first
            for (int i = 0; i < original.size(); i++) {
                int position = i < probeCount ? buildCount + i : i - probeCount;
                moved.add(new ColumnRef(position, original.get(i).type(), original.get(i).nullable()));
            }
            residual = ExpressionInliner.inline(join.residual(), moved);
        }
        HashJoin exchanged = new HashJoin(join.build(), join.probe(), kind, keys, residual);
        List<Field> fields = exchanged.fields();
        List<Expr> reordered = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < probeCount + buildCount; i++) {
            int position = i < probeCount ? buildCount + i : i - probeCount;
            Field field = fields.get(position);
            reordered.add(new ColumnRef(position, field.type(), field.nullable()));
            names.add(field.name());
        }
        return new Project(exchanged, reordered, names);
    }
}
