package dev.forge.executor.gpu.codegen;

import dev.forge.columnar.DataType;
import dev.forge.executor.gpu.UnsupportedOnGpuException;
import dev.forge.plan.expr.Call;
import dev.forge.plan.expr.Operator;
import java.util.List;

/**
 * +, -, *, /, MOD, unary minus and ABS. Integers: exact, overflow and division by zero are errors, division truncates.
 * Floats: IEEE in double (FLOAT32 rounds the double result), division by zero is an error. Decimals: exact in 128
 * bits, each operand at its own scale, the result rounded half away from zero to the result's scale and checked
 * against its precision; an intermediate that could leave 128 bits is reported, and the CPU answers instead.
 */
final class ArithmeticGenerator {
    private ArithmeticGenerator() {
    }

    static GeneratedValue generate(Call call, ExpressionGenerator context) {
        List<GeneratedValue> arguments = context.generateAll(call.arguments());
        DataType type = call.type();
        CodeWriter writer = context.writer();
        String valid = ExpressionGenerator.allValid(arguments);
        String flag = context.overflowFlag();
        String value = switch (type) {
            case DataType.Int32 _, DataType.Int64 _ -> integer(call.operator(), arguments, type, flag, writer);
            case DataType.Float32 _, DataType.Float64 _ -> floating(call.operator(), arguments, type, flag, writer);
            case DataType.Decimal decimal -> decimal(call.operator(), arguments, decimal, flag, writer);
            default -> throw new UnsupportedOnGpuException(call.operator().symbol() + " giving " + type
                    + " is not supported on the GPU");
        };
        return new GeneratedValue(value, valid, ExpressionGenerator.errorOf(arguments, valid, flag), type);
    }

    private static String integer(Operator operator, List<GeneratedValue> arguments, DataType type, String flag,
            CodeWriter writer) {
        String a = "(i64)" + arguments.get(0).value();
        String b = arguments.size() > 1 ? "(i64)" + arguments.get(1).value() : null;
        String wide = switch (operator) {
            case ADD -> "forge_add_i64(" + a + ", " + b + ", " + flag + ")";
            case SUBTRACT -> "forge_sub_i64(" + a + ", " + b + ", " + flag + ")";
            case MULTIPLY -> "forge_mul_i64(" + a + ", " + b + ", " + flag + ")";
            case DIVIDE -> "forge_div_i64(" + a + ", " + b + ", " + flag + ")";
            case MOD -> "forge_mod_i64(" + a + ", " + b + ", " + flag + ")";
            case NEGATE -> "forge_sub_i64(0, " + a + ", " + flag + ")";
            case ABS -> "(" + a + " < 0 ? forge_sub_i64(0, " + a + ", " + flag + ") : " + a + ")";
            default -> throw new IllegalArgumentException(operator + " is not arithmetic");
        };
        String result = writer.declare("i64", "v", wide);
        if (type instanceof DataType.Int32) {
            return writer.declare("int", "v", "forge_narrow_i32(" + result + ", " + flag + ")");
        }
        return result;
    }

    private static String floating(Operator operator, List<GeneratedValue> arguments, DataType type, String flag,
            CodeWriter writer) {
        String a = "(double)" + arguments.get(0).value();
        String b = arguments.size() > 1 ? "(double)" + arguments.get(1).value() : null;
        if (operator == Operator.DIVIDE || operator == Operator.MOD) {
            writer.line(flag + " = " + b + " == 0.0;");
        }
        String wide = switch (operator) {
            case ADD -> a + " + " + b;
            case SUBTRACT -> a + " - " + b;
            case MULTIPLY -> a + " * " + b;
            case DIVIDE -> "(" + flag + " ? 0.0 : " + a + " / " + b + ")";
            case MOD -> "(" + flag + " ? 0.0 : fmod(" + a + ", " + b + "))";
            case NEGATE -> "-" + a;
            case ABS -> "fabs(" + a + ")";
            default -> throw new IllegalArgumentException(operator + " is not arithmetic");
        };
        return writer.declare(CudaTypes.register(type), "v", "(" + CudaTypes.register(type) + ")(" + wide + ")");
    }

    private static String decimal(Operator operator, List<GeneratedValue> arguments, DataType.Decimal result,
            String flag, CodeWriter writer) {
        GeneratedValue left = arguments.get(0);
        int leftScale = requireDecimal(left).scale();
        String a = left.value();
        String unscaled = switch (operator) {
            case NEGATE -> "forge_rescale(-" + a + ", " + leftScale + ", " + result.scale() + ", " + flag + ")";
            case ABS -> "forge_rescale(" + a + " < 0 ? -" + a + " : " + a + ", " + leftScale + ", " + result.scale()
                    + ", " + flag + ")";
            case ADD, SUBTRACT -> {
                GeneratedValue right = arguments.get(1);
                int rightScale = requireDecimal(right).scale();
                int common = Math.max(leftScale, rightScale);
                String p = writer.declare("i128", "d", "forge_rescale(" + a + ", " + leftScale + ", " + common + ", "
                        + flag + ")");
                String q = writer.declare("i128", "d", "forge_rescale(" + right.value() + ", " + rightScale + ", "
                        + common + ", " + flag + ")");
                String sum = writer.declare("i128", "d", "forge_add_i128(" + p + ", "
                        + (operator == Operator.ADD ? q : "-" + q) + ", " + flag + ")");
                yield "forge_rescale(" + sum + ", " + common + ", " + result.scale() + ", " + flag + ")";
            }
            case MULTIPLY -> {
                GeneratedValue right = arguments.get(1);
                int rightScale = requireDecimal(right).scale();
                String product = writer.declare("i128", "d", "forge_mul_i128(" + a + ", " + right.value() + ", " + flag
                        + ")");
                yield "forge_rescale(" + product + ", " + (leftScale + rightScale) + ", " + result.scale() + ", " + flag
                        + ")";
            }
            case DIVIDE -> {
                GeneratedValue right = arguments.get(1);
                int rightScale = requireDecimal(right).scale();
                String divisor = right.value();
                writer.line(flag + " |= " + divisor + " == 0;");
                String safeDivisor = writer.declare("i128", "d", divisor + " == 0 ? (i128)1 : " + divisor);
                // value = (a / 10^s1) / (b / 10^s2); its unscaled form at scale s is a * 10^(s + s2 - s1) / b
                int exponent = result.scale() + rightScale - leftScale;
                if (exponent >= 0) {
                    String numerator = writer.declare("i128", "d", "forge_scale_up(" + a + ", " + exponent + ", " + flag
                            + ")");
                    yield "forge_divide_rounded(" + numerator + ", " + safeDivisor + ")";
                }
                String denominator = writer.declare("i128", "d", "forge_scale_up(" + safeDivisor + ", " + (-exponent)
                        + ", " + flag + ")");
                yield "forge_divide_rounded(" + a + ", " + denominator + ")";
            }
            case MOD -> throw new UnsupportedOnGpuException("MOD of decimals is not supported on the GPU yet");
            default -> throw new IllegalArgumentException(operator + " is not arithmetic");
        };
        String rounded = writer.declare("i128", "d", unscaled);
        return writer.declare("i128", "v", "forge_check_precision(" + rounded + ", " + result.precision() + ", " + flag
                + ")");
    }

    private static DataType.Decimal requireDecimal(GeneratedValue value) {
        if (value.type() instanceof DataType.Decimal decimal) {
            return decimal;
        }
        throw new UnsupportedOnGpuException("decimal arithmetic with a " + value.type() + " operand is not supported on"
                + " the GPU (the planner casts operands to decimals)");
    }
}
