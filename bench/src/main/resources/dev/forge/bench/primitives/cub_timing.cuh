// CUDA error checks and event timing shared by the CUB harnesses (cub_primitives.cu, cub_experiments.cu); CubPeer.java
// copies it next to them before nvcc runs.
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

template <typename Run>
static double median_seconds(Run run) {
    cudaEvent_t start, end;
    CHECK(cudaEventCreate(&start));
    CHECK(cudaEventCreate(&end));
    for (int i = 0; i < 5; ++i) run();
    std::vector<float> samples;
    for (int i = 0; i < 20; ++i) {
        CHECK(cudaEventRecord(start));
        run();
        CHECK(cudaEventRecord(end));
        CHECK(cudaEventSynchronize(end));
        float millis = 0;
        CHECK(cudaEventElapsedTime(&millis, start, end));
        samples.push_back(millis);
    }
    std::sort(samples.begin(), samples.end());
    CHECK(cudaEventDestroy(start));
    CHECK(cudaEventDestroy(end));
    return samples[samples.size() / 2] / 1e3;
}
