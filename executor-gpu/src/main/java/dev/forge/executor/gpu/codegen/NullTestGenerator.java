package dev.forge.executor.gpu.codegen;

import dev.forge.columnar.DataType;
import dev.forge.plan.expr.Call;

/** IS [NOT] NULL, IS [NOT] TRUE, IS [NOT] FALSE: never NULL themselves. */
final class NullTestGenerator {
    private NullTestGenerator() {
    }

    static GeneratedValue generate(Call call, ExpressionGenerator context) {
        GeneratedValue operand = context.generate(call.argument(0));
        String valid = operand.valid();
        String value = operand.value();
        String test = switch (call.operator()) {
            case IS_NULL -> "!" + valid;
            case IS_NOT_NULL -> valid;
            case IS_TRUE -> CodeWriter.and(valid, value);
            case IS_NOT_TRUE -> "!" + CodeWriter.and(valid, value);
            case IS_FALSE -> CodeWriter.and(valid, "!" + value);
            case IS_NOT_FALSE -> "!" + CodeWriter.and(valid, "!" + value);
            default -> throw new IllegalArgumentException(call.operator() + " is not a null test");
        };
        return new GeneratedValue(context.writer().declare("bool", "b", test), GeneratedValue.TRUE, operand.error(),
                DataType.BOOLEAN);
    }
}
