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
import java.util.stream.IntStream;

/**
 * Turns a plan whose root is a {@link HashAggregate} or a chain of Filter, Project and HashJoin (INNER, LEFT, SEMI,
 * ANTI, probed on the probe side; RIGHT as the LEFT join of the sides swapped) over a Scan (materialised) into a
 * {@link Pipeline}, or says what it lacks. A join's build side becomes a pipeline of its own; a build side that is a
 * single row (an ungrouped aggregate) is read as kernel parameters instead; an aggregate, sort or limit below the root
 * becomes an earlier stage (see {@link StagePlanner}) whose result the pipeline scans as a table. A grouped aggregate
 * under a Filter that the device can evaluate over its groups ({@link GroupFilter}) is that stage with its filter.
 */
final class PipelineBuilder {
    private final StagePlanner stages;

    PipelineBuilder(StagePlanner stages) {
        this.stages = stages;
    }

    /**
     * The rows a chain of Scan, Filter, Project and HashJoin (on its probe side) produces: the scan, its conjuncts, the
     * joins, the single rows read as parameters, each output field's expression, and how many pipeline fields there
     * are so far (scan, build and scalar fields).
     */
    private record Chain(Scan scan, List<Expr> conjuncts, List<JoinStage> joins, List<ScalarInput> scalars,
            List<Expr> outputs, int fieldCount) {
        Chain withOutputs(List<Expr> newOutputs) {
            return new Chain(scan, conjuncts, joins, scalars, newOutputs, fieldCount);
        }

        /** A filter over the chain's rows: a conjunct of the scan, or after the last join once there are joins. */
        Chain filtered(Expr condition) {
            if (!joins.isEmpty()) {
                List<JoinStage> newJoins = new ArrayList<>(joins);
                newJoins.set(newJoins.size() - 1, newJoins.getLast().withConjunctAfter(condition));
                return new Chain(scan, conjuncts, newJoins, scalars, outputs, fieldCount);
            }
            List<Expr> newConjuncts = new ArrayList<>(conjuncts);
            newConjuncts.add(condition);
            return new Chain(scan, newConjuncts, joins, scalars, outputs, fieldCount);
        }
    }

    /**
     * The pipeline of {@code plan}; for grouped aggregates, {@code top} (or null) tells which groups the host's TopN
     * over them can return.
     */
    Pipeline build(PlanNode plan, TopGroups top) {
        if (plan instanceof HashAggregate aggregate) {
            return aggregated(aggregate, null, top);
        }
        if (plan instanceof Filter filter && GroupFilter.evaluableOnGroups(filter)) {
            return aggregated((HashAggregate) filter.input(), filter.condition(), top);
        }
        return materialized(plan);
    }

