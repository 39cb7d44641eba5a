package dev.forge.sql;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelShuttleImpl;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Rewrites filter conditions that are ORs of ANDs so that a join can use them (TPC-H Q19): conjuncts common to every
 * disjunct are pulled out ({@code RexUtil.pullFactors}, exposing {@code p_partkey = l_partkey} as a hash key instead of
 * a nested loop), and for a filter over an inner join each side gets the implied predicate "OR of this side's conjuncts
 * of each disjunct" when every disjunct has some, so each input is filtered before the join. The original OR stays,
 * so the result is the same.
 */
final class FactorDisjunctions extends RelShuttleImpl {
    private FactorDisjunctions() {
    }

    static RelNode rewrite(RelNode rel) {
        return rel.accept(new FactorDisjunctions());
    }

    @Override
    public RelNode visit(LogicalFilter filter) {
        RelNode visited = super.visit(filter);
        if (!(visited instanceof LogicalFilter current)) {
            return visited;
        }
        RexBuilder rexBuilder = current.getCluster().getRexBuilder();
        RexNode factored = RexUtil.pullFactors(rexBuilder, current.getCondition());
        List<RexNode> conjuncts = new ArrayList<>(RelOptUtil.conjunctions(factored));
        if (current.getInput() instanceof Join join && join.getJoinType() == JoinRelType.INNER) {
            int leftCount = join.getLeft().getRowType().getFieldCount();
            int total = join.getRowType().getFieldCount();
            ImmutableBitSet left = ImmutableBitSet.range(0, leftCount);
            ImmutableBitSet right = ImmutableBitSet.range(leftCount, total);
            for (RexNode conjunct : List.copyOf(conjuncts)) {
                List<RexNode> disjuncts = RelOptUtil.disjunctions(conjunct);
                if (disjuncts.size() < 2) {
                    continue;
                }
                for (ImmutableBitSet side : List.of(left, right)) {
                    RexNode implied = implied(disjuncts, side, rexBuilder);
                    if (implied != null && !conjuncts.contains(implied)) {
                        conjuncts.add(implied);
                    }
                }
            }
        }
        RexNode condition = RexUtil.composeConjunction(rexBuilder, conjuncts);
        if (condition.equals(current.getCondition())) {
            return current;
        }
        return current.copy(current.getTraitSet(), current.getInput(), condition);
    }

    /** OR over the disjuncts of their conjuncts that use only {@code side}, or null if some disjunct has none. */
    private static RexNode implied(List<RexNode> disjuncts, ImmutableBitSet side, RexBuilder rexBuilder) {
        List<RexNode> perDisjunct = new ArrayList<>();
        for (RexNode disjunct : disjuncts) {
            List<RexNode> own = new ArrayList<>();
            for (RexNode conjunct : RelOptUtil.conjunctions(disjunct)) {
                ImmutableBitSet used = RelOptUtil.InputFinder.bits(conjunct);
                if (!used.isEmpty() && side.contains(used) && RexUtil.isDeterministic(conjunct)) {
                    own.add(conjunct);
                }
            }
            if (own.isEmpty()) {
                return null;
            }
            perDisjunct.add(RexUtil.composeConjunction(rexBuilder, own));
        }
        return RexUtil.composeDisjunction(rexBuilder, perDisjunct);
    }
}
