package dev.forge.executor.gpu.codegen;

import dev.forge.columnar.DataType;
import dev.forge.executor.gpu.UnsupportedOnGpuException;
import dev.forge.plan.expr.Call;
import dev.forge.plan.expr.ColumnRef;
import dev.forge.plan.expr.Expr;
import dev.forge.plan.expr.Literal;
import dev.forge.plan.expr.Operator;

/**
 * A string function (SUBSTRING, UPPER, LOWER, TRIM, ||) of one VARCHAR column, its other arguments constants, nested or
 * not: in the kernel a lookup from the column's dictionary code to the code of the function's value in a dictionary of
 * the function's values, which the host derives once per dictionary entry with the CPU executor's own string functions
 * ({@code StringDictionaries}). The source holds no constant: SUBSTRING(c, 1, 2) and SUBSTRING(c, 3, 1) share a kernel.
 */
public final class StringFunctionGenerator {
    private StringFunctionGenerator() {
    }

    /** The operators this generator handles: string to string. */
    static boolean isStringFunction(Operator operator) {
        return operator == Operator.SUBSTRING || operator == Operator.CONCAT || operator == Operator.UPPER
                || operator == Operator.LOWER || operator == Operator.TRIM;
    }

    /** Whether the GPU computes {@code call} through a derived dictionary. */
    static boolean isDerivable(Call call) {
        if (!isStringFunction(call.operator()) || !(call.type() instanceof DataType.Varchar)) {
            return false;
        }
        int variable = 0;
        for (Expr argument : call.arguments()) {
            if (argument instanceof Literal) {
                continue;
            }
            variable++;
            boolean strings = argument.type() instanceof DataType.Varchar && (argument instanceof ColumnRef
                    || argument instanceof Call inner && isDerivable(inner));
            if (!strings) {
                return false;
            }
        }
        return variable == 1;
    }

    /** The column a string function the GPU derives (or a column itself) reads. */
    public static ColumnRef column(Expr expression) {
        if (expression instanceof ColumnRef reference) {
            return reference;
        }
        for (Expr argument : ((Call) expression).arguments()) {
            if (!(argument instanceof Literal)) {
                return column(argument);
            }
        }
        throw new IllegalArgumentException("no column in " + expression);
    }

    static GeneratedValue generate(Call call, ExpressionGenerator context) {
        if (!isDerivable(call)) {
            throw new UnsupportedOnGpuException("the string function " + call.operator().symbol() + " is supported on"
                    + " the GPU only over one string column with constant other arguments");
        }
        GeneratedValue code = context.generate(column(call));
        String name = context.parameters().literalName() + "_codes";
        context.parameters().add(new KernelParameter.DictionaryMapping(name, call));
        CodeWriter writer = context.writer();
        // look up only a valid value's code: a NULL's code is not promised to be a dictionary code
        String mapped = writer.declare("int", "v", "(" + code.valid() + " ? " + name + "[" + code.value() + "] : -1)");
        String valid = writer.declare("bool", "n", mapped + " >= 0");
        return new GeneratedValue(mapped, valid, code.error(), DataType.VARCHAR);
    }
}
