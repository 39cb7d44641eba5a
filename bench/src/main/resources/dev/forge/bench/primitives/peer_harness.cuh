// What every peer harness shares (cub_primitives.cu, cub_experiments.cu, cublas_gemm.cu): a failed CUDA runtime call
// ends the harness with the call and the runtime's message, which NvccPeer.java reports as the reason the peer is
// absent; and one way to time a call with CUDA events. NvccPeer.java copies this header next to the harness before
// nvcc runs.
#pragma once
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <vector>

#define CHECK(call)                                                                                        \
    do {                                                                                                   \
        cudaError_t status = (call);                                                                       \
        if (status != cudaSuccess) {                                                                       \
            std::fprintf(stderr, "%s failed: %s\n", #call, cudaGetErrorString(status));                    \
            std::exit(1);                                                                                  \
        }                                                                                                  \
    } while (0)

// Seconds per call of `run`, which queues its work on `stream`: 5 warm-up calls, then the median of 20 samples, each
// CUDA events around `calls_per_sample` calls queued back to back. The CUB harnesses time one call per sample on the
// default stream, as the experiment suite times Forge's compute; the cuBLAS harness five on its own stream, as
// GemmBenchmark times Forge's (so the host's queueing between calls is not counted).
template <typename Run>
static double median_seconds(cudaStream_t stream, int calls_per_sample, Run run) {
    cudaEvent_t start, end;
    CHECK(cudaEventCreate(&start));
    CHECK(cudaEventCreate(&end));
    for (int i = 0; i < 5; ++i) run();
    CHECK(cudaStreamSynchronize(stream));
    std::vector<float> samples;
    for (int i = 0; i < 20; ++i) {
        CHECK(cudaEventRecord(start, stream));
        for (int call = 0; call < calls_per_sample; ++call) run();
        CHECK(cudaEventRecord(end, stream));
        CHECK(cudaEventSynchronize(end));
        float millis = 0;
        CHECK(cudaEventElapsedTime(&millis, start, end));
        samples.push_back(millis / calls_per_sample);
    }
    std::sort(samples.begin(), samples.end());
    CHECK(cudaEventDestroy(start));
    CHECK(cudaEventDestroy(end));
    return samples[samples.size() / 2] / 1e3;
}

// One call per sample on the default stream: how the CUB harnesses time.
template <typename Run>
static double median_seconds(Run run) {
    return median_seconds(static_cast<cudaStream_t>(0), 1, run);
}
