package dev.forge.executor.gpu.codegen;

import dev.forge.columnar.DataType;
import dev.forge.executor.gpu.UnsupportedOnGpuException;
import dev.forge.plan.expr.Call;
import java.util.List;

/**
 * CAST between numbers, dates and timestamps: decimals and floats round half away from zero, a value out of the
 * target's range is an error, DATE to TIMESTAMP is midnight, TIMESTAMP to DATE drops the time of day. A decimal becomes
 * a float exactly as on the CPU where that is one rounding; a decimal too large for that raises the error flag, so the
 * CPU runs the query. Casts to and from VARCHAR and BOOLEAN, and float to decimal, stay on the CPU for now.
 */
final class CastGenerator {
    private CastGenerator() {
    }

    static GeneratedValue generate(Call call, ExpressionGenerator context) {
        GeneratedValue operand = context.generate(call.argument(0));
        DataType from = operand.type();
        DataType to = call.type();
        if (from.equals(to)) {
            return operand;
        }
        CodeWriter writer = context.writer();
        String flag = context.overflowFlag();
        String v = operand.value();
        String value = switch (to) {
            case DataType.Int32 _, DataType.Int64 _ -> {
                String wide = switch (from) {
                    case DataType.Int32 _, DataType.Int64 _ -> "(i64)" + v;
                    case DataType.Decimal decimal -> "forge_narrow_i64(forge_rescale(" + v + ", " + decimal.scale()
                            + ", 0, " + flag + "), " + flag + ")";
                    case DataType.Float32 _, DataType.Float64 _ -> "forge_double_to_i64((double)" + v + ", " + flag
                            + ")";
                    default -> throw unsupported(from, to);
                };
                yield to instanceof DataType.Int32 ? "forge_narrow_i32(" + wide + ", " + flag + ")" : wide;
            }
            case DataType.Float32 _, DataType.Float64 _ -> {
                String wide = switch (from) {
                    // an integer rounds once, straight to the target (through double it could round twice)
                    case DataType.Int32 _, DataType.Int64 _ -> "(" + CudaTypes.register(to) + ")" + v;
                    case DataType.Float32 _, DataType.Float64 _ -> "(double)" + v;
                    case DataType.Decimal decimal -> (to instanceof DataType.Float32 ? "forge_decimal_to_float("
                            : "forge_decimal_to_double(") + v + ", " + decimal.scale() + ", " + flag + ")";
                    default -> throw unsupported(from, to);
                };
                yield "(" + CudaTypes.register(to) + ")" + wide;
            }
            case DataType.Decimal decimal -> {
                String unscaled = switch (from) {
                    case DataType.Int32 _, DataType.Int64 _ -> "forge_scale_up((i128)" + v + ", " + decimal.scale() + ", "
                            + flag + ")";
                    case DataType.Decimal source -> "forge_rescale(" + v + ", " + source.scale() + ", "
                            + decimal.scale() + ", " + flag + ")";
                    default -> throw unsupported(from, to);
                };
                yield "forge_check_precision(" + unscaled + ", " + decimal.precision() + ", " + flag + ")";
            }
            case DataType.Timestamp _ -> {
                if (!(from instanceof DataType.Date)) {
                    throw unsupported(from, to);
                }
                yield "(i64)" + v + " * FORGE_MICROS_PER_DAY";
            }
            case DataType.Date _ -> {
                if (!(from instanceof DataType.Timestamp)) {
                    throw unsupported(from, to);
                }
                yield "(int)forge_floor_div(" + v + ", FORGE_MICROS_PER_DAY)";
            }
            default -> throw unsupported(from, to);
        };
        String result = writer.declare(CudaTypes.register(to), "v", value);
        List<GeneratedValue> arguments = List.of(operand);
        return new GeneratedValue(result, operand.valid(),
                ExpressionGenerator.errorOf(arguments, operand.valid(), flag), to);
    }

    private static UnsupportedOnGpuException unsupported(DataType from, DataType to) {
        return new UnsupportedOnGpuException("CAST from " + from + " to " + to + " is not supported on the GPU yet");
    }
}
