package dev.forge.cuda.blas;

/**
 * How cuBLAS computes a product ({@code cublasComputeType_t}): both accumulate in float32 and take float32 scalars;
 * {@link #FLOAT32_FAST_TF32} lets float32 inputs be rounded to TF32 (a 10-bit mantissa) for the tensor cores.
 */
public enum BlasComputeType {
    /** {@code CUBLAS_COMPUTE_32F}: float32 inputs stay float32; half inputs use tensor cores, float32 accumulate. */
    FLOAT32(68),
    /** {@code CUBLAS_COMPUTE_32F_FAST_TF32}. */
    FLOAT32_FAST_TF32(77);

    private final int code;

    BlasComputeType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
