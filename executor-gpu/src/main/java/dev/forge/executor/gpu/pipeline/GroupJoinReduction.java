package dev.forge.executor.gpu.pipeline;

import dev.forge.columnar.DataType;
import dev.forge.columnar.Field;
import dev.forge.plan.AggregateCall;
import dev.forge.plan.Filter;
import dev.forge.plan.HashAggregate;
import dev.forge.plan.HashJoin;
import dev.forge.plan.JoinKey;
import dev.forge.plan.JoinKind;
import dev.forge.plan.Limit;
import dev.forge.plan.PlanNode;
import dev.forge.plan.Project;
import dev.forge.plan.Scan;
import dev.forge.plan.Sort;
import dev.forge.plan.TopN;
import dev.forge.plan.UnionAll;
import dev.forge.plan.Values;
import dev.forge.plan.expr.ColumnRef;
import dev.forge.plan.expr.Expr;
import dev.forge.plan.expr.Literal;
import java.util.ArrayList;
import java.util.List;

/**
 * Semi-join reduction of an aggregate by the join that reads it: where a grouped aggregate (through projections) is
 * the probe side of an INNER or SEMI join with keys on its group keys, a group whose group-key values find no build
 * row never reaches the join's output, and every row of a group shares those values, so the aggregate's input rows are
 * first probed against the same build side (a SEMI join on the input fields those keys group by; keys on the
 * aggregate's values, as Q2's minimum cost, are left to the join). The groups left include every one that can match,
 * with the same values. On the GPU that spares the host reading back, decoding and uploading again the
 * groups that only the join would drop: TPC-H Q17's and Q2's stage 1 aggregate all parts (2M at SF 10) and Q20's all
 * (part, supplier) pairs of a year, of which a filter on part keeps about 1 in 100 to 1 in 1000.
 *
 * <p>Applied only where the build side filters (a scan filter, a Filter, a SEMI or ANTI join in it): otherwise few
 * groups would go and the build is paid twice. And only where leaving groups out cannot hide an error the CPU executor
 * would report for them: every aggregate argument is a column, and no aggregate can overflow (no SINGLE_VALUE, no exact
 * SUM that could leave its type before some 2^32 rows).
 */
final class GroupJoinReduction {
    private GroupJoinReduction() {
    }

    /** {@code plan} with every join over an aggregate that qualifies reduced; the same nodes elsewhere. */
    static PlanNode apply(PlanNode plan) {
        return JoinRewrites.bottomUp(plan, GroupJoinReduction::reducedProbe);
    }

    /** {@code join} (its inputs already rewritten) with its probe side's aggregate reduced where it qualifies. */
    private static PlanNode reducedProbe(HashJoin join) {
        boolean reducible = (join.kind() == JoinKind.INNER || join.kind() == JoinKind.SEMI) && !join.keys().isEmpty()
                && filters(join.build());
        if (!reducible) {
            return join;
        }
        PlanNode probe = reduced(join.probe(), join.keys().stream().map(JoinKey::probe).toList(), join.build(),
                join.keys());
        return probe == join.probe() ? join : new HashJoin(probe, join.build(), join.kind(), join.keys(),
                join.residual());
    }

