package dev.forge.executor.gpu.codegen;

import dev.forge.columnar.DataType;
import dev.forge.executor.gpu.UnsupportedOnGpuException;
import dev.forge.plan.expr.Call;
import dev.forge.plan.expr.Expr;
import dev.forge.plan.expr.Literal;
import dev.forge.plan.expr.Operator;
import java.util.List;

/**
 * =, <>, <, <=, >, >=, IS [NOT] DISTINCT FROM. Decimals compare by value across scales; floats with NaN equal to NaN
 * and above everything, -0.0 = 0.0. A VARCHAR column compares with a literal through its sorted dictionary: the
 * literal becomes the range of codes [lower, upper) whose strings equal it, bound per table at launch.
 */
final class ComparisonGenerator {
    private ComparisonGenerator() {
    }

    static GeneratedValue generate(Call call, ExpressionGenerator context) {
        Expr left = call.argument(0);
        Expr right = call.argument(1);
        if (left.type() instanceof DataType.Varchar) {
            return dictionary(call.operator(), left, right, context);
        }
        List<GeneratedValue> arguments = context.generateAll(call.arguments());
        CodeWriter writer = context.writer();
        GeneratedValue a = arguments.get(0);
        GeneratedValue b = arguments.get(1);
        String flag = GeneratedValue.FALSE;
        String order;
        if (a.type() instanceof DataType.Decimal leftType && b.type() instanceof DataType.Decimal rightType) {
            int common = Math.max(leftType.scale(), rightType.scale());
            flag = context.overflowFlag();
            String p = writer.declare("i128", "d", "forge_rescale(" + a.value() + ", " + leftType.scale() + ", " + common
                    + ", " + flag + ")");
            String q = writer.declare("i128", "d", "forge_rescale(" + b.value() + ", " + rightType.scale() + ", "
                    + common + ", " + flag + ")");
            order = writer.declare("int", "c", "(" + p + " > " + q + ") - (" + p + " < " + q + ")");
        } else if (CudaTypes.isFloat(a.type())) {
            order = writer.declare("int", "c", "forge_compare_double((double)" + a.value() + ", (double)" + b.value()
                    + ")");
        } else {
            order = writer.declare("int", "c", "((i64)" + a.value() + " > (i64)" + b.value() + ") - ((i64)" + a.value()
                    + " < (i64)" + b.value() + ")");
        }
        String valid = ExpressionGenerator.allValid(arguments);
        String error = ExpressionGenerator.errorOf(arguments, valid, flag);
        return switch (call.operator()) {
            case IS_DISTINCT_FROM, IS_NOT_DISTINCT_FROM -> {
                String distinct = "(" + a.valid() + " != " + b.valid() + " || (" + valid + " && " + order + " != 0))";
                String value = call.operator() == Operator.IS_DISTINCT_FROM ? distinct : "!" + distinct;
                yield new GeneratedValue(writer.declare("bool", "b", value), GeneratedValue.TRUE, error,
                        DataType.BOOLEAN);
            }
            default -> new GeneratedValue(writer.declare("bool", "b", order + " " + symbol(call.operator()) + " 0"),
                    valid, error, DataType.BOOLEAN);
        };
    }

    private static String symbol(Operator operator) {
        return switch (operator) {
            case EQUALS -> "==";
            case NOT_EQUALS -> "!=";
            case LESS_THAN -> "<";
            case LESS_THAN_OR_EQUAL -> "<=";
            case GREATER_THAN -> ">";
            case GREATER_THAN_OR_EQUAL -> ">=";
            default -> throw new IllegalArgumentException(operator + " is not an ordering comparison");
        };
    }

    private static GeneratedValue dictionary(Operator operator, Expr left, Expr right, ExpressionGenerator context) {
        if (left instanceof Literal && !(right instanceof Literal)) {
            return dictionary(mirror(operator), right, left, context);
        }
        if (!(right instanceof Literal literal)) {
            throw new UnsupportedOnGpuException("comparing two string expressions is not supported on the GPU yet");
        }
        Expr strings = context.dictionaryOf(left, "a comparison");
        GeneratedValue code = context.generate(left);
        CodeWriter writer = context.writer();
        if (literal.isNull()) {
            boolean distinctTest = operator == Operator.IS_DISTINCT_FROM || operator == Operator.IS_NOT_DISTINCT_FROM;
            if (!distinctTest) {
                return new GeneratedValue("false", GeneratedValue.FALSE, GeneratedValue.FALSE, DataType.BOOLEAN);
            }
            String isNull = "!" + code.valid();
            return new GeneratedValue(operator == Operator.IS_NOT_DISTINCT_FROM ? isNull : "!" + isNull,
                    GeneratedValue.TRUE, GeneratedValue.FALSE, DataType.BOOLEAN);
        }
        String[] range = dictionaryRange(strings, (String) literal.value(), context);
        String lower = range[0];
        String upper = range[1];
        String c = code.value();
        String equal = "(" + c + " >= " + lower + " && " + c + " < " + upper + ")";
        String value = switch (operator) {
            case EQUALS -> equal;
            case NOT_EQUALS -> "!" + equal;
            case LESS_THAN -> c + " < " + lower;
            case LESS_THAN_OR_EQUAL -> c + " < " + upper;
            case GREATER_THAN -> c + " >= " + upper;
            case GREATER_THAN_OR_EQUAL -> c + " >= " + lower;
            case IS_NOT_DISTINCT_FROM -> CodeWriter.and(code.valid(), equal);
            case IS_DISTINCT_FROM -> "!" + CodeWriter.and(code.valid(), equal);
            default -> throw new IllegalArgumentException(operator + " is not a comparison");
        };
        boolean distinctTest = operator == Operator.IS_DISTINCT_FROM || operator == Operator.IS_NOT_DISTINCT_FROM;
        return new GeneratedValue(writer.declare("bool", "b", value), distinctTest ? GeneratedValue.TRUE : code.valid(),
                GeneratedValue.FALSE, DataType.BOOLEAN);
    }

    /** The parameters {lower, upper} of the codes equal to {@code text} in the dictionary of {@code strings}. */
    static String[] dictionaryRange(Expr strings, String text, ExpressionGenerator context) {
        String name = context.parameters().literalName();
        context.parameters().add(new KernelParameter.DictionaryBound(name + "_lower", strings, text, false));
        context.parameters().add(new KernelParameter.DictionaryBound(name + "_upper", strings, text, true));
        return new String[] {name + "_lower", name + "_upper"};
    }

    private static Operator mirror(Operator operator) {
        return switch (operator) {
            case LESS_THAN -> Operator.GREATER_THAN;
            case LESS_THAN_OR_EQUAL -> Operator.GREATER_THAN_OR_EQUAL;
            case GREATER_THAN -> Operator.LESS_THAN;
            case GREATER_THAN_OR_EQUAL -> Operator.LESS_THAN_OR_EQUAL;
            default -> operator;
        };
    }
}
