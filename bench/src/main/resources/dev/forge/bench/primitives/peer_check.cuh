// Shared by the peer harnesses (cub_primitives.cu, cublas_gemm.cu): a failed CUDA runtime call ends the harness with
// the call and the runtime's message, which NvccPeer.java reports as the reason the peer is absent.
#pragma once
#include <cstdio>
#include <cstdlib>

#define CHECK(call)                                                                                        \
    do {                                                                                                   \
        cudaError_t status = (call);                                                                       \
        if (status != cudaSuccess) {                                                                       \
            std::fprintf(stderr, "%s failed: %s\n", #call, cudaGetErrorString(status));                    \
            std::exit(1);                                                                                  \
        }                                                                                                  \
    } while (0)
