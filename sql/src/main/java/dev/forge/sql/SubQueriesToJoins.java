package dev.forge.sql;

import com.google.common.collect.ImmutableSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelShuttleImpl;
import org.apache.calcite.rel.core.CorrelationId;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexCorrelVariable;
import org.apache.calcite.rex.RexFieldAccess;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.Litmus;
import org.apache.calcite.util.Pair;

/**
 * Turns {@code [NOT] EXISTS} and {@code [NOT] IN} sub-queries that are conjuncts of a WHERE into semi, anti and mark
 * joins, moving the correlated predicates into the join condition. Calcite's own route (correlate, then the general
 * decorrelator) joins the outer query into the sub-query to enumerate correlation values, which for TPC-H Q21's
 * {@code l2.l_suppkey <> l1.l_suppkey} gives an 18-join plan; a semi join with a residual predicate is one join.
 *
 * <p>Semantics: EXISTS is a SEMI join and NOT EXISTS an ANTI join (a NULL condition is no match, as in SQL). IN is a
 * SEMI join on equality: a row whose comparison is NULL is dropped by WHERE either way. NOT IN is an ANTI join only when
 * neither side can be NULL; otherwise it is a MARK join filtered on {@code NOT mark}, which carries SQL's NULL result
 * (a NULL value, or a NULL in the list, makes NOT IN unknown, so the row is dropped). Sub-queries anywhere else, and
 * shapes this pass does not recognise, are left to Calcite.
 */
final class SubQueriesToJoins extends RelShuttleImpl {
    private SubQueriesToJoins() {
    }

    static RelNode rewrite(RelNode rel) {
        return rel.accept(new SubQueriesToJoins());
    }

    @Override
    public RelNode visit(LogicalFilter filter) {
        RelNode visited = super.visit(filter);
        if (!(visited instanceof LogicalFilter current)) {
            return visited;
        }
        List<RexNode> conjuncts = RelOptUtil.conjunctions(current.getCondition());
        for (int i = 0; i < conjuncts.size(); i++) {
            RelNode rewritten = rewrite(current, conjuncts, i);
            if (rewritten != null) {
                // The remaining conjuncts may hold more sub-queries.
                return rewritten.accept(this);
            }
        }
        return current;
    }

    /** The filter with conjunct {@code index} turned into a join, or null when it is not a shape handled here. */
    private RelNode rewrite(LogicalFilter filter, List<RexNode> conjuncts, int index) {
        RexNode conjunct = conjuncts.get(index);
        boolean negated = conjunct.isA(SqlKind.NOT);
        RexNode operand = negated ? ((RexCall) conjunct).getOperands().getFirst() : conjunct;
        if (!(operand instanceof RexSubQuery subQuery)
                || !subQuery.isA(SqlKind.EXISTS) && !subQuery.isA(SqlKind.IN)) {
            return null;
        }
        Set<CorrelationId> correlations = filter.getVariablesSet();
        RelNode input = filter.getInput();
        RexBuilder rexBuilder = filter.getCluster().getRexBuilder();
        int leftCount = input.getRowType().getFieldCount();
        Decomposed inner = decompose(subQuery.rel, correlations, rexBuilder, leftCount);
        if (inner == null) {
            return null;
        }
        List<RexNode> condition = new ArrayList<>(inner.correlatedConjuncts);
        boolean nullable = false;
        if (subQuery.isA(SqlKind.IN)) {
            for (Pair<RexNode, RexNode> pair : Pair.zip(subQuery.getOperands(), inner.outputs)) {
                if (RexUtil.containsCorrelation(pair.left) || pair.left instanceof RexSubQuery) {
                    return null;
                }
                nullable |= pair.left.getType().isNullable() || pair.right.getType().isNullable();
                condition.add(rexBuilder.makeCall(org.apache.calcite.sql.fun.SqlStdOperatorTable.EQUALS, pair.left,
                        RexUtil.shift(pair.right, leftCount)));
            }
        }
        RexNode joinCondition = RexUtil.composeConjunction(rexBuilder, condition);
        RelNode right = inner.rel.accept(this);
        List<RexNode> remaining = new ArrayList<>(conjuncts);
        remaining.remove(index);
        ImmutableSet<CorrelationId> variables = ImmutableSet.copyOf(filter.getVariablesSet());
        if (negated && subQuery.isA(SqlKind.IN) && nullable) {
            RelNode mark = LogicalJoin.create(input, right, List.of(), joinCondition, Set.of(), JoinRelType.LEFT_MARK);
            RexNode markField = rexBuilder.makeInputRef(mark, leftCount);
            remaining.add(rexBuilder.makeCall(org.apache.calcite.sql.fun.SqlStdOperatorTable.NOT, markField));
            RelNode kept = LogicalFilter.create(mark, RexUtil.composeConjunction(rexBuilder, remaining), variables);
            return LogicalProject.create(kept, List.of(), rexBuilder.identityProjects(input.getRowType()),
                    input.getRowType().getFieldNames(), Set.of());
        }
        JoinRelType kind = negated ? JoinRelType.ANTI : JoinRelType.SEMI;
        RelNode join = LogicalJoin.create(input, right, List.of(), joinCondition, Set.of(), kind);
        return remaining.isEmpty() ? join
                : LogicalFilter.create(join, RexUtil.composeConjunction(rexBuilder, remaining), variables);
    }

