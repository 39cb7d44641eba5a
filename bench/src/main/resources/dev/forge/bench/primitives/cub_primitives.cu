// The CUB peer for Forge's primitive benchmarks: times cub::DeviceReduce and cub::DeviceScan on the same sizes and
// element types, with CUDA events (median of 20 runs after 5 warm-ups), on random data, and prints one line per
// measurement: "cub <primitive> <type> <elements> <median seconds>". CubPeer.java builds it with nvcc where
// there is one and runs it in the same benchmark run as Forge; by hand:
//   nvcc -O3 -std=c++17 -arch=sm_90 -o cub_primitives cub_primitives.cu && ./cub_primitives 268435456
#include <cub/cub.cuh>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <random>
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

template <typename T>
static void measure(const char* type, size_t count) {
    std::vector<T> host(count);
    std::mt19937_64 random(42);
    for (auto& value : host) value = static_cast<T>(static_cast<int>(random() % 2001) - 1000);
    T *input, *output, *sum;
    CHECK(cudaMalloc(&input, count * sizeof(T)));
    CHECK(cudaMalloc(&output, count * sizeof(T)));
    CHECK(cudaMalloc(&sum, sizeof(T)));
    CHECK(cudaMemcpy(input, host.data(), count * sizeof(T), cudaMemcpyHostToDevice));
    size_t reduceBytes = 0, scanBytes = 0;
    CHECK(cub::DeviceReduce::Sum(nullptr, reduceBytes, input, sum, count));
    CHECK(cub::DeviceScan::InclusiveSum(nullptr, scanBytes, input, output, count));
    void* temp;
    CHECK(cudaMalloc(&temp, std::max(reduceBytes, scanBytes)));
    double reduce = median_seconds([&] { CHECK(cub::DeviceReduce::Sum(temp, reduceBytes, input, sum, count)); });
    double scan = median_seconds([&] { CHECK(cub::DeviceScan::InclusiveSum(temp, scanBytes, input, output, count)); });
    std::printf("cub reduce_sum %s %zu %.9f\n", type, count, reduce);
    std::printf("cub scan_inclusive_sum %s %zu %.9f\n", type, count, scan);
    CHECK(cudaFree(temp));
    CHECK(cudaFree(input));
    CHECK(cudaFree(output));
    CHECK(cudaFree(sum));
}

int main(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        size_t count = std::strtoull(argv[i], nullptr, 10);
        measure<int>("int32", count);
        measure<long long>("int64", count);
        measure<float>("float32", count);
        measure<double>("float64", count);
    }
    return 0;
}
