package dev.forge.executor.cpu.expression;

import dev.forge.columnar.DataType;
import dev.forge.columnar.Field;
import dev.forge.executor.cpu.vector.VectorKind;
import dev.forge.plan.PlanPrinter;
import dev.forge.plan.expr.Call;
import dev.forge.plan.expr.ColumnRef;
import dev.forge.plan.expr.Expr;
import dev.forge.plan.expr.Literal;
import dev.forge.plan.expr.Operator;
import java.util.ArrayList;
import java.util.List;

/** Turns a plan expression into a tree of {@link Evaluator}s, once per query. */
public final class ExpressionCompiler {
    private final List<Field> inputFields;

    public ExpressionCompiler(List<Field> inputFields) {
        this.inputFields = List.copyOf(inputFields);
    }

    public static Evaluator compile(Expr expression, List<Field> inputFields) {
        return new ExpressionCompiler(inputFields).compile(expression);
    }

    public Evaluator compile(Expr expression) {
        return switch (expression) {
            case ColumnRef ref -> new ColumnEvaluator(ref.index());
            case Literal literal -> new LiteralEvaluator(literal);
            case Call call -> call(call);
        };
    }

    private List<Evaluator> compileAll(List<Expr> expressions) {
        List<Evaluator> evaluators = new ArrayList<>(expressions.size());
        for (Expr expression : expressions) {
            evaluators.add(compile(expression));
        }
        return evaluators;
    }

    private String text(Call call) {
        return PlanPrinter.expression(call, inputFields);
    }

    private Evaluator call(Call call) {
        List<Expr> arguments = call.arguments();
        DataType type = call.type();
        Operator operator = call.operator();
        return switch (operator) {
            case ADD, SUBTRACT, MULTIPLY, DIVIDE, MOD -> arithmetic(call);
            case NEGATE, ABS -> {
                Evaluator argument = compile(arguments.getFirst());
                if (type instanceof DataType.Decimal decimal) {
                    yield new DecimalArithmeticEvaluator(operator, argument, scale(arguments.getFirst().type()), null,
                            0, decimal, text(call));
                }
                yield new UnaryArithmeticEvaluator(operator == Operator.NEGATE, argument,
                        type instanceof DataType.Int32, text(call));
            }
            case EQUALS, NOT_EQUALS, LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL,
                 IS_DISTINCT_FROM, IS_NOT_DISTINCT_FROM -> comparison(call);
            case AND, OR -> new ConnectiveEvaluator(operator == Operator.AND, compileAll(arguments));
            case NOT -> new NotEvaluator(compile(arguments.getFirst()));
            case IS_NULL, IS_NOT_NULL, IS_TRUE, IS_NOT_TRUE, IS_FALSE, IS_NOT_FALSE ->
                    new TestEvaluator(operator, compile(arguments.getFirst()));
            case CASE -> {
                List<Evaluator> conditions = new ArrayList<>();
                List<Evaluator> values = new ArrayList<>();
                for (int i = 0; i + 1 < arguments.size(); i += 2) {
                    conditions.add(compile(arguments.get(i)));
                    values.add(compile(arguments.get(i + 1)));
                }
                yield new CaseEvaluator(conditions, values, compile(arguments.getLast()), VectorKind.of(type));
            }
            case COALESCE -> new CoalesceEvaluator(compileAll(arguments), VectorKind.of(type));
            case IN -> {
                List<Literal> list = new ArrayList<>();
                for (Expr item : arguments.subList(1, arguments.size())) {
                    list.add((Literal) item);
                }
                yield new InEvaluator(compile(arguments.getFirst()), arguments.getFirst().type(), list);
            }
            case LIKE -> {
                String pattern = (String) ((Literal) arguments.get(1)).value();
                String escape = arguments.size() > 2 ? (String) ((Literal) arguments.get(2)).value() : null;
                if (pattern == null || arguments.size() > 2 && escape == null) {
                    yield new LiteralEvaluator(Literal.nullOf(DataType.BOOLEAN));
                }
                yield new LikeEvaluator(compile(arguments.getFirst()), LikePattern.compile(pattern, escape));
            }
            case SUBSTRING -> new SubstringEvaluator(compile(arguments.get(0)), compile(arguments.get(1)),
                    arguments.size() > 2 ? compile(arguments.get(2)) : null, text(call));
            case CONCAT -> new StringFunctionEvaluator(operator, compile(arguments.get(0)), compile(arguments.get(1)));
            case UPPER, LOWER, TRIM, CHAR_LENGTH ->
                    new StringFunctionEvaluator(operator, compile(arguments.getFirst()), null);
            case EXTRACT_YEAR, EXTRACT_QUARTER, EXTRACT_MONTH, EXTRACT_DAY, EXTRACT_DAY_OF_WEEK, EXTRACT_DAY_OF_YEAR,
                 EXTRACT_HOUR, EXTRACT_MINUTE, EXTRACT_SECOND -> new ExtractEvaluator(operator,
                    compile(arguments.getFirst()), arguments.getFirst().type() instanceof DataType.Timestamp);
            case ADD_DAYS, ADD_MONTHS, ADD_MICROS, SUBTRACT_DATES -> new DateArithmeticEvaluator(operator,
                    compile(arguments.get(0)), compile(arguments.get(1)),
                    arguments.get(0).type() instanceof DataType.Timestamp, text(call));
            case CAST -> new CastEvaluator(compile(arguments.getFirst()), arguments.getFirst().type(), type);
        };
    }

    private Evaluator arithmetic(Call call) {
        Expr left = call.argument(0);
        Expr right = call.argument(1);
        return switch (call.type()) {
            case DataType.Decimal decimal -> new DecimalArithmeticEvaluator(call.operator(), compile(left),
                    scale(left.type()), compile(right), scale(right.type()), decimal, text(call));
            case DataType.Float32 _, DataType.Float64 _ -> new FloatArithmeticEvaluator(call.operator(), compile(left),
                    compile(right), call.type() instanceof DataType.Float32, text(call));
            case DataType.Int32 _, DataType.Int64 _ -> new IntegerArithmeticEvaluator(call.operator(), compile(left),
                    compile(right), call.type() instanceof DataType.Int32, text(call));
            default -> throw new IllegalArgumentException("arithmetic giving " + call.type() + ": " + text(call));
        };
    }

    private Evaluator comparison(Call call) {
        Expr left = call.argument(0);
        Expr right = call.argument(1);
        Operator operator = call.operator();
        // A literal goes on the right, so string comparisons can place it once per dictionary.
        if (left instanceof Literal && !(right instanceof Literal)) {
            Expr swap = left;
            left = right;
            right = swap;
            operator = flipped(operator);
        }
        String stringLiteral = right instanceof Literal literal && literal.value() instanceof String text ? text : null;
        return new ComparisonEvaluator(operator, compile(left), compile(right), left.type(), right.type(),
                stringLiteral);
    }

    private static Operator flipped(Operator operator) {
        return switch (operator) {
            case LESS_THAN -> Operator.GREATER_THAN;
            case LESS_THAN_OR_EQUAL -> Operator.GREATER_THAN_OR_EQUAL;
            case GREATER_THAN -> Operator.LESS_THAN;
            case GREATER_THAN_OR_EQUAL -> Operator.LESS_THAN_OR_EQUAL;
            default -> operator;
        };
    }

    private static int scale(DataType type) {
        return type instanceof DataType.Decimal decimal ? decimal.scale() : 0;
    }
}
