package dev.forge.executor.gpu.pipeline;

import dev.forge.columnar.DataType;
import dev.forge.plan.AggregateFunction;
import dev.forge.plan.expr.Expr;
import java.util.Objects;

/**
 * One aggregate of a pipeline sink: {@code function} of {@code argument} (null for COUNT(*)), counting only rows where
 * {@code filter} (null for none) is TRUE, giving {@code resultType}. Expressions are over the pipeline's scan fields.
 */
public record AggregateInput(AggregateFunction function, Expr argument, Expr filter, DataType resultType) {
    public AggregateInput {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(resultType, "resultType");
    }
}
