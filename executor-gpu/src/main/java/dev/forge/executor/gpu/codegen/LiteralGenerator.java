package dev.forge.executor.gpu.codegen;

import dev.forge.columnar.DataType;
import dev.forge.executor.gpu.UnsupportedOnGpuException;
import dev.forge.plan.expr.Literal;

/**
 * A literal becomes a kernel parameter (never text in the source, so other constants reuse the compiled kernel); a
 * NULL literal is part of the plan's structure and becomes a NULL constant.
 */
final class LiteralGenerator {
    private LiteralGenerator() {
    }

    static GeneratedValue generate(Literal literal, ExpressionGenerator context) {
        DataType type = literal.type();
        if (type instanceof DataType.Varchar) {
            throw new UnsupportedOnGpuException("string literals outside a comparison with a column are not supported"
                    + " on the GPU yet");
        }
        if (literal.isNull()) {
            return new GeneratedValue("((" + CudaTypes.register(type) + ")0)", GeneratedValue.FALSE,
                    GeneratedValue.FALSE, type);
        }
        ParameterList parameters = context.parameters();
        String name = parameters.literalName();
        String value = switch (type) {
            case DataType.Boolean _ -> {
                parameters.add(new KernelParameter.LiteralValue(name, "int", literal, 0));
                yield "(" + name + " != 0)";
            }
            case DataType.Decimal _ -> {
                parameters.add(new KernelParameter.LiteralValue(name + "_low", "i64", literal, 0));
                parameters.add(new KernelParameter.LiteralValue(name + "_high", "i64", literal, 1));
                yield "((i128)(((u128)(u64)" + name + "_high << 64) | (u128)(u64)" + name + "_low))";
            }
            default -> {
                parameters.add(new KernelParameter.LiteralValue(name, CudaTypes.register(type), literal, 0));
                yield name;
            }
        };
        return new GeneratedValue(value, GeneratedValue.TRUE, GeneratedValue.FALSE, type);
    }
}
