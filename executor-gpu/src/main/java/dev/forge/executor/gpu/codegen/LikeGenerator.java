package dev.forge.executor.gpu.codegen;

import dev.forge.columnar.DataType;
import dev.forge.executor.gpu.UnsupportedOnGpuException;
import dev.forge.plan.expr.Call;
import dev.forge.plan.expr.Expr;
import dev.forge.plan.expr.Literal;

/**
 * value LIKE pattern [ESCAPE escape] over a dictionary-coded column: the host matches the pattern once per dictionary
 * entry (with the CPU executor's own matcher) and passes one bit per code, so the kernel tests a bit. The pattern is a
 * kernel parameter like any literal, so another pattern reuses the compiled kernel. NULL when the value is NULL, or
 * when the pattern or escape is a NULL literal.
 */
final class LikeGenerator {
    private LikeGenerator() {
    }

    static GeneratedValue generate(Call call, ExpressionGenerator context) {
        Expr strings = context.dictionaryOf(call.argument(0), "LIKE");
        for (int argument = 1; argument < call.arguments().size(); argument++) {
            if (!(call.argument(argument) instanceof Literal)) {
                throw new UnsupportedOnGpuException("LIKE with a pattern or escape that is not a constant is not"
                        + " supported on the GPU yet");
            }
        }
        Literal pattern = (Literal) call.argument(1);
        Literal escape = call.arguments().size() > 2 ? (Literal) call.argument(2) : null;
        if (pattern.isNull() || escape != null && escape.isNull()) {
            return new GeneratedValue(GeneratedValue.FALSE, GeneratedValue.FALSE, GeneratedValue.FALSE,
                    DataType.BOOLEAN);
        }
        GeneratedValue code = context.generate(call.argument(0));
        String name = context.parameters().literalName();
        context.parameters().add(new KernelParameter.DictionaryMatches(name, strings, (String) pattern.value(),
                escape == null ? null : (String) escape.value()));
        // read the bit only for a valid value: a NULL's code is not promised to be a dictionary code
        String matched = context.writer().declare("bool", "b", CodeWriter.and(code.valid(), "forge_bit(" + name + ", "
                + code.value() + ")"));
        return new GeneratedValue(matched, code.valid(), code.error(), DataType.BOOLEAN);
    }
}
