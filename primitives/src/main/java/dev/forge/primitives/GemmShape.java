package dev.forge.primitives;

/**
 * The shape of a row-major matrix product {@code C = op(A) op(B)}: {@code op(A)} is {@code m x k}, {@code op(B)}
 * {@code k x n} and {@code C} {@code m x n}. With {@code transposeA}, A is stored {@code k x m} and used transposed
 * (likewise B, stored {@code n x k}). Every matrix is dense and row-major: element (i, j) of a stored
 * {@code rows x columns} matrix sits at {@code i * columns + j}.
 */
public record GemmShape(int m, int n, int k, boolean transposeA, boolean transposeB) {

    public GemmShape {
        if (m < 1 || n < 1 || k < 1) {
            throw new IllegalArgumentException("a matrix product needs m, n and k of at least 1, got m=" + m + ", n="
                    + n + ", k=" + k);
        }
    }

    /** {@code C = A B} with neither input transposed. */
    public static GemmShape of(int m, int n, int k) {
        return new GemmShape(m, n, k, false, false);
    }

    public long elementsOfA() {
        return (long) m * k;
    }

    public long elementsOfB() {
        return (long) k * n;
    }

    public long elementsOfC() {
        return (long) m * n;
    }

    /** Multiply-adds counted twice, the usual measure: {@code 2 m n k}. */
    public double floatingPointOperations() {
        return 2.0 * m * n * k;
    }

    /** Rows of A as stored. */
    public int storedRowsOfA() {
        return transposeA ? k : m;
    }

    /** Rows of B as stored. */
    public int storedRowsOfB() {
        return transposeB ? n : k;
    }

    @Override
    public String toString() {
        return m + "x" + k + (transposeA ? " (A transposed)" : "") + " times " + k + "x" + n
                + (transposeB ? " (B transposed)" : "");
    }
}