    /** A sub-query split into an uncorrelated relation, its output expressions, and the correlated conjuncts. */
    private record Decomposed(RelNode rel, List<RexNode> outputs, List<RexNode> correlatedConjuncts) {
    }

    /**
     * Peels Projects and one Filter off the sub-query: the Filter's conjuncts that use the outer row become join
     * conditions (outer fields first, then the sub-query's, as a join sees them), and what is below must not use the
     * outer row at all.
     */
    private static Decomposed decompose(RelNode subQuery, Set<CorrelationId> correlations, RexBuilder rexBuilder,
            int leftCount) {
        if (correlations.isEmpty() || RelOptUtil.getVariablesUsed(subQuery).stream()
                .noneMatch(correlations::contains)) {
            return new Decomposed(subQuery, rexBuilder.identityProjects(subQuery.getRowType()), List.of());
        }
        RelNode rel = subQuery;
        List<RexNode> outputs = rexBuilder.identityProjects(rel.getRowType());
        while (rel instanceof Project project) {
            if (project.getProjects().stream().anyMatch(expression -> RexUtil.containsCorrelation(expression))) {
                return null;
            }
            outputs = RelOptUtil.pushPastProject(outputs, project);
            rel = project.getInput();
        }
        if (!(rel instanceof Filter filter)) {
            return null;
        }
        List<RexNode> correlated = new ArrayList<>();
        List<RexNode> plain = new ArrayList<>();
        for (RexNode conjunct : RelOptUtil.conjunctions(filter.getCondition())) {
            if (RexUtil.containsCorrelation(conjunct)) {
                if (RexUtil.SubQueryFinder.find(conjunct) != null || !onlyThese(conjunct, correlations)) {
                    return null;
                }
                correlated.add(conjunct);
            } else {
                plain.add(conjunct);
            }
        }
        RelNode below = filter.getInput();
        for (CorrelationId correlation : correlations) {
            if (!RelOptUtil.notContainsCorrelation(below, correlation, Litmus.IGNORE)
                    || plain.stream().anyMatch(conjunct -> RexUtil.containsCorrelation(conjunct))) {
                return null;
            }
        }
        RelNode uncorrelated = plain.isEmpty() ? below
                : LogicalFilter.create(below, RexUtil.composeConjunction(rexBuilder, plain));
        List<RexNode> joinConjuncts = new ArrayList<>();
        for (RexNode conjunct : correlated) {
            joinConjuncts.add(RexUtil.shift(conjunct, leftCount).accept(new RexShuttle() {
                @Override
                public RexNode visitFieldAccess(RexFieldAccess access) {
                    if (access.getReferenceExpr() instanceof RexCorrelVariable) {
                        return new RexInputRef(access.getField().getIndex(), access.getType());
                    }
                    return super.visitFieldAccess(access);
                }
            }));
        }
        return new Decomposed(uncorrelated, outputs, joinConjuncts);
    }

    private static boolean onlyThese(RexNode conjunct, Set<CorrelationId> correlations) {
        boolean[] foreign = {false};
        conjunct.accept(new RexShuttle() {
            @Override
            public RexNode visitCorrelVariable(RexCorrelVariable variable) {
                foreign[0] |= !correlations.contains(variable.id);
                return variable;
            }
        });
        return !foreign[0];
    }
}
