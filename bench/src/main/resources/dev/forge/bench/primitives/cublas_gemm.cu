// The native cuBLAS peer of Forge's GEMM benchmark: the same cuBLAS calls GpuMatrixMultiply makes through FFM, from
// C++, so the report can set Forge-through-Java against cuBLAS called directly. For each size n it times, on square
// row-major n x n matrices (uniform random in [-1, 1)), in FP32 (CUBLAS_COMPUTE_32F), TF32
// (CUBLAS_COMPUTE_32F_FAST_TF32), FP16 and BF16 (half inputs, CUBLAS_COMPUTE_32F), float32 output:
//   gemm: cublasGemmEx(N, N, n, n, n, B, A -> C), the row-major C = A B as Forge maps it to column-major cuBLAS;
//   gemv: y = A x with cublasSgemv_v2(T) for FP32 and TF32 and a one-column cublasGemmEx for FP16 and BF16;
//   gemm_bf16_output: BF16 with a bfloat16 C, what PyTorch's bf16 matmul does, for reference.
// Settings are Forge's: a non-blocking stream, a 32 MiB workspace from sm_90 on (4 MiB before) given with
// cublasSetWorkspace, CUBLAS_DEFAULT_MATH, CUBLAS_GEMM_DEFAULT, alpha 1, beta 0. Timing is Forge's too: CUDA events
// around 5 calls queued back to back (GemmBenchmark's timing), or around as many as --calls-per-sample says (1 for the
// experiment suite, which times Forge's compute one call at a time), the median of 20 such samples after 5 warm-up
// calls, in seconds per call. One line per measurement: "cublas <operation> <precision> <n> <median seconds>", and
// first "cublas version <v>". The inputs are the same on every run: the experiment suite's matrix trials generate the
// very same values (MatrixInputs.java repeats fill_uniform: change one, change both). NvccPeer.java builds it with nvcc
// where there is one (linked with -lcublas); by hand:
//   nvcc -O3 -std=c++17 -arch=sm_90 -o cublas_gemm cublas_gemm.cu -lcublas && ./cublas_gemm 4096 8192
//   ./cublas_gemm --calls-per-sample 1 256 2048
#include <cublas_v2.h>
#include <cuda_bf16.h>
#include <cuda_fp16.h>
#include <cuda_runtime.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "peer_harness.cuh"

