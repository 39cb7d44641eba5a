// The CUB peer of Forge's experiment suite (forge bench run): times CUB on the very data the suite's trials use and
// prints, per request, "cub PRIMITIVE VARIANT ELEMENTS MEDIAN_SECONDS" (CUDA events, median of 20 runs after 5
// warm-ups) and "cubdata PRIMITIVE VARIANT ELEMENTS CHECKSUM", the wrapping sum of the inputs' raw bits, which the
// suite compares with its own before it shows the time. The data comes from SeededData.java's formulas and the
// experiments' seeds, repeated here: change one, change both. CubResults.java has NvccPeer.java build it (with
// peer_harness.cuh) with the machine's nvcc and runs it once per suite run; by hand:
//   nvcc -O3 -std=c++17 -arch=sm_90 -o cub_experiments cub_experiments.cu
//   ./cub_experiments reduce_sum:int32:1000000 sort_keys:u64:10000000 select_flagged:10:1000000
// The primitives benchmark (forge bench primitives) runs it too, for sorts, histograms (also "f32_BINS") and
// select/partition_flagged, on the same seeded data.
// With --checksums-only first, it prints only the cubdata lines and never touches a GPU (CubDataTest runs it so).
#include <cub/cub.cuh>
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

#include "peer_harness.cuh"

