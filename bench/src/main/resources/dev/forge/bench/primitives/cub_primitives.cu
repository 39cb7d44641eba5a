// The CUB peer for Forge's primitive benchmarks: times cub::DeviceReduce and cub::DeviceScan on the same sizes and
// element types, and DeviceSelect::Unique, DeviceRunLengthEncode::Encode, DeviceSegmentedReduce::Sum and
// DeviceReduce::ReduceByKey on the inputs SegmentedPrimitivesBenchmark.java builds, with CUDA events (median of 20
// runs after 5 warm-ups, peer_harness.cuh), and prints one line per measurement:
// "cub <primitive> <type> <elements> <median seconds>". NvccPeer.java builds it with nvcc where there is one and runs
// it in the same benchmark run as Forge; by hand:
//   nvcc -O3 -std=c++17 -arch=sm_90 -o cub_primitives cub_primitives.cu && ./cub_primitives 268435456
//   ./cub_primitives --only=reduce,segmented 1048576      (only those families)
// Sorts, histograms and select/partition come from cub_experiments.cu, on the experiment suite's seeded data.
#include <cub/cub.cuh>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "peer_harness.cuh"

template <typename T>
static void measure(const char* type, size_t count, bool reduce, bool scan) {
    if (!reduce && !scan) return;
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
    if (reduce) {
        double seconds = median_seconds([&] { CHECK(cub::DeviceReduce::Sum(temp, reduceBytes, input, sum, count)); });
        std::printf("cub reduce_sum %s %zu %.9f\n", type, count, seconds);
    }
    if (scan) {
        double seconds =
            median_seconds([&] { CHECK(cub::DeviceScan::InclusiveSum(temp, scanBytes, input, output, count)); });
        std::printf("cub scan_inclusive_sum %s %zu %.9f\n", type, count, seconds);
    }
    CHECK(cudaFree(temp));
    CHECK(cudaFree(input));
    CHECK(cudaFree(output));
    CHECK(cudaFree(sum));
}

// Integers in [-1000, 1000] as T.
template <typename T>
static std::vector<T> integer_values(size_t count) {
    std::vector<T> values(count);
    std::mt19937_64 random(43);
    for (auto& value : values) value = static_cast<T>(static_cast<int>(random() % 2001) - 1000);
    return values;
}

// Sums over segments of 16 values: segment s is [16 s, 16 s + 16).
template <typename T>
static void measure_segmented_sum(const char* type, size_t count) {
    const size_t segments = count / 16;
    std::vector<T> host = integer_values<T>(count);
    std::vector<long long> offsets(segments + 1);
    for (size_t s = 0; s <= segments; ++s) offsets[s] = static_cast<long long>(16 * s);
    T *input, *sums;
    long long* d_offsets;
    CHECK(cudaMalloc(&input, count * sizeof(T)));
    CHECK(cudaMalloc(&sums, segments * sizeof(T)));
    CHECK(cudaMalloc(&d_offsets, offsets.size() * sizeof(long long)));
    CHECK(cudaMemcpy(input, host.data(), count * sizeof(T), cudaMemcpyHostToDevice));
    CHECK(cudaMemcpy(d_offsets, offsets.data(), offsets.size() * sizeof(long long), cudaMemcpyHostToDevice));
    size_t bytes = 0;
    CHECK(cub::DeviceSegmentedReduce::Sum(nullptr, bytes, input, sums, static_cast<long long>(segments), d_offsets,
                                          d_offsets + 1));
    void* temp;
    CHECK(cudaMalloc(&temp, std::max<size_t>(bytes, 1)));
    double seconds = median_seconds([&] {
        CHECK(cub::DeviceSegmentedReduce::Sum(temp, bytes, input, sums, static_cast<long long>(segments), d_offsets,
                                              d_offsets + 1));
    });
    std::printf("cub segmented_sum_16 %s %zu %.9f\n", type, count, seconds);
    CHECK(cudaFree(temp));
    CHECK(cudaFree(input));
    CHECK(cudaFree(sums));
    CHECK(cudaFree(d_offsets));
}

