package dev.forge.cuda.blas;

/** The element types Forge hands to cuBLAS, with their {@code cudaDataType_t} codes (library_types.h). */
public enum BlasDataType {
    FLOAT32(0, 4),
    FLOAT16(2, 2),
    BFLOAT16(14, 2);

    private final int code;
    private final int byteSize;

    BlasDataType(int code, int byteSize) {
        this.code = code;
        this.byteSize = byteSize;
    }

    /** The {@code cudaDataType_t} value ({@code CUDA_R_32F}, {@code CUDA_R_16F}, {@code CUDA_R_16BF}). */
    public int code() {
        return code;
    }

    public int byteSize() {
        return byteSize;
    }
}
