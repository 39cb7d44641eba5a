package dev.forge.sql;

import dev.forge.columnar.DataType;
import dev.forge.columnar.Field;
import dev.forge.plan.HashJoin;
import dev.forge.plan.JoinKey;
import dev.forge.plan.JoinKind;
import dev.forge.plan.PlanNode;
import dev.forge.plan.Project;
import dev.forge.plan.expr.Call;
import dev.forge.plan.expr.ColumnRef;
import dev.forge.plan.expr.Expr;
import dev.forge.plan.expr.Literal;
import dev.forge.plan.expr.Operator;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexNode;

/**
 * Translates a Calcite join into a {@link HashJoin}: equality conjuncts between the two sides become keys (null-safe
 * for IS NOT DISTINCT FROM), the rest the residual. The smaller input by Calcite's row estimate is the build side
 * where the kind allows it: INNER and FULL swap freely, LEFT and RIGHT swap into each other; SEMI, ANTI and MARK keep
 * the outer query on the probe side because their output is the probe rows. A swapped join is followed by a Project
 * that restores Calcite's field order (left then right), which the operators above refer to.
 */
final class JoinTranslator {
    private final PlanTranslator plans;
    private final RelMetadataQuery metadata;

    JoinTranslator(PlanTranslator plans, RelMetadataQuery metadata) {
        this.plans = plans;
        this.metadata = metadata;
    }

    PlanNode translate(Join join) {
        PlanNode left = plans.translate(join.getLeft());
        PlanNode right = plans.translate(join.getRight());
        List<Integer> leftKeys = new ArrayList<>();
        List<Integer> rightKeys = new ArrayList<>();
        List<Boolean> filterNulls = new ArrayList<>();
        List<RexNode> rest = new ArrayList<>();
        RelOptUtil.splitJoinCondition(join.getLeft(), join.getRight(), join.getCondition(), leftKeys, rightKeys,
                filterNulls, rest);
        List<Field> leftFields = left.fields();
        List<Field> rightFields = right.fields();
        List<Field> both = new ArrayList<>(leftFields);
        both.addAll(rightFields);
        ExpressionTranslator expressions = new ExpressionTranslator(both);
        List<Expr> residual = new ArrayList<>();
        List<JoinKey> keys = new ArrayList<>();
        for (int i = 0; i < leftKeys.size(); i++) {
            int leftKey = leftKeys.get(i);
            int rightKey = rightKeys.get(i);
            boolean nullSafe = !filterNulls.get(i);
            if (sameKeyType(leftFields.get(leftKey).type(), rightFields.get(rightKey).type())) {
                keys.add(new JoinKey(leftKey, rightKey, nullSafe));
            } else {
                // Types a hash table cannot compare directly: compare them in the residual, with casts.
                Field leftField = leftFields.get(leftKey);
                Field rightField = rightFields.get(rightKey);
                residual.add(ExpressionTranslator.compare(nullSafe ? Operator.IS_NOT_DISTINCT_FROM : Operator.EQUALS,
                        new ColumnRef(leftKey, leftField.type(), leftField.nullable()),
                        new ColumnRef(leftFields.size() + rightKey, rightField.type(), rightField.nullable())));
            }
        }
        for (RexNode condition : rest) {
            Expr translated = expressions.translate(condition);
            if (!(translated instanceof Literal literal && Boolean.TRUE.equals(literal.value()))) {
                residual.add(translated);
            }
        }
        Expr condition = residual.isEmpty() ? null : residual.size() == 1 ? residual.getFirst()
                : new Call(Operator.AND, residual, DataType.BOOLEAN, residual.stream().anyMatch(Expr::nullable));
        JoinKind kind = switch (join.getJoinType()) {
            case INNER -> JoinKind.INNER;
            case LEFT -> JoinKind.LEFT;
            case RIGHT -> JoinKind.RIGHT;
            case FULL -> JoinKind.FULL;
            case SEMI -> JoinKind.SEMI;
            case ANTI -> JoinKind.ANTI;
            case LEFT_MARK -> JoinKind.MARK;
            default -> throw SqlException.unsupported(join.getJoinType() + " joins");
        };
        boolean swappable = kind == JoinKind.INNER || kind == JoinKind.FULL || kind == JoinKind.LEFT
                || kind == JoinKind.RIGHT;
        double leftRows = rows(join.getLeft());
        double rightRows = rows(join.getRight());
        if (!swappable || rightRows <= leftRows) {
            return new HashJoin(left, right, kind, keys, condition);
        }
        JoinKind swappedKind = switch (kind) {
            case LEFT -> JoinKind.RIGHT;
            case RIGHT -> JoinKind.LEFT;
            default -> kind;
        };
        List<JoinKey> swappedKeys = keys.stream().map(key -> new JoinKey(key.build(), key.probe(), key.nullSafe()))
                .toList();
        Expr swappedCondition = condition == null ? null : swapSides(condition, leftFields.size(), rightFields.size());
        HashJoin swapped = new HashJoin(right, left, swappedKind, swappedKeys, swappedCondition);
        return restoreOrder(swapped, leftFields.size(), rightFields.size());
    }

    private double rows(org.apache.calcite.rel.RelNode rel) {
        Double rows = metadata.getRowCount(rel);
        return rows == null ? Double.MAX_VALUE : rows;
    }

    private static boolean sameKeyType(DataType a, DataType b) {
        if (a instanceof DataType.Decimal x && b instanceof DataType.Decimal y) {
            return x.scale() == y.scale() && x.physicalType() == y.physicalType();
        }
        return a.equals(b);
    }

    /** Renumbers an expression over (left, right) fields to one over (right, left). */
    private static Expr swapSides(Expr expression, int leftCount, int rightCount) {
        return switch (expression) {
            case ColumnRef ref -> new ColumnRef(ref.index() < leftCount ? ref.index() + rightCount
                    : ref.index() - leftCount, ref.type(), ref.nullable());
            case Literal literal -> literal;
            case Call call -> new Call(call.operator(), call.arguments().stream()
                    .map(argument -> swapSides(argument, leftCount, rightCount)).toList(), call.type(),
                    call.nullable());
        };
    }

    /** A Project giving the swapped join's (right, left) output back as (left, right). */
    private static PlanNode restoreOrder(HashJoin swapped, int leftCount, int rightCount) {
        List<Field> fields = swapped.fields();
        List<Expr> expressions = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < leftCount + rightCount; i++) {
            int position = i < leftCount ? rightCount + i : i - leftCount;
            Field field = fields.get(position);
            expressions.add(new ColumnRef(position, field.type(), field.nullable()));
            names.add(field.name());
        }
        return new Project(swapped, expressions, names);
    }
}