#define CHECK_BLAS(call)                                                                                   \
    do {                                                                                                   \
        cublasStatus_t status = (call);                                                                    \
        if (status != CUBLAS_STATUS_SUCCESS) {                                                             \
            std::fprintf(stderr, "%s failed: cuBLAS status %d\n", #call, static_cast<int>(status));        \
            std::exit(1);                                                                                  \
        }                                                                                                  \
    } while (0)

// Calls queued back to back per timed sample: five by default, as Forge's GemmBenchmark queues.
static int calls_per_sample = 5;

// A hash of the index: uniform in [-1, 1), the same on every run (MatrixInputs.java computes the same values).
__global__ void fill_uniform(float* values, size_t count, unsigned long long seed) {
    size_t i = blockIdx.x * static_cast<size_t>(blockDim.x) + threadIdx.x;
    if (i >= count) return;
    unsigned long long bits = (i + 1) * 0x9E3779B97F4A7C15ULL ^ seed;
    bits ^= bits >> 31;
    bits *= 0xBF58476D1CE4E5B9ULL;
    bits ^= bits >> 29;
    values[i] = static_cast<float>(bits >> 40) * 0x1p-23f - 1.0f;
}

__global__ void to_half(const float* from, __half* to, size_t count) {
    size_t i = blockIdx.x * static_cast<size_t>(blockDim.x) + threadIdx.x;
    if (i < count) to[i] = __float2half_rn(from[i]);
}

__global__ void to_bfloat16(const float* from, __nv_bfloat16* to, size_t count) {
    size_t i = blockIdx.x * static_cast<size_t>(blockDim.x) + threadIdx.x;
    if (i < count) to[i] = __float2bfloat16_rn(from[i]);
}

static unsigned blocks(size_t count) { return static_cast<unsigned>((count + 255) / 256); }

struct Precision {
    const char* name;
    cudaDataType_t input;
    cublasComputeType_t compute;
    size_t bytes;
};

static const Precision PRECISIONS[] = {
    {"fp32", CUDA_R_32F, CUBLAS_COMPUTE_32F, 4},
    {"tf32", CUDA_R_32F, CUBLAS_COMPUTE_32F_FAST_TF32, 4},
    {"fp16", CUDA_R_16F, CUBLAS_COMPUTE_32F, 2},
    {"bf16", CUDA_R_16BF, CUBLAS_COMPUTE_32F, 2},
};

// The matrix and vector in the precision's input type: the float originals, or converted copies.
static void* as_input(const Precision& precision, float* values, size_t count, void* scratch, cudaStream_t stream) {
    if (precision.input == CUDA_R_32F) return values;
    if (precision.input == CUDA_R_16F) {
        to_half<<<blocks(count), 256, 0, stream>>>(values, static_cast<__half*>(scratch), count);
    } else {
        to_bfloat16<<<blocks(count), 256, 0, stream>>>(values, static_cast<__nv_bfloat16*>(scratch), count);
    }
    CHECK(cudaGetLastError());
    return scratch;
}

static void measure(cublasHandle_t handle, cudaStream_t stream, int n) {
    const size_t elements = static_cast<size_t>(n) * n;
    float *a, *b, *c, *x, *y;
    void *halfA, *halfB, *halfX, *halfC;
    CHECK(cudaMalloc(&a, elements * 4));
    CHECK(cudaMalloc(&b, elements * 4));
    CHECK(cudaMalloc(&c, elements * 4));
    CHECK(cudaMalloc(&x, static_cast<size_t>(n) * 4));
    CHECK(cudaMalloc(&y, static_cast<size_t>(n) * 4));
    CHECK(cudaMalloc(&halfA, elements * 2));
    CHECK(cudaMalloc(&halfB, elements * 2));
    CHECK(cudaMalloc(&halfX, static_cast<size_t>(n) * 2));
    CHECK(cudaMalloc(&halfC, elements * 2));
    fill_uniform<<<blocks(elements), 256, 0, stream>>>(a, elements, 1);
    fill_uniform<<<blocks(elements), 256, 0, stream>>>(b, elements, 2);
    fill_uniform<<<blocks(n), 256, 0, stream>>>(x, n, 3);
    CHECK(cudaGetLastError());
    const float alpha = 1.0f, beta = 0.0f;
    for (const Precision& precision : PRECISIONS) {
        void* inputA = as_input(precision, a, elements, halfA, stream);
        void* inputB = as_input(precision, b, elements, halfB, stream);
        void* inputX = as_input(precision, x, n, halfX, stream);
        double gemm = median_seconds(stream, calls_per_sample, [&] {
            CHECK_BLAS(cublasGemmEx(handle, CUBLAS_OP_N, CUBLAS_OP_N, n, n, n, &alpha, inputB, precision.input, n,
                                    inputA, precision.input, n, &beta, c, CUDA_R_32F, n, precision.compute,
                                    CUBLAS_GEMM_DEFAULT));
        });
        std::printf("cublas gemm %s %d %.9f\n", precision.name, n, gemm);
        double gemv = median_seconds(stream, calls_per_sample, [&] {
            if (precision.input == CUDA_R_32F) {
                CHECK_BLAS(cublasSgemv(handle, CUBLAS_OP_T, n, n, &alpha, a, n, x, 1, &beta, y, 1));
            } else {
                CHECK_BLAS(cublasGemmEx(handle, CUBLAS_OP_N, CUBLAS_OP_N, 1, n, n, &alpha, inputX, precision.input, 1,
                                        inputA, precision.input, n, &beta, y, CUDA_R_32F, 1, precision.compute,
                                        CUBLAS_GEMM_DEFAULT));
            }
        });
        std::printf("cublas gemv %s %d %.9f\n", precision.name, n, gemv);
        if (precision.input == CUDA_R_16BF) {
            double bf16Output = median_seconds(stream, calls_per_sample, [&] {
                CHECK_BLAS(cublasGemmEx(handle, CUBLAS_OP_N, CUBLAS_OP_N, n, n, n, &alpha, inputB, CUDA_R_16BF, n,
                                        inputA, CUDA_R_16BF, n, &beta, halfC, CUDA_R_16BF, n, CUBLAS_COMPUTE_32F,
                                        CUBLAS_GEMM_DEFAULT));
            });
            std::printf("cublas gemm_bf16_output bf16 %d %.9f\n", n, bf16Output);
        }
        std::fflush(stdout);
    }
    CHECK(cudaStreamSynchronize(stream));
    for (void* pointer : {static_cast<void*>(a), static_cast<void*>(b), static_cast<void*>(c), static_cast<void*>(x),
                          static_cast<void*>(y), halfA, halfB, halfX, halfC}) {
        CHECK(cudaFree(pointer));
    }
}

int main(int argc, char** argv) {
    int device = 0, major = 0;
    CHECK(cudaGetDevice(&device));
    CHECK(cudaDeviceGetAttribute(&major, cudaDevAttrComputeCapabilityMajor, device));
    cudaStream_t stream;
    CHECK(cudaStreamCreateWithFlags(&stream, cudaStreamNonBlocking));
    cublasHandle_t handle;
    CHECK_BLAS(cublasCreate(&handle));
    CHECK_BLAS(cublasSetStream(handle, stream));
    size_t workspaceBytes = major >= 9 ? (32u << 20) : (4u << 20);
    void* workspace;
    CHECK(cudaMalloc(&workspace, workspaceBytes));
    CHECK_BLAS(cublasSetWorkspace(handle, workspace, workspaceBytes));
    CHECK_BLAS(cublasSetMathMode(handle, CUBLAS_DEFAULT_MATH));
    int version = 0;
    CHECK_BLAS(cublasGetVersion(handle, &version));
    std::printf("cublas version %d\n", version);
    int first = 1;
    if (argc > 2 && std::strcmp(argv[1], "--calls-per-sample") == 0) {
        calls_per_sample = std::atoi(argv[2]);
        if (calls_per_sample < 1) {
            std::fprintf(stderr, "--calls-per-sample must be at least 1, got %s\n", argv[2]);
            return 1;
        }
        first = 3;
    }
    for (int i = first; i < argc; ++i) {
        measure(handle, stream, std::atoi(argv[i]));
    }
    CHECK_BLAS(cublasDestroy(handle));
    CHECK(cudaFree(workspace));
    CHECK(cudaStreamDestroy(stream));
    return 0;
}