    /**
     * {@code node} with the grouped aggregate under its projections reduced by a SEMI join with {@code build}, where
     * {@code fields} (the join keys' probe fields, in {@code node}'s output) reach its group keys; {@code node} itself
     * where they do not, or where the aggregate does not qualify.
     */
    private static PlanNode reduced(PlanNode node, List<Integer> fields, PlanNode build, List<JoinKey> keys) {
        switch (node) {
            case Project project -> {
                List<Integer> below = JoinRewrites.fieldsBelow(project, fields);
                PlanNode input = below == null ? project.input() : reduced(project.input(), below, build, keys);
                return input == project.input() ? node : new Project(input, project.expressions(), project.names());
            }
            case HashAggregate aggregate when !aggregate.groupKeys().isEmpty() && errorFree(aggregate) -> {
                List<JoinKey> semiKeys = new ArrayList<>();
                List<Expr> buildKeys = new ArrayList<>(); // the build side narrowed to the key fields it is probed on
                List<String> names = new ArrayList<>();
                for (int k = 0; k < keys.size(); k++) {
                    int field = fields.get(k);
                    if (field < aggregate.groupKeys().size()) { // a key on an aggregate's value filters no input row
                        Field key = build.fields().get(keys.get(k).build());
                        semiKeys.add(new JoinKey(aggregate.groupKeys().get(field), buildKeys.size(),
                                keys.get(k).nullSafe()));
                        buildKeys.add(new ColumnRef(keys.get(k).build(), key.type(), key.nullable()));
                        names.add(key.name() + "_" + buildKeys.size());
                    }
                }
                if (semiKeys.isEmpty()) {
                    return node;
                }
                HashJoin semi = new HashJoin(aggregate.input(), new Project(build, buildKeys, names), JoinKind.SEMI,
                        semiKeys, null);
                return new HashAggregate(semi, aggregate.groupKeys(), aggregate.aggregates());
            }
            default -> {
                return node;
            }
        }
    }

    /** Whether {@code node} leaves rows out somewhere: a scan filter, a Filter, a SEMI or ANTI join. */
    private static boolean filters(PlanNode node) {
        boolean here = switch (node) {
            case Scan scan -> !scan.filters().isEmpty();
            case Filter _ -> true;
            case HashJoin join -> join.kind() == JoinKind.SEMI || join.kind() == JoinKind.ANTI;
            default -> false;
        };
        return here || node.inputs().stream().anyMatch(GroupJoinReduction::filters);
    }

    /**
     * Whether computing {@code aggregate} over fewer groups cannot leave out an error: each argument (and FILTER) of
     * its aggregates is a column, not an expression that could fail, and none of its aggregates can overflow.
     */
    private static boolean errorFree(HashAggregate aggregate) {
        for (AggregateCall call : aggregate.aggregates()) {
            for (int argument : call.arguments()) {
                if (!isColumn(aggregate.input(), argument)) {
                    return false;
                }
            }
            if (call.filter() >= 0 && !isColumn(aggregate.input(), call.filter())) {
                return false;
            }
            DataType argument = call.arguments().isEmpty() ? null
                    : aggregate.input().fields().get(call.arguments().getFirst()).type();
            if (!cannotOverflow(call, argument)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether field {@code field} of {@code node} is a stored value (a scan's column, an earlier stage's result, a
     * literal) rather than an expression a pipeline evaluates where the rows reach it.
     */
    private static boolean isColumn(PlanNode node, int field) {
        return switch (node) {
            case Filter filter -> isColumn(filter.input(), field);
            case Project project -> switch (project.expressions().get(field)) {
                case ColumnRef reference -> isColumn(project.input(), reference.index());
                case Literal _ -> true;
                default -> false;
            };
            case HashJoin join -> {
                int probeFields = join.probe().fields().size();
                if (field < probeFields) {
                    yield isColumn(join.probe(), field);
                }
                yield join.kind().emitsBuildFields() && isColumn(join.build(), field - probeFields);
            }
            case Scan _, HashAggregate _, Sort _, TopN _, Limit _, UnionAll _, Values _ -> true;
        };
    }

    /**
     * COUNT, MIN, MAX, ANY_VALUE and float sums never overflow; an exact SUM does not before 2^32 rows where its
     * result has 19 more digits than its DECIMAL argument, or is INT64 over INT32 values.
     */
    private static boolean cannotOverflow(AggregateCall call, DataType argument) {
        return switch (call.function()) {
            case COUNT, MIN, MAX, ANY_VALUE -> true;
            case SINGLE_VALUE, AVG -> false;
            case SUM, SUM0 -> switch (call.type()) {
                case DataType.Float32 _, DataType.Float64 _ -> true;
                case DataType.Int64 _ -> argument instanceof DataType.Int32;
                case DataType.Decimal result -> argument instanceof DataType.Decimal decimal
                        ? result.precision() - decimal.precision() >= 19
                        : (argument instanceof DataType.Int32 || argument instanceof DataType.Int64)
                                && result.precision() >= 38;
                default -> false;
            };
        };
    }
}
