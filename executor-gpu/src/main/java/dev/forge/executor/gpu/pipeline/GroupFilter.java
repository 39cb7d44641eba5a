package dev.forge.executor.gpu.pipeline;

import dev.forge.columnar.DataType;
import dev.forge.plan.AggregateCall;
import dev.forge.plan.AggregateFunction;
import dev.forge.plan.Filter;
import dev.forge.plan.HashAggregate;
import dev.forge.plan.expr.Call;
import dev.forge.plan.expr.ColumnRef;
import dev.forge.plan.expr.Expr;
import dev.forge.plan.expr.Literal;

/**
 * Whether a Filter right above a grouped {@link HashAggregate} (a HAVING clause) can run on the device while the
 * aggregate's groups are compacted, so that only the groups it keeps are read back: TPC-H Q18's sub-query keeps 624 of
 * 15 million groups at SF 10, which the host would otherwise read back, decode and upload again. The condition may
 * read any key or aggregate whose group-table words the device decodes as the host does, which is every one but a
 * string: no expression in it may be a VARCHAR (string values are dictionary codes that only the host turns into
 * text). An aggregate with SINGLE_VALUE keeps its filter on the host, because the host checks every group it reads
 * back for a second row, and a group left out on the device would escape that check.
 */
final class GroupFilter {
    private GroupFilter() {
    }

    /** Whether {@code filter} is a condition over a grouped aggregate's groups that the device can evaluate. */
    static boolean evaluableOnGroups(Filter filter) {
        if (!(filter.input() instanceof HashAggregate aggregate) || aggregate.groupKeys().isEmpty()) {
            return false;
        }
        if (aggregate.aggregates().stream().anyMatch(call -> call.function() == AggregateFunction.SINGLE_VALUE)) {
            return false;
        }
        return evaluable(filter.condition(), aggregate);
    }

    private static boolean evaluable(Expr expression, HashAggregate aggregate) {
        if (expression.type() instanceof DataType.Varchar) {
            return false;
        }
        return switch (expression) {
            case ColumnRef reference -> reference.index() < aggregate.groupKeys().size()
                    || readable(aggregate.aggregates().get(reference.index() - aggregate.groupKeys().size()));
            case Literal _ -> true;
            case Call call -> call.arguments().stream().allMatch(argument -> evaluable(argument, aggregate));
        };
    }

    /** Aggregates whose state the device decodes into their value (AVG never reaches a GPU pipeline). */
    private static boolean readable(AggregateCall call) {
        return switch (call.function()) {
            case COUNT, SUM, SUM0, MIN, MAX, ANY_VALUE -> true;
            case AVG, SINGLE_VALUE -> false;
        };
    }
}
