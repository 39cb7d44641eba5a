package dev.forge.executor.cpu.expression;

import dev.forge.executor.cpu.vector.Vector;

/** Combining the NULL flags of operands. */
final class Nulls {
    private Nulls() {
    }

    /** NULL where either operand is NULL; {@code null} when neither has NULLs. A fresh array (callers may add to it). */
    static boolean[] either(Vector left, Vector right, int length) {
        boolean[] a = left.nulls();
        boolean[] b = right.nulls();
        if (a == null && b == null) {
            return null;
        }
        boolean[] result = new boolean[length];
        for (int i = 0; i < length; i++) {
            result[i] = a != null && a[i] || b != null && b[i];
        }
        return result;
    }

    static boolean[] copy(boolean[] nulls, int length) {
        return nulls == null ? null : java.util.Arrays.copyOf(nulls, length);
    }

    static boolean any(boolean[] nulls, int length) {
        if (nulls == null) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (nulls[i]) {
                return true;
            }
        }
        return false;
    }

    /** {@code nulls}, or {@code null} when it flags nothing (keeps "no NULLs" fast paths fast). */
    static boolean[] normalize(boolean[] nulls, int length) {
        return any(nulls, length) ? nulls : null;
    }
}