// SeededData.java
static inline uint64_t seeded_bits(uint64_t seed, uint64_t index) {
    uint64_t z = seed + index * 0x9E3779B97F4A7C15ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static inline int64_t seeded_between(uint64_t seed, uint64_t index, int64_t lower, int64_t upper) {
    return lower + static_cast<int64_t>(seeded_bits(seed, index) % static_cast<uint64_t>(upper - lower));
}

static inline bool seeded_chance(uint64_t seed, uint64_t index, int percent) {
    return (seeded_bits(seed, index) >> 32) < static_cast<uint64_t>(percent) * (1ull << 32) / 100;
}

static inline double seeded_unit(uint64_t seed, uint64_t index) {
    return static_cast<double>(seeded_bits(seed, index) >> 11) * 0x1.0p-53;
}

// The experiments' seeds (ReduceExperiment.SEED, ...).
constexpr uint64_t REDUCE_SEED = 0x5EED0001;
constexpr uint64_t SCAN_SEED = 0x5EED0002;
constexpr uint64_t COMPACT_VALUE_SEED = 0x5EED0003;
constexpr uint64_t COMPACT_FLAG_SEED = 0x5EED0004;
constexpr uint64_t SORT_KEY_SEED = 0x5EED0005;
constexpr uint64_t HISTOGRAM_SEED = 0x5EED0006;
constexpr uint64_t FILTER_INT_SEED = 0x5EED0007;
constexpr uint64_t FILTER_FLOAT_SEED = 0x5EED0009;
constexpr int64_t FILTER_INT_RANGE = 1000000;
constexpr int64_t HISTOGRAM_UPPER = 1 << 20;

template <typename T>
static uint64_t raw_bits(T value) {
    if constexpr (sizeof(T) == 1) {
        uint8_t bits;
        std::memcpy(&bits, &value, 1);
        return bits;
    } else if constexpr (sizeof(T) == 4) {
        uint32_t bits;
        std::memcpy(&bits, &value, 4);
        return bits;
    } else {
        uint64_t bits;
        std::memcpy(&bits, &value, 8);
        return bits;
    }
}

// Fills values[i] = make(i) on all host threads and returns the checksum of what it wrote.
template <typename T, typename Make>
static uint64_t generate(std::vector<T>& values, Make make) {
    const size_t count = values.size();
    const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
    std::vector<uint64_t> sums(threads, 0);
    std::vector<std::thread> workers;
    for (unsigned t = 0; t < threads; ++t) {
        workers.emplace_back([&, t] {
            const size_t from = count * t / threads, to = count * (t + 1) / threads;
            uint64_t sum = 0;
            for (size_t i = from; i < to; ++i) {
                values[i] = make(i);
                sum += raw_bits(values[i]);
            }
            sums[t] = sum;
        });
    }
    for (auto& worker : workers) worker.join();
    uint64_t total = 0;
    for (uint64_t sum : sums) total += sum;
    return total;
}

// Device copies of host vectors, and temporary storage, freed together.
struct Memory {
    std::vector<void*> blocks;
    template <typename T>
    T* upload(const std::vector<T>& host) {
        T* device = allocate<T>(host.size());
        CHECK(cudaMemcpy(device, host.data(), host.size() * sizeof(T), cudaMemcpyHostToDevice));
        return device;
    }
    template <typename T>
    T* allocate(size_t count) {
        void* device = nullptr;
        CHECK(cudaMalloc(&device, std::max<size_t>(count * sizeof(T), 1)));
        blocks.push_back(device);
        return static_cast<T*>(device);
    }
    ~Memory() {
        for (void* block : blocks) cudaFree(block);
    }
};

static bool checksums_only = false;

// Prints the inputs' checksum; true when the run stops there (--checksums-only), before any CUDA call.
static bool report_data(const char* primitive, const std::string& variant, size_t count, uint64_t checksum) {
    std::printf("cubdata %s %s %zu %llu\n", primitive, variant.c_str(), count,
                static_cast<unsigned long long>(checksum));
    std::fflush(stdout);
    return checksums_only;
}

static void report_time(const char* primitive, const std::string& variant, size_t count, double seconds) {
    std::printf("cub %s %s %zu %.9f\n", primitive, variant.c_str(), count, seconds);
    std::fflush(stdout);
}

template <typename T>
static void reduce_and_scan(const char* primitive, const std::string& variant, size_t count) {
    const bool reduce = std::strcmp(primitive, "reduce_sum") == 0;
    std::vector<T> host(count);
    const uint64_t seed = reduce ? REDUCE_SEED : SCAN_SEED;
    uint64_t checksum = generate(host, [&](size_t i) { return static_cast<T>(seeded_between(seed, i, -1000, 1001)); });
    if (report_data(primitive, variant, count, checksum)) return;
    Memory memory;
    T* input = memory.upload(host);
    T* output = memory.allocate<T>(reduce ? 1 : count);
    size_t bytes = 0;
    if (reduce) {
        CHECK(cub::DeviceReduce::Sum(nullptr, bytes, input, output, count));
    } else {
        CHECK(cub::DeviceScan::InclusiveSum(nullptr, bytes, input, output, count));
    }
    void* temp = memory.allocate<char>(bytes);
    double seconds = median_seconds([&] {
        if (reduce) {
            CHECK(cub::DeviceReduce::Sum(temp, bytes, input, output, count));
        } else {
            CHECK(cub::DeviceScan::InclusiveSum(temp, bytes, input, output, count));
        }
    });
    report_time(primitive, variant, count, seconds);
}

// DeviceSelect::Flagged ("select_flagged") or DevicePartition::Flagged ("partition_flagged", kept values first, then
// the others in reverse order, CUB's layout) of int32 values by byte flags set with probability VARIANT%.
static void flagged(const char* primitive, const std::string& variant, size_t count) {
    const bool partition = std::strcmp(primitive, "partition_flagged") == 0;
    const int percent = std::atoi(variant.c_str());
    std::vector<int> values(count);
    std::vector<char> flags(count);
    uint64_t checksum = generate(values, [](size_t i) { return static_cast<int>(seeded_bits(COMPACT_VALUE_SEED, i)); });
    checksum += generate(flags, [&](size_t i) { return static_cast<char>(seeded_chance(COMPACT_FLAG_SEED, i, percent)); });
    if (report_data(primitive, variant, count, checksum)) return;
    Memory memory;
    int* input = memory.upload(values);
    char* deviceFlags = memory.upload(flags);
    int* output = memory.allocate<int>(count);
    long long* selected = memory.allocate<long long>(1);
    size_t bytes = 0;
    if (partition) {
        CHECK(cub::DevicePartition::Flagged(nullptr, bytes, input, deviceFlags, output, selected, count));
    } else {
        CHECK(cub::DeviceSelect::Flagged(nullptr, bytes, input, deviceFlags, output, selected, count));
    }
    void* temp = memory.allocate<char>(bytes);
    double seconds = median_seconds([&] {
        if (partition) {
            CHECK(cub::DevicePartition::Flagged(temp, bytes, input, deviceFlags, output, selected, count));
        } else {
            CHECK(cub::DeviceSelect::Flagged(temp, bytes, input, deviceFlags, output, selected, count));
        }
    });
    report_time(primitive, variant, count, seconds);
}

template <typename T>
struct Less {
    T bound;
    __host__ __device__ bool operator()(const T& value) const { return value < bound; }
};

template <typename T>
static void select_if_less(const std::string& variant, size_t count, std::vector<T>& host, T bound,
                           uint64_t checksum) {
    if (report_data("select_if_less", variant, count, checksum)) return;
    Memory memory;
    T* input = memory.upload(host);
    T* output = memory.allocate<T>(count);
    long long* selected = memory.allocate<long long>(1);
    size_t bytes = 0;
    CHECK(cub::DeviceSelect::If(nullptr, bytes, input, output, selected, count, Less<T>{bound}));
    void* temp = memory.allocate<char>(bytes);
    double seconds = median_seconds(
        [&] { CHECK(cub::DeviceSelect::If(temp, bytes, input, output, selected, count, Less<T>{bound})); });
    report_time("select_if_less", variant, count, seconds);
}

static void filter(const std::string& variant, size_t count) {
    const int percent = std::atoi(variant.substr(variant.find('_') + 1).c_str());
    if (variant.rfind("int64_", 0) == 0) {
        std::vector<long long> host(count);
        uint64_t checksum = generate(
            host, [](size_t i) { return static_cast<long long>(seeded_between(FILTER_INT_SEED, i, 0, FILTER_INT_RANGE)); });
        select_if_less<long long>(variant, count, host, FILTER_INT_RANGE * percent / 100, checksum);
    } else {
        std::vector<double> host(count);
        uint64_t checksum = generate(host, [](size_t i) { return seeded_unit(FILTER_FLOAT_SEED, i); });
        select_if_less<double>(variant, count, host, percent / 100.0, checksum);
    }
}

template <typename Key>
static void sort(const char* primitive, const std::string& variant, size_t count, bool pairs) {
    std::vector<Key> keys(count);
    uint64_t checksum;
    if constexpr (sizeof(Key) == 8) {
        checksum = generate(keys, [](size_t i) { return static_cast<Key>(seeded_bits(SORT_KEY_SEED, i)); });
    } else if constexpr (std::is_same_v<Key, float>) {
        checksum = generate(keys, [](size_t i) {
            return static_cast<float>(seeded_between(SORT_KEY_SEED, i, -(1ll << 23), 1ll << 23) / 256.0);
        });
    } else {
        checksum = generate(keys, [](size_t i) { return static_cast<Key>(seeded_bits(SORT_KEY_SEED, i)); });
    }
    if (report_data(primitive, variant, count, checksum)) return;
    Memory memory;
    Key* input = memory.upload(keys);
    Key* output = memory.allocate<Key>(count);
    int* values = nullptr;
    int* sortedValues = nullptr;
    if (pairs) {
        std::vector<int> positions(count);
        generate(positions, [](size_t i) { return static_cast<int>(i); });
        values = memory.upload(positions);
        sortedValues = memory.allocate<int>(count);
    }
    size_t bytes = 0;
    if (pairs) {
        CHECK(cub::DeviceRadixSort::SortPairs(nullptr, bytes, input, output, values, sortedValues, count));
    } else {
        CHECK(cub::DeviceRadixSort::SortKeys(nullptr, bytes, input, output, count));
    }
    void* temp = memory.allocate<char>(bytes);
    double seconds = median_seconds([&] {
        if (pairs) {
            CHECK(cub::DeviceRadixSort::SortPairs(temp, bytes, input, output, values, sortedValues, count));
        } else {
            CHECK(cub::DeviceRadixSort::SortKeys(temp, bytes, input, output, count));
        }
    });
    report_time(primitive, variant, count, seconds);
}

// Variant "BINS" (int32 samples in [0, 2^20), bins over that range) or "f32_BINS" (float32 samples in [0, 1), bins
// over [0, 1)): HistogramExperiment.java and the primitives benchmark's HistogramBenchmark.java.
static void histogram(const std::string& variant, size_t count) {
    const bool floats = variant.rfind("f32_", 0) == 0;
    const int bins = std::atoi(variant.c_str() + (floats ? 4 : 0));
    size_t bytes = 0;
    if (floats) {
        std::vector<float> samples(count);
        uint64_t checksum =
            generate(samples, [](size_t i) { return static_cast<float>(seeded_unit(HISTOGRAM_SEED, i)); });
        if (report_data("histogram_even", variant, count, checksum)) return;
        Memory memory;
        int* counts = memory.allocate<int>(bins);
        float* input = memory.upload(samples);
        CHECK(cub::DeviceHistogram::HistogramEven(nullptr, bytes, input, counts, bins + 1, 0.0f, 1.0f,
                                                  static_cast<long long>(count)));
        void* temp = memory.allocate<char>(bytes);
        double seconds = median_seconds([&] {
            CHECK(cub::DeviceHistogram::HistogramEven(temp, bytes, input, counts, bins + 1, 0.0f, 1.0f,
                                                      static_cast<long long>(count)));
        });
        report_time("histogram_even", variant, count, seconds);
        return;
    }
    std::vector<int> samples(count);
    uint64_t checksum =
        generate(samples, [](size_t i) { return static_cast<int>(seeded_between(HISTOGRAM_SEED, i, 0, HISTOGRAM_UPPER)); });
    if (report_data("histogram_even", variant, count, checksum)) return;
    Memory memory;
    int* counts = memory.allocate<int>(bins);
    int* input = memory.upload(samples);
    CHECK(cub::DeviceHistogram::HistogramEven(nullptr, bytes, input, counts, bins + 1, 0, static_cast<int>(HISTOGRAM_UPPER),
                                              static_cast<long long>(count)));
    void* temp = memory.allocate<char>(bytes);
    double seconds = median_seconds([&] {
        CHECK(cub::DeviceHistogram::HistogramEven(temp, bytes, input, counts, bins + 1, 0,
                                                  static_cast<int>(HISTOGRAM_UPPER), static_cast<long long>(count)));
    });
    report_time("histogram_even", variant, count, seconds);
}

int main(int argc, char** argv) {
    int a = 1;
    if (argc > 1 && std::strcmp(argv[1], "--checksums-only") == 0) {
        checksums_only = true;
        a = 2;
    }
    for (; a < argc; ++a) {
        const std::string request = argv[a];
        const size_t first = request.find(':'), second = request.rfind(':');
        if (first == std::string::npos || first == second) {
            std::fprintf(stderr, "not a request (PRIMITIVE:VARIANT:ELEMENTS): %s\n", request.c_str());
            return 2;
        }
        const std::string primitive = request.substr(0, first);
        const std::string variant = request.substr(first + 1, second - first - 1);
        const size_t count = std::strtoull(request.c_str() + second + 1, nullptr, 10);
        if (primitive == "reduce_sum" || primitive == "scan_inclusive_sum") {
            const char* name = primitive == "reduce_sum" ? "reduce_sum" : "scan_inclusive_sum";
            if (variant == "int32") reduce_and_scan<int>(name, variant, count);
            else if (variant == "int64") reduce_and_scan<long long>(name, variant, count);
            else if (variant == "float32") reduce_and_scan<float>(name, variant, count);
            else reduce_and_scan<double>(name, variant, count);
        } else if (primitive == "select_flagged" || primitive == "partition_flagged") {
            flagged(primitive == "select_flagged" ? "select_flagged" : "partition_flagged", variant, count);
        } else if (primitive == "select_if_less") {
            filter(variant, count);
        } else if (primitive == "sort_keys") {
            if (variant == "u32") sort<unsigned int>("sort_keys", variant, count, false);
            else if (variant == "f32") sort<float>("sort_keys", variant, count, false);
            else sort<unsigned long long>("sort_keys", variant, count, false);
        } else if (primitive == "sort_pairs") {
            sort<unsigned int>("sort_pairs", variant, count, true);
        } else if (primitive == "histogram_even") {
            histogram(variant, count);
        } else {
            std::fprintf(stderr, "unknown primitive in request %s\n", request.c_str());
            return 2;
        }
    }
    return 0;
}