// Unique and run-length encoding of int32 keys (i / 4) % 1000 (when `runs`), and reduce-by-key of float32 values over
// keys i / 16 (when `byKey`).
static void measure_runs(size_t count, bool runs, bool byKey) {
    if (!runs && !byKey) return;
    std::vector<int> keys(count), byKeyKeys(count);
    for (size_t i = 0; i < count; ++i) {
        keys[i] = static_cast<int>(i / 4 % 1000);
        byKeyKeys[i] = static_cast<int>(i / 16);
    }
    std::vector<float> values = integer_values<float>(count);
    int *d_keys, *d_unique;
    long long *d_lengths, *d_runs;
    float *d_values, *d_sums;
    CHECK(cudaMalloc(&d_keys, count * sizeof(int)));
    CHECK(cudaMalloc(&d_unique, count * sizeof(int)));
    CHECK(cudaMalloc(&d_lengths, count * sizeof(long long)));
    CHECK(cudaMalloc(&d_runs, sizeof(long long)));
    CHECK(cudaMalloc(&d_values, count * sizeof(float)));
    CHECK(cudaMalloc(&d_sums, count * sizeof(float)));
    CHECK(cudaMemcpy(d_keys, keys.data(), count * sizeof(int), cudaMemcpyHostToDevice));
    CHECK(cudaMemcpy(d_values, values.data(), count * sizeof(float), cudaMemcpyHostToDevice));
    size_t uniqueBytes = 0, encodeBytes = 0, byKeyBytes = 0;
    CHECK(cub::DeviceSelect::Unique(nullptr, uniqueBytes, d_keys, d_unique, d_runs, static_cast<long long>(count)));
    CHECK(cub::DeviceRunLengthEncode::Encode(nullptr, encodeBytes, d_keys, d_unique, d_lengths, d_runs,
                                             static_cast<int>(count)));
    CHECK(cub::DeviceReduce::ReduceByKey(nullptr, byKeyBytes, d_keys, d_unique, d_values, d_sums, d_runs,
                                         ::cuda::std::plus<>{}, static_cast<long long>(count)));
    void* temp;
    CHECK(cudaMalloc(&temp, std::max({uniqueBytes, encodeBytes, byKeyBytes, size_t(1)})));
    if (runs) {
        double unique = median_seconds([&] {
            CHECK(cub::DeviceSelect::Unique(temp, uniqueBytes, d_keys, d_unique, d_runs, static_cast<long long>(count)));
        });
        double encode = median_seconds([&] {
            CHECK(cub::DeviceRunLengthEncode::Encode(temp, encodeBytes, d_keys, d_unique, d_lengths, d_runs,
                                                     static_cast<int>(count)));
        });
        std::printf("cub unique int32 %zu %.9f\n", count, unique);
        std::printf("cub run_length_encode int32 %zu %.9f\n", count, encode);
    }
    if (byKey) {
        CHECK(cudaMemcpy(d_keys, byKeyKeys.data(), count * sizeof(int), cudaMemcpyHostToDevice));
        double seconds = median_seconds([&] {
            CHECK(cub::DeviceReduce::ReduceByKey(temp, byKeyBytes, d_keys, d_unique, d_values, d_sums, d_runs,
                                                 ::cuda::std::plus<>{}, static_cast<long long>(count)));
        });
        std::printf("cub reduce_by_key_sum float32 %zu %.9f\n", count, seconds);
    }
    for (void* pointer : {static_cast<void*>(d_keys), static_cast<void*>(d_unique), static_cast<void*>(d_lengths),
                          static_cast<void*>(d_runs), static_cast<void*>(d_values), static_cast<void*>(d_sums), temp}) {
        CHECK(cudaFree(pointer));
    }
}

// Whether `family` is in the comma-separated list `only` (everything when there is no list).
static bool wanted(const std::string& only, const char* family) {
    if (only.empty()) return true;
    const std::string list = "," + only + ",";
    return list.find("," + std::string(family) + ",") != std::string::npos;
}

// Arguments: element counts, optionally after "--only=FAMILY,..." (reduce, scan, run-length, segmented: the families
// of forge bench primitives this harness has a CUB peer for; reduce-by-key belongs to segmented).
int main(int argc, char** argv) {
    std::string only;
    for (int i = 1; i < argc; ++i) {
        if (std::strncmp(argv[i], "--only=", 7) == 0) {
            only = argv[i] + 7;
            continue;
        }
        size_t count = std::strtoull(argv[i], nullptr, 10);
        const bool reduce = wanted(only, "reduce"), scan = wanted(only, "scan");
        measure<int>("int32", count, reduce, scan);
        measure<long long>("int64", count, reduce, scan);
        measure<float>("float32", count, reduce, scan);
        measure<double>("float64", count, reduce, scan);
        measure_runs(count, wanted(only, "run-length"), wanted(only, "segmented"));
        if (wanted(only, "segmented")) {
            measure_segmented_sum<float>("float32", count);
            measure_segmented_sum<double>("float64", count);
        }
    }
    return 0;
}
