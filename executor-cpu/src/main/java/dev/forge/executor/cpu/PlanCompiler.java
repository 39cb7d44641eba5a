package dev.forge.executor.cpu;

import dev.forge.columnar.Field;
import dev.forge.executor.cpu.expression.Evaluator;
import dev.forge.executor.cpu.expression.ExpressionCompiler;
import dev.forge.executor.cpu.expression.LiteralVectors;
import dev.forge.executor.cpu.operator.FilterSource;
import dev.forge.executor.cpu.operator.HashAggregateOperator;
import dev.forge.executor.cpu.operator.HashJoinOperator;
import dev.forge.executor.cpu.operator.LimitOperator;
import dev.forge.executor.cpu.operator.MaterializedSource;
import dev.forge.executor.cpu.operator.MorselSource;
import dev.forge.executor.cpu.operator.ProjectSource;
import dev.forge.executor.cpu.operator.QueryContext;
import dev.forge.executor.cpu.operator.ScanSource;
import dev.forge.executor.cpu.operator.SortOperator;
import dev.forge.executor.cpu.operator.TopNOperator;
import dev.forge.executor.cpu.operator.UnionSource;
import dev.forge.executor.cpu.vector.Batch;
import dev.forge.executor.cpu.vector.MaterializedBatch;
import dev.forge.executor.cpu.vector.Vector;
import dev.forge.executor.cpu.vector.VectorKind;
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
import dev.forge.plan.expr.Expr;
import dev.forge.plan.expr.Literal;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a plan into {@link MorselSource}s, bottom up. Streaming operators (scan, filter, project, join probe, union)
 * become wrappers evaluated per morsel later; pipeline breakers (join build, aggregation, sort, top-N, limit) run
 * here, on all workers, as soon as their input is compiled.
 */
final class PlanCompiler {
    private final QueryContext context;

    PlanCompiler(QueryContext context) {
        this.context = context;
    }

    MorselSource compile(PlanNode node) {
        context.checkCancelled();
        return switch (node) {
            case Scan scan -> new ScanSource(scan, context);
            case Filter filter -> new FilterSource(compile(filter.input()),
                    ExpressionCompiler.compile(filter.condition(), filter.input().fields()));
            case Project project -> {
                ExpressionCompiler compiler = new ExpressionCompiler(project.input().fields());
                List<Evaluator> expressions = new ArrayList<>();
                for (Expr expression : project.expressions()) {
                    expressions.add(compiler.compile(expression));
                }
                yield new ProjectSource(compile(project.input()), expressions);
            }
            case HashJoin join -> {
                MorselSource build = compile(join.build());
                yield HashJoinOperator.run(join, compile(join.probe()), build, context);
            }
            case HashAggregate aggregate -> HashAggregateOperator.run(aggregate, compile(aggregate.input()), context);
            case Sort sort -> SortOperator.run(compile(sort.input()), sort.input().fields(), sort.keys(), context);
            case TopN topN -> TopNOperator.run(compile(topN.input()), topN.input().fields(), topN.keys(),
                    topN.offset(), topN.limit(), context);
            case Limit limit -> LimitOperator.run(compile(limit.input()), limit.offset(), limit.limit(), context);
            case UnionAll union -> {
                List<MorselSource> inputs = new ArrayList<>();
                for (PlanNode input : union.inputs()) {
                    inputs.add(compile(input));
                }
                yield new UnionSource(inputs);
            }
            case Values values -> values(values);
        };
    }

    private static MorselSource values(Values values) {
        List<Field> fields = values.fields();
        int rows = values.rows().size();
        if (rows == 0) {
            return new MaterializedSource(List.of(), fields.size());
        }
        Vector[] columns = new Vector[fields.size()];
        for (int c = 0; c < columns.length; c++) {
            List<Literal> column = new ArrayList<>(rows);
            for (List<Literal> row : values.rows()) {
                column.add(row.get(c));
            }
            columns[c] = LiteralVectors.of(column, VectorKind.of(fields.get(c).type()));
        }
        List<Batch> batches = List.of(new MaterializedBatch(columns, rows));
        return new MaterializedSource(batches, fields.size());
    }
}