    /** The pipeline of {@code aggregate}, keeping only the groups {@code having} selects when it is not null. */
    private Pipeline aggregated(HashAggregate aggregate, Expr having, TopGroups top) {
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
            sink = new PipelineSink.GroupedAggregation(keys, aggregates, aggregate.fields(), having, top);
        }
        return new Pipeline(chain.scan(), chain.conjuncts(), chain.joins(), chain.scalars(), sink);
    }

    private Pipeline materialized(PlanNode plan) {
        Chain chain = chain(plan);
        return new Pipeline(chain.scan(), chain.conjuncts(), chain.joins(), chain.scalars(),
                new PipelineSink.Materialization(chain.outputs(), plan.fields()));
    }

    private static AggregateInput aggregateInput(AggregateCall call, List<Expr> inputs) {
        if (call.distinct()) {
            throw new UnsupportedOnGpuException(call.function() + "(DISTINCT ...) is not supported on the GPU yet");
        }
        switch (call.function()) {
            case COUNT, SUM, SUM0, MIN, MAX, ANY_VALUE, SINGLE_VALUE -> {
            }
            case AVG -> throw new UnsupportedOnGpuException(
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
    private Chain join(HashJoin join) {
        switch (join.kind()) {
            case INNER, LEFT, SEMI, ANTI -> {
            }
            case RIGHT -> {
                return chain(JoinSwaps.rightAsLeft(join));
            }
            case FULL, MARK -> throw new UnsupportedOnGpuException(
                    "hash joins (" + join.kind() + ") are not supported on the GPU yet");
        }
        if (SingleRows.isSingleRow(join.build())) {
            return singleRowJoin(join);
        }
        if (join.kind() == JoinKind.INNER && SingleRows.isSingleRow(join.probe())) {
            return chain(JoinSwaps.innerSwapped(join));
        }
        if (join.keys().isEmpty()) {
            throw new UnsupportedOnGpuException("joins without an equality key (nested loops, " + join.kind()
                    + ") are not supported on the GPU yet, unless one side is a single row");
        }
        Chain probe = chain(join.probe());
        Pipeline build = materialized(join.build());
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
        return new Chain(probe.scan(), probe.conjuncts(), joins, probe.scalars(), outputs,
                first + buildFields.size());
    }

    /**
     * A join whose build side is exactly one row: that row runs as an earlier stage and is read as kernel parameters,
     * and the match condition (the keys' equalities and the residual) becomes a filter (INNER, SEMI), its negation
     * (ANTI: no match unless the condition is TRUE), or the choice between the row's values and NULL (LEFT).
     */
    private Chain singleRowJoin(HashJoin join) {
        Chain probe = chain(join.probe());
        int stage = stages.stage(join.build());
        List<Field> fields = join.build().fields();
        int first = probe.fieldCount();
        List<Expr> row = IntStream.range(0, fields.size()).<Expr>mapToObj(i -> new ColumnRef(first + i,
                fields.get(i).type(), fields.get(i).nullable())).toList();
        List<ScalarInput> scalars = new ArrayList<>(probe.scalars());
        scalars.add(new ScalarInput(stage, fields, first));
        Chain joined = new Chain(probe.scan(), probe.conjuncts(), probe.joins(), scalars, probe.outputs(),
                first + fields.size());
        List<Expr> both = new ArrayList<>(probe.outputs());
        both.addAll(row);
        Expr condition = SingleRows.matchCondition(join, probe.outputs(), row, both);
        return switch (join.kind()) {
            case INNER -> (condition == null ? joined : joined.filtered(condition)).withOutputs(both);
            case SEMI -> condition == null ? joined : joined.filtered(condition);
            case ANTI -> joined.filtered(SingleRows.noMatch(condition));
            case LEFT -> joined.withOutputs(SingleRows.leftOutputs(probe.outputs(), row, condition));
            case RIGHT, FULL, MARK -> throw new IllegalStateException(join.kind() + " joins are rewritten or refused"
                    + " before this point");
        };
    }

    /** Key types whose values are one 64-bit word and equal exactly when their words are equal. */
    private static boolean isFixedWidthKey(DataType type) {
        return switch (type) {
            case DataType.Boolean _, DataType.Int32 _, DataType.Int64 _, DataType.Date _, DataType.Timestamp _ -> true;
            case DataType.Decimal decimal -> decimal.precision() <= DataType.MAX_INT64_DECIMAL_PRECISION;
            case DataType.Float32 _, DataType.Float64 _, DataType.Varchar _ -> false;
        };
    }

    private Chain chain(PlanNode node) {
        return switch (node) {
            case Scan scan -> {
                List<Expr> outputs = new ArrayList<>();
                List<Field> fields = scan.fields();
                for (int i = 0; i < fields.size(); i++) {
                    outputs.add(new ColumnRef(i, fields.get(i).type(), fields.get(i).nullable()));
                }
                yield new Chain(scan, scan.filters(), List.of(), List.of(), outputs, fields.size());
            }
            case Filter filter when GroupFilter.evaluableOnGroups(filter) -> stageScan(filter); // HAVING on the device
            case Filter filter -> {
                Chain input = chain(filter.input());
                yield input.filtered(ExpressionInliner.inline(filter.condition(), input.outputs()));
            }
            case Project project -> {
                Chain input = chain(project.input());
                yield input.withOutputs(project.expressions().stream()
                        .map(expression -> ExpressionInliner.inline(expression, input.outputs())).toList());
            }
            case HashJoin join -> join(join);
            case HashAggregate _, Sort _, TopN _, Limit _, UnionAll _ -> stageScan(node);
            case Values _ -> throw new UnsupportedOnGpuException(
                    "constant rows (VALUES) are not supported on the GPU yet");
        };
    }

    /**
     * Rows an earlier stage computes (an aggregate, rows the host sorted or cut, a union), scanned from its result
     * table.
     */
    private Chain stageScan(PlanNode node) {
        int stage = stages.stage(node);
        List<Field> fields = node.fields();
        Scan scan = new Scan(Stage.tableName(stage), IntStream.range(0, fields.size()).boxed().toList(),
                GpuPlan.uniqueNames(fields), List.of());
        return chain(scan);
    }
}
