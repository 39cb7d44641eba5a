package dev.forge.plan;

import dev.forge.columnar.DataType;
import dev.forge.columnar.Field;
import dev.forge.plan.expr.Call;
import dev.forge.plan.expr.ColumnRef;
import dev.forge.plan.expr.Expr;
import dev.forge.plan.expr.Literal;
import dev.forge.plan.expr.Operator;
import java.util.List;

/**
 * Checks that a plan keeps the contract the executors rely on: every column reference is in range and has its field's
 * type, operators get the argument types {@link Operator} promises, join keys and union inputs line up, aggregates have
 * the types {@link AggregateCall} documents. The planner runs it on every plan it produces (cheap: linear in the plan),
 * so a front-end bug surfaces as an {@link InvalidPlanException} naming the operator, not as a wrong answer.
 */
public final class PlanValidator {
    private PlanValidator() {
    }

    public static PlanNode validate(PlanNode plan) {
        check(plan);
        return plan;
    }

    private static void check(PlanNode node) {
        for (PlanNode input : node.inputs()) {
            check(input);
        }
        switch (node) {
            case Scan scan -> {
                for (Expr filter : scan.filters()) {
                    expectBoolean(filter, scan.fields(), "scan filter of " + scan.table());
                }
            }
            case Filter filter -> expectBoolean(filter.condition(), filter.input().fields(), "filter");
            case Project project -> {
                for (Expr expression : project.expressions()) {
                    expression(expression, project.input().fields(), "project");
                }
            }
            case HashJoin join -> join(join);
            case HashAggregate aggregate -> aggregate(aggregate);
            case Sort sort -> sortKeys(sort.keys(), sort.input().fields(), "sort");
            case TopN topN -> sortKeys(topN.keys(), topN.input().fields(), "top-N");
            case Limit _ -> {
            }
            case UnionAll union -> union(union);
            case Values values -> {
                for (List<Literal> row : values.rows()) {
                    for (int i = 0; i < row.size(); i++) {
                        DataType expected = values.fields().get(i).type();
                        require(row.get(i).type().equals(expected), "values: literal " + row.get(i) + " in column "
                                + values.fields().get(i).name() + " is not " + expected);
                    }
                }
            }
        }
    }

    private static void join(HashJoin join) {
        List<Field> probe = join.probe().fields();
        List<Field> build = join.build().fields();
        for (JoinKey key : join.keys()) {
            require(key.probe() < probe.size() && key.build() < build.size(), "join key " + key + " is out of range ("
                    + probe.size() + " probe and " + build.size() + " build fields)");
            DataType probeType = probe.get(key.probe()).type();
            DataType buildType = build.get(key.build()).type();
            require(sameKeyType(probeType, buildType), "join key " + probe.get(key.probe()).name() + " = "
                    + build.get(key.build()).name() + " compares " + probeType + " with " + buildType);
        }
        if (join.residual() != null) {
            expectBoolean(join.residual(), join.residualInputFields(), "join residual");
        }
        if (join.keys().isEmpty() && join.kind() == JoinKind.MARK) {
            require(join.residual() != null, "a MARK join without keys needs a residual");
        }
    }

    private static boolean sameKeyType(DataType a, DataType b) {
        if (a instanceof DataType.Decimal x && b instanceof DataType.Decimal y) {
            return x.scale() == y.scale() && x.physicalType() == y.physicalType();
        }
        return a.equals(b);
    }

