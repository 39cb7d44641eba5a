package dev.forge.executor.gpu.codegen;

import dev.forge.columnar.DataType;
import dev.forge.executor.gpu.UnsupportedOnGpuException;
import dev.forge.plan.expr.Call;
import dev.forge.plan.expr.Expr;
import dev.forge.plan.expr.Literal;

/**
 * value IN (literal, ...): TRUE on a match; else NULL when the value or a listed literal is NULL; else FALSE. Each
 * literal is a kernel parameter (the list's length is structure); strings match through dictionary code ranges.
 */
final class InListGenerator {
    private InListGenerator() {
    }

    static GeneratedValue generate(Call call, ExpressionGenerator context) {
        Expr probe = call.argument(0);
        GeneratedValue value = context.generate(probe);
        CodeWriter writer = context.writer();
        boolean string = probe.type() instanceof DataType.Varchar;
        Expr strings = string ? context.dictionaryOf(probe, "IN") : null;
        String match = GeneratedValue.FALSE;
        boolean nullListed = false;
        for (Expr item : call.arguments().subList(1, call.arguments().size())) {
            if (!(item instanceof Literal literal)) {
                throw new UnsupportedOnGpuException("IN with a non-constant list item is not supported on the GPU yet");
            }
            if (literal.isNull()) {
                nullListed = true;
                continue;
            }
            String test;
            if (string) {
                String[] range = ComparisonGenerator.dictionaryRange(strings, (String) literal.value(),
                        context);
                test = "(" + value.value() + " >= " + range[0] + " && " + value.value() + " < " + range[1] + ")";
            } else {
                GeneratedValue constant = context.generate(literal);
                test = CudaTypes.isFloat(probe.type())
                        ? "forge_compare_double((double)" + value.value() + ", (double)" + constant.value() + ") == 0"
                        : "(" + value.value() + " == " + constant.value() + ")";
            }
            match = writer.declare("bool", "b", CodeWriter.or(match, test));
        }
        String matched = writer.declare("bool", "b", CodeWriter.and(value.valid(), match));
        // no match: NULL when the value or a listed literal is NULL, else FALSE
        String valid = nullListed ? matched : value.valid();
        return new GeneratedValue(matched, valid, value.error(), DataType.BOOLEAN);
    }
}
