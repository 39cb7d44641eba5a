package dev.forge.primitives;

/**
 * The shape of a row-major matrix-vector product {@code y = op(A) x}: A is stored {@code rows x columns}; without
 * {@code transpose} x has {@code columns} elements and y {@code rows}, with it x has {@code rows} and y
 * {@code columns}.
 */
public record GemvShape(int rows, int columns, boolean transpose) {

    public GemvShape {
        if (rows < 1 || columns < 1) {
            throw new IllegalArgumentException("a matrix-vector product needs a matrix of at least 1 x 1, got " + rows
                    + " x " + columns);
        }
    }

    public static GemvShape of(int rows, int columns) {
        return new GemvShape(rows, columns, false);
    }

    public int inputLength() {
        return transpose ? rows : columns;
    }

    public int outputLength() {
        return transpose ? columns : rows;
    }

    public long elementsOfA() {
        return (long) rows * columns;
    }

    /** {@code 2 rows columns}. */
    public double floatingPointOperations() {
        return 2.0 * rows * columns;
    }

    /** The same product as a GEMM with one output column (how half-precision GEMV reaches cuBLAS). */
    public GemmShape asGemm() {
        return new GemmShape(outputLength(), 1, inputLength(), transpose, false);
    }

    @Override
    public String toString() {
        return rows + "x" + columns + (transpose ? " (transposed)" : "") + " times a vector";
    }
}
