package dev.forge.executor.gpu.pipeline;

import dev.forge.plan.expr.Call;
import dev.forge.plan.expr.ColumnRef;
import dev.forge.plan.expr.Expr;
import dev.forge.plan.expr.Literal;
import java.util.List;

/**
 * Rewrites an expression over a projection's output into one over the projection's input, by replacing each column
 * reference with the expression that computes it. Fusing a pipeline into one kernel needs every expression over the
 * scan's fields; an expression used twice is computed twice, which costs registers, not memory traffic.
 */
final class ExpressionInliner {
    private ExpressionInliner() {
    }

    static Expr inline(Expr expression, List<Expr> definitions) {
        return switch (expression) {
            case ColumnRef reference -> definitions.get(reference.index());
            case Literal literal -> literal;
            case Call call -> new Call(call.operator(),
                    call.arguments().stream().map(argument -> inline(argument, definitions)).toList(), call.type(),
                    call.nullable());
        };
    }
}
