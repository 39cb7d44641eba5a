package dev.forge.cuda.blas;

/** Whether cuBLAS uses a column-major operand as stored or transposed ({@code cublasOperation_t}). */
public enum BlasTranspose {
    /** {@code CUBLAS_OP_N}. */
    NONE(0),
    /** {@code CUBLAS_OP_T}. */
    TRANSPOSE(1);

    private final int code;

    BlasTranspose(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static BlasTranspose of(boolean transposed) {
        return transposed ? TRANSPOSE : NONE;
    }
}