    private static void aggregate(HashAggregate aggregate) {
        List<Field> input = aggregate.input().fields();
        for (int key : aggregate.groupKeys()) {
            require(key >= 0 && key < input.size(), "group key " + key + " is out of range (" + input.size()
                    + " fields)");
        }
        for (AggregateCall call : aggregate.aggregates()) {
            for (int argument : call.arguments()) {
                require(argument >= 0 && argument < input.size(), call.name() + ": argument " + argument
                        + " is out of range (" + input.size() + " fields)");
            }
            if (call.filter() >= 0) {
                require(call.filter() < input.size() && input.get(call.filter()).type() instanceof DataType.Boolean,
                        call.name() + ": filter " + call.filter() + " is not a BOOLEAN field");
            }
            DataType argument = call.arguments().isEmpty() ? null : input.get(call.arguments().getFirst()).type();
            DataType result = call.type();
            switch (call.function()) {
                case COUNT -> require(result instanceof DataType.Int64, call.name() + ": COUNT gives INT64, not "
                        + result);
                case SUM, SUM0 -> require(isNumeric(argument) && sumTypeFits(argument, result), call.name() + ": "
                        + call.function() + " of " + argument + " cannot give " + result);
                case AVG -> require(isNumeric(argument) && (result instanceof DataType.Float64
                        || result instanceof DataType.Decimal), call.name() + ": AVG of " + argument
                        + " gives FLOAT64 or DECIMAL, not " + result);
                case MIN, MAX, SINGLE_VALUE, ANY_VALUE -> require(result.equals(argument), call.name() + ": "
                        + call.function() + " of " + argument + " cannot give " + result);
            }
        }
    }

    private static boolean sumTypeFits(DataType argument, DataType result) {
        return switch (argument) {
            case DataType.Int32 _, DataType.Int64 _ -> result instanceof DataType.Int64
                    || result instanceof DataType.Decimal decimal && decimal.scale() == 0;
            case DataType.Float32 _, DataType.Float64 _ -> result instanceof DataType.Float64
                    || result.equals(argument);
            case DataType.Decimal decimal -> result instanceof DataType.Decimal sum && sum.scale() == decimal.scale();
            default -> false;
        };
    }

    private static void sortKeys(List<SortKey> keys, List<Field> input, String where) {
        for (SortKey key : keys) {
            require(key.field() < input.size(), where + ": sort key " + key.field() + " is out of range ("
                    + input.size() + " fields)");
        }
    }

    private static void union(UnionAll union) {
        List<Field> first = union.inputs().getFirst().fields();
        for (PlanNode input : union.inputs()) {
            List<Field> fields = input.fields();
            require(fields.size() == first.size(), "union inputs have " + first.size() + " and " + fields.size()
                    + " fields");
            for (int i = 0; i < fields.size(); i++) {
                require(fields.get(i).type().equals(first.get(i).type()), "union column " + (i + 1) + " is "
                        + first.get(i).type() + " in one input and " + fields.get(i).type() + " in another");
            }
        }
    }

    private static void expectBoolean(Expr expression, List<Field> input, String where) {
        expression(expression, input, where);
        require(expression.type() instanceof DataType.Boolean, where + " is " + expression.type()
                + ", not BOOLEAN: " + PlanPrinter.expression(expression, input));
    }

    private static void expression(Expr expression, List<Field> input, String where) {
        switch (expression) {
            case ColumnRef ref -> {
                require(ref.index() < input.size(), where + ": column $" + ref.index() + " is out of range ("
                        + input.size() + " fields)");
                Field field = input.get(ref.index());
                require(field.type().equals(ref.type()), where + ": column " + field.name() + " is " + field.type()
                        + " but referenced as " + ref.type());
                require(ref.nullable() || !field.nullable(), where + ": nullable column " + field.name()
                        + " referenced as not nullable");
            }
            case Literal _ -> {
            }
            case Call call -> {
                for (Expr argument : call.arguments()) {
                    expression(argument, input, where);
                }
                String text = PlanPrinter.expression(call, input);
                require(call.operator().arity() < 0 || call.arguments().size() == call.operator().arity(), where
                        + ": " + call.operator() + " takes " + call.operator().arity() + " arguments: " + text);
                OperatorTyping.check(call, where + ": " + text);
            }
        }
    }

    private static boolean isNumeric(DataType type) {
        return OperatorTyping.isNumeric(type);
    }

    static void require(boolean condition, String message) {
        if (!condition) {
            throw new InvalidPlanException(message);
        }
    }
}
