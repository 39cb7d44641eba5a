package dev.forge.primitives.gpu;

import dev.forge.primitives.GemmShape;
import dev.forge.primitives.GemvShape;

/**
 * How a row-major product is asked of cuBLAS, which is column-major: the same bytes, read column-major, hold each
 * matrix transposed. So for {@code C = op(A) op(B)} (row-major, {@code m x n}) cuBLAS computes
 * {@code C^T = op(B)^T op(A)^T}, {@code n x m} column-major, which is exactly C's row-major bytes: its first operand
 * is B's memory, its second A's, its m and n are swapped, and each keeps the caller's transpose flag (a row-major
 * {@code r x c} matrix reads as a column-major {@code c x r} one, which is what the swapped product wants untransposed
 * and, when the caller transposes, wants transposed). Every leading dimension is the stored row length. For
 * {@code y = op(A) x} through GEMV the matrix reads as {@code A^T}, so cuBLAS transposes when the caller does not.
 *
 * @param first cuBLAS's A: row-major B's memory
 * @param second cuBLAS's B: row-major A's memory
 * @param output cuBLAS's C: row-major C's memory, {@code n x m} column-major
 */
record ColumnMajorProduct(ColumnMajorOperand first, ColumnMajorOperand second, ColumnMajorOperand output) {

    /** A stored column-major {@code rows x columns} matrix (leading dimension {@code rows}) and whether cuBLAS transposes it. */
    record ColumnMajorOperand(int rows, int columns, boolean transposed) {
        /** The row-major {@code storedRows x storedColumns} matrix read column-major. */
        static ColumnMajorOperand ofRowMajor(int storedRows, int storedColumns, boolean transposed) {
            return new ColumnMajorOperand(storedColumns, storedRows, transposed);
        }
    }

    static ColumnMajorProduct gemm(GemmShape shape) {
        int storedColumnsOfB = shape.transposeB() ? shape.k() : shape.n();
        int storedColumnsOfA = shape.transposeA() ? shape.m() : shape.k();
        return new ColumnMajorProduct(
                ColumnMajorOperand.ofRowMajor(shape.storedRowsOfB(), storedColumnsOfB, shape.transposeB()),
                ColumnMajorOperand.ofRowMajor(shape.storedRowsOfA(), storedColumnsOfA, shape.transposeA()),
                ColumnMajorOperand.ofRowMajor(shape.m(), shape.n(), false));
    }

    /**
     * The GEMV matrix as cuBLAS's {@code A} (the vectors need no mapping): row-major {@code rows x columns} read as
     * column-major {@code columns x rows}, transposed exactly when the caller's is not.
     */
    static ColumnMajorOperand gemvMatrix(GemvShape shape) {
        return ColumnMajorOperand.ofRowMajor(shape.rows(), shape.columns(), !shape.transpose());
    }
}
