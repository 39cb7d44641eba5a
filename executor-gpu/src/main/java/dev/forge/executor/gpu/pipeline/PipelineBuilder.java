package dev.forge.executor.gpu.pipeline;

import dev.forge.columnar.DataType;
import dev.forge.columnar.Field;
import dev.forge.executor.gpu.UnsupportedOnGpuException;
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
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a plan whose root is a pipeline breaker this slice runs on the GPU (a {@link HashAggregate}) or a chain of
 * Filter, Project and HashJoin (INNER, LEFT, SEMI, ANTI, probed on the probe side) over a Scan (materialised) into a
 * {@link Pipeline}, or says what it lacks. A join's build side becomes a pipeline of its own.
 */
public final class PipelineBuilder {
    private PipelineBuilder() {
    }

    /**
     * The rows a chain of Scan, Filter, Project and HashJoin (on its probe side) produces: the scan, its conjuncts, the
     * joins, each output field's expression, and how many pipeline fields there are so far (scan and build fields).
     */
    private record Chain(Scan scan, List<Expr> conjuncts, List<JoinStage> joins, List<Expr> outputs, int fieldCount) {
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
            return new Pipeline(chain.scan(), chain.conjuncts(), chain.joins(), sink);
        }
        Chain chain = chain(plan);
        return new Pipeline(chain.scan(), chain.conjuncts(), chain.joins(),
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

    /**
     * A join probed in the pipeline of its probe side. The build side becomes its own materialising pipeline (which may
     * probe joins of its own); its fields get the next pipeline field positions.
     */
    private static Chain join(HashJoin join) {
        switch (join.kind()) {
            case INNER, LEFT, SEMI, ANTI -> {
            }
            case RIGHT, FULL, MARK -> throw new UnsupportedOnGpuException(
                    "hash joins (" + join.kind() + ") are not supported on the GPU yet");
        }
        if (join.keys().isEmpty()) {
            throw new UnsupportedOnGpuException("joins without an equality key (nested loops, " + join.kind()
                    + ") are not supported on the GPU yet");
        }
        Chain probe = chain(join.probe());
        Pipeline build = build(join.build());
        if (!(build.sink() instanceof PipelineSink.Materialization)) {
            throw new UnsupportedOnGpuException("a join whose build side is an aggregate is not supported on the GPU"
                    + " yet");
        }
        List<Field> buildFields = join.build().fields();
        int first = probe.fieldCount();
        List<Expr> buildReferences = new ArrayList<>();
        for (int i = 0; i < buildFields.size(); i++) { // a LEFT join's build fields are NULL where nothing matched
            buildReferences.add(new ColumnRef(first + i, buildFields.get(i).type(),
                    buildFields.get(i).nullable() || join.kind() == JoinKind.LEFT));
        }
        List<Expr> probeKeys = new ArrayList<>();
        List<Integer> buildKeys = new ArrayList<>();
        List<Boolean> nullSafe = new ArrayList<>();
        for (JoinKey key : join.keys()) {
            DataType type = buildFields.get(key.build()).type();
            if (!isFixedWidthKey(type)) {
                throw new UnsupportedOnGpuException("join keys of type " + type + " are not supported on the GPU yet"
                        + " (integer, date, timestamp, boolean and DECIMAL(p <= 18) keys are)");
            }
            probeKeys.add(probe.outputs().get(key.probe()));
            buildKeys.add(key.build());
            nullSafe.add(key.nullSafe());
        }
        List<Expr> residualInputs = new ArrayList<>(probe.outputs());
        residualInputs.addAll(buildReferences);
        Expr residual = join.residual() == null ? null : ExpressionInliner.inline(join.residual(), residualInputs);
        List<JoinStage> joins = new ArrayList<>(probe.joins());
        joins.add(new JoinStage(join.kind(), build, probeKeys, buildKeys, nullSafe, residual, first, List.of()));
        List<Expr> outputs = join.kind().emitsBuildFields() ? residualInputs : probe.outputs();
        return new Chain(probe.scan(), probe.conjuncts(), joins, outputs, first + buildFields.size());
    }

    /** Key types whose values are one 64-bit word and equal exactly when their words are equal. */
    private static boolean isFixedWidthKey(DataType type) {
        return switch (type) {
            case DataType.Boolean _, DataType.Int32 _, DataType.Int64 _, DataType.Date _, DataType.Timestamp _ -> true;
            case DataType.Decimal decimal -> decimal.precision() <= DataType.MAX_INT64_DECIMAL_PRECISION;
            case DataType.Float32 _, DataType.Float64 _, DataType.Varchar _ -> false;
        };
    }

    private static Chain chain(PlanNode node) {
        return switch (node) {
            case Scan scan -> {
                List<Expr> outputs = new ArrayList<>();
                List<Field> fields = scan.fields();
                for (int i = 0; i < fields.size(); i++) {
                    outputs.add(new ColumnRef(i, fields.get(i).type(), fields.get(i).nullable()));
                }
                yield new Chain(scan, scan.filters(), List.of(), outputs, fields.size());
            }
            case Filter filter -> {
                Chain input = chain(filter.input());
                Expr condition = ExpressionInliner.inline(filter.condition(), input.outputs());
                if (!input.joins().isEmpty()) { // a filter over joined rows runs after the last join
                    List<JoinStage> joins = new ArrayList<>(input.joins());
                    joins.set(joins.size() - 1, joins.getLast().withConjunctAfter(condition));
                    yield new Chain(input.scan(), input.conjuncts(), joins, input.outputs(), input.fieldCount());
                }
                List<Expr> conjuncts = new ArrayList<>(input.conjuncts());
                conjuncts.add(condition);
                yield new Chain(input.scan(), conjuncts, input.joins(), input.outputs(), input.fieldCount());
            }
            case Project project -> {
                Chain input = chain(project.input());
                List<Expr> outputs = project.expressions().stream()
                        .map(expression -> ExpressionInliner.inline(expression, input.outputs())).toList();
                yield new Chain(input.scan(), input.conjuncts(), input.joins(), outputs, input.fieldCount());
            }
            case HashJoin join -> join(join);
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
