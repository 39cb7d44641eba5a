package dev.forge.bench.primitives;

/**
 * One matrix product on one precision and size: Forge's GPU time (cuBLAS through FFM), the CPU twin's, native
 * cuBLAS's from the C++ harness, all medians in seconds, NaN where not measured.
 *
 * @param operation {@code gemm} (n x n times n x n) or {@code gemv} (n x n times a vector)
 * @param floatingPointOperations {@code 2 n^3} or {@code 2 n^2}
 * @param bytesMoved the inputs read once and the output written once
 * @param cublasBf16OutputSeconds for BF16 GEMM, native cuBLAS with a bfloat16 C (PyTorch's bf16 matmul), for reference
 */
public record GemmResult(
        String operation,
        String precision,
        int size,
        double floatingPointOperations,
        long bytesMoved,
        double gpuSeconds,
        double cpuSeconds,
        double cublasSeconds,
        double cublasBf16OutputSeconds) {

    public double gpuTeraflopsPerSecond() {
        return floatingPointOperations / gpuSeconds / 1e12;
    }

    public double gpuBytesPerSecond() {
        return bytesMoved / gpuSeconds;
    }

    /** How many times faster the GPU is than the CPU twin. */
    public double speedUpOverCpu() {
        return cpuSeconds / gpuSeconds;
    }

    /** Native cuBLAS's time over Forge's: 1 is parity, above 1 Forge is faster. */
    public double speedRelativeToCublas() {
        return cublasSeconds / gpuSeconds;
    }
}
