package dev.forge.executor.gpu.codegen;

import dev.forge.columnar.DataType;

/**
 * An expression's result in generated code, for the row being evaluated: C expressions (usually variable names) for
 * the value, whether it is valid (not NULL), and whether computing it raised an error (overflow, division by zero, a
 * bad cast). The value is meaningless where it is not valid or raised an error.
 */
public record GeneratedValue(String value, String valid, String error, DataType type) {
    public static final String TRUE = "true";
    public static final String FALSE = "false";

    public boolean canBeNull() {
        return !valid.equals(TRUE);
    }

    public boolean canFail() {
        return !error.equals(FALSE);
    }
}
