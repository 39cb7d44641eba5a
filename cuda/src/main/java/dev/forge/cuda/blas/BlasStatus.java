package dev.forge.cuda.blas;

/**
 * cuBLAS result codes ({@code cublasStatus_t}) with their names and what each means, written here so that a
 * failure reads the same whether or not the library could say it ({@code cublasGetStatusString} is not bound).
 */
public final class BlasStatus {
    private BlasStatus() {
    }

    public static final int SUCCESS = 0;
    public static final int NOT_INITIALIZED = 1;
    public static final int ALLOC_FAILED = 3;
    public static final int INVALID_VALUE = 7;
    public static final int ARCH_MISMATCH = 8;
    public static final int MAPPING_ERROR = 11;
    public static final int EXECUTION_FAILED = 13;
    public static final int INTERNAL_ERROR = 14;
    public static final int NOT_SUPPORTED = 15;
    public static final int LICENSE_ERROR = 16;

    /** The symbolic name, e.g. {@code CUBLAS_STATUS_INVALID_VALUE}; unknown codes as {@code cublasStatus_t 42}. */
    public static String name(int status) {
        return switch (status) {
            case SUCCESS -> "CUBLAS_STATUS_SUCCESS";
            case NOT_INITIALIZED -> "CUBLAS_STATUS_NOT_INITIALIZED";
            case ALLOC_FAILED -> "CUBLAS_STATUS_ALLOC_FAILED";
            case INVALID_VALUE -> "CUBLAS_STATUS_INVALID_VALUE";
            case ARCH_MISMATCH -> "CUBLAS_STATUS_ARCH_MISMATCH";
            case MAPPING_ERROR -> "CUBLAS_STATUS_MAPPING_ERROR";
            case EXECUTION_FAILED -> "CUBLAS_STATUS_EXECUTION_FAILED";
            case INTERNAL_ERROR -> "CUBLAS_STATUS_INTERNAL_ERROR";
            case NOT_SUPPORTED -> "CUBLAS_STATUS_NOT_SUPPORTED";
            case LICENSE_ERROR -> "CUBLAS_STATUS_LICENSE_ERROR";
            default -> "cublasStatus_t " + status;
        };
    }

    /** What the code means and, where there is one, what usually causes it. */
    public static String message(int status) {
        return switch (status) {
            case SUCCESS -> "the operation completed successfully";
            case NOT_INITIALIZED -> "cuBLAS was not initialized: the CUDA runtime could not start in this context,"
                    + " or the handle is not valid";
            case ALLOC_FAILED -> "cuBLAS could not allocate the device or host memory it needs";
            case INVALID_VALUE -> "a parameter is out of range: a dimension below 1, a leading dimension smaller than"
                    + " the rows, or a type and compute type cuBLAS does not combine";
            case ARCH_MISMATCH -> "this GPU's architecture lacks a feature the call needs (e.g. bfloat16 before sm_80)";
            case MAPPING_ERROR -> "cuBLAS could not access GPU memory (a texture binding failed)";
            case EXECUTION_FAILED -> "a cuBLAS kernel failed to launch or run on the GPU";
            case INTERNAL_ERROR -> "an operation inside cuBLAS failed (often a CUDA error underneath: a broken context,"
                    + " a failed copy)";
            case NOT_SUPPORTED -> "cuBLAS does not support this combination of parameters";
            case LICENSE_ERROR -> "the call needs a cuBLAS license that was not found";
            default -> "a status this version of Forge does not know";
        };
    }
}
