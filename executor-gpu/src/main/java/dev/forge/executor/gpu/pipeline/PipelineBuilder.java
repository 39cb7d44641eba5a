package dev.forge.executor.gpu.pipeline;

import dev.forge.columnar.Field;
import dev.forge.executor.gpu.UnsupportedOnGpuException;
import dev.forge.plan.AggregateCall;
import dev.forge.plan.Filter;
import dev.forge.plan.HashAggregate;
import dev.forge.plan.HashJoin;
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
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a plan whose root is a pipeline breaker this slice runs on the GPU (a {@link HashAggregate}) or a chain of
 * Filter and Project over a Scan (materialised) into a {@link Pipeline}, or says what it lacks.
 */
public final class PipelineBuilder {
    private PipelineBuilder() {
    }

    /** The rows a chain of Scan, Filter and Project produces: the scan, its conjuncts, and each output field's expression. */
    private record Chain(Scan scan, List<Expr> conjuncts, List<Expr> outputs) {
    }

    public static Pipeline build(PlanNode plan) {
        if (plan instanceof HashAggregate aggregate) {
            Chain chain = chain(aggregate.input());
            List<AggregateInput> aggregates = new ArrayList<>();
            for (AggregateCall call : aggregate.aggregates()) {
                aggregates.add(aggregateInput(call, chain.outputs()));
            }
            PipelineSink sink;
            if (aggregate.groupKeys().isEmpty()) {
                sink = new PipelineSink.UngroupedAggregation(aggregates, aggregate.fields());
            } else {
                List<Expr> keys = aggregate.groupKeys().stream().map(key -> chain.outputs().get(key)).toList();
                sink = new PipelineSink.GroupedAggregation(keys, aggregates, aggregate.fields());
            }
            return new Pipeline(chain.scan(), chain.conjuncts(), sink);
        }
        Chain chain = chain(plan);
        return new Pipeline(chain.scan(), chain.conjuncts(),
                new PipelineSink.Materialization(chain.outputs(), plan.fields()));
    }

    private static AggregateInput aggregateInput(AggregateCall call, List<Expr> inputs) {
        if (call.distinct()) {
            throw new UnsupportedOnGpuException(call.function() + "(DISTINCT ...) is not supported on the GPU yet");
        }
        switch (call.function()) {
            case COUNT, SUM, SUM0, MIN, MAX, ANY_VALUE -> {
            }
            case AVG, SINGLE_VALUE -> throw new UnsupportedOnGpuException(
                    "the aggregate " + call.function() + " is not supported on the GPU yet");
        }
        Expr argument = call.arguments().isEmpty() ? null : inputs.get(call.arguments().getFirst());
        Expr filter = call.filter() >= 0 ? inputs.get(call.filter()) : null;
        return new AggregateInput(call.function(), argument, filter, call.type());
    }

    private static Chain chain(PlanNode node) {
        return switch (node) {
            case Scan scan -> {
                List<Expr> outputs = new ArrayList<>();
                List<Field> fields = scan.fields();
                for (int i = 0; i < fields.size(); i++) {
                    outputs.add(new ColumnRef(i, fields.get(i).type(), fields.get(i).nullable()));
                }
                yield new Chain(scan, scan.filters(), outputs);
            }
            case Filter filter -> {
                Chain input = chain(filter.input());
                List<Expr> conjuncts = new ArrayList<>(input.conjuncts());
                conjuncts.add(ExpressionInliner.inline(filter.condition(), input.outputs()));
                yield new Chain(input.scan(), conjuncts, input.outputs());
            }
            case Project project -> {
                Chain input = chain(project.input());
                List<Expr> outputs = project.expressions().stream()
                        .map(expression -> ExpressionInliner.inline(expression, input.outputs())).toList();
                yield new Chain(input.scan(), input.conjuncts(), outputs);
            }
            case HashJoin join -> throw new UnsupportedOnGpuException(
                    "hash joins (" + join.kind() + ") are not supported on the GPU yet");
            case HashAggregate _ -> throw new UnsupportedOnGpuException(
                    "an aggregate below another operator (a pipeline over an aggregated result) is not supported on"
                            + " the GPU yet");
            case Sort _ -> throw new UnsupportedOnGpuException("ORDER BY (Sort) is not supported on the GPU yet");
            case TopN _ -> throw new UnsupportedOnGpuException(
                    "ORDER BY ... LIMIT (TopN) is not supported on the GPU yet");
            case Limit _ -> throw new UnsupportedOnGpuException("LIMIT is not supported on the GPU yet");
            case UnionAll _ -> throw new UnsupportedOnGpuException("UNION ALL is not supported on the GPU yet");
            case Values _ -> throw new UnsupportedOnGpuException(
                    "constant rows (VALUES) are not supported on the GPU yet");
        };
    }
}
