// Histograms over int32, int64, float32 and float64 values with even bins over [lower, upper) or custom sorted
// edges, launched by GpuHistogram.java; bin assignment and dropped values exactly as CpuHistogram defines them.
// counts[0, binCount) receive the bins and counts[binCount] the dropped values (outside every bin, or NaN), as int64,
// zeroed by the caller first. Each warp first merges lanes that hit the same bin (__match_any_sync), so skewed or
// all-equal data costs one atomic per distinct bin per warp. With SHARED the block counts into int32 bins in shared
// memory and adds them to the int64 bins at the end (the launcher keeps every block's share below 2^31 values);
// otherwise it adds to the int64 bins in global memory directly.
constexpr int THREADS = 256;
constexpr int NO_BIN = -1;
constexpr int NO_VALUE = -2;  // lanes past the end of the input, counted nowhere

// (a * b) < (c * d) for unsigned 64-bit factors, compared as exact 128-bit products.
__device__ __forceinline__ bool product_below(unsigned long long a, unsigned long long b, unsigned long long c,
                                              unsigned long long d) {
    const unsigned long long highLeft = __umul64hi(a, b);
    const unsigned long long highRight = __umul64hi(c, d);
    return highLeft < highRight || (highLeft == highRight && a * b < c * d);
}

// Even integer bins: x goes to floor((x - lower) * binCount / (upper - lower)), exactly. A double estimate is moved
// to the bin k with k * range <= offset * binCount < (k + 1) * range, which compares 128-bit products.
struct EvenIntegerBins {
    long long lower;
    long long upper;
    int binCount;
    double scale;  // binCount / (upper - lower), only for the estimate

    __device__ __forceinline__ int bin_of(long long x) const {
        if (x < lower || x >= upper) {
            return NO_BIN;
        }
        const unsigned long long range = static_cast<unsigned long long>(upper) - static_cast<unsigned long long>(lower);
        const unsigned long long offset = static_cast<unsigned long long>(x) - static_cast<unsigned long long>(lower);
        const unsigned long long bins = static_cast<unsigned long long>(binCount);
        const double estimate = static_cast<double>(offset) * scale;
        int bin = estimate < static_cast<double>(binCount - 1) ? static_cast<int>(estimate) : binCount - 1;
        while (bin > 0 && product_below(offset, bins, static_cast<unsigned long long>(bin), range)) {
            --bin;
        }
        while (bin + 1 < binCount && !product_below(offset, bins, static_cast<unsigned long long>(bin + 1), range)) {
            ++bin;
        }
        return bin;
    }
};

// Even floating bins: min(binCount - 1, (int) ((x - lower) * scale)) in double precision, as CpuHistogram computes
// it with Java's (int) cast (NaN to 0; (x - lower) overflows only when upper - lower does, and then scale is 0).
struct EvenFloatingBins {
    double lower;
    double upper;
    int binCount;
    double scale;  // binCount / (upper - lower), computed by the launcher exactly as the CPU twin does

    __device__ __forceinline__ int bin_of(double x) const {
        if (!(x >= lower && x < upper)) {
            return NO_BIN;  // also NaN
        }
        const double position = __dmul_rn(__dsub_rn(x, lower), scale);  // no contraction: the twin rounds twice
        if (position != position) {
            return 0;
        }
        return position < static_cast<double>(binCount - 1) ? static_cast<int>(position) : binCount - 1;
    }
};

// Custom edges: bin k holds edges[k] <= x < edges[k + 1], found by the twin's binary search (numeric comparison, so
// -0.0 equals +0.0). Edges that do not increase give unspecified bins, but always ones in [0, binCount).
template <typename Edge>
struct CustomBins {
    const Edge* edges;
    int binCount;

    __device__ __forceinline__ int bin_of(Edge x) const {
        int low = 0;
        int high = binCount;
        if (!(x >= __ldg(edges) && x < __ldg(edges + high))) {
            return NO_BIN;  // also NaN
        }
        while (high - low > 1) {  // invariant: edges[low] <= x < edges[high]
            const int middle = (low + high) >> 1;
            if (x >= __ldg(edges + middle)) {
                low = middle;
            } else {
                high = middle;
            }
        }
        return low;
    }
};

template <typename T, typename Binner, bool SHARED>
__device__ __forceinline__ void histogram(const T* values, long long count, Binner binner,
                                          unsigned long long* counts) {
    extern __shared__ unsigned int sharedBins[];  // binCount of them, SHARED only
    __shared__ unsigned long long sharedDropped;
    const int binCount = binner.binCount;
    if (SHARED) {
        for (int bin = threadIdx.x; bin < binCount; bin += THREADS) {
            sharedBins[bin] = 0;
        }
    }
    if (threadIdx.x == 0) {
        sharedDropped = 0;
    }
    __syncthreads();

    const int lane = threadIdx.x % 32;
    unsigned int dropped = 0;  // by this lane as its warp's leader; below 2^31 as the block's share is
    // The loop bound is the same for a whole block, so every lane of a warp takes part in each match.
    for (long long base = static_cast<long long>(blockIdx.x) * THREADS; base < count;
         base += static_cast<long long>(gridDim.x) * THREADS) {
        const long long position = base + threadIdx.x;
        const int bin = position < count ? binner.bin_of(values[position]) : NO_VALUE;
        const unsigned int peers = __match_any_sync(0xffffffffu, bin);
        if (lane == __ffs(peers) - 1) {
            const unsigned int hits = static_cast<unsigned int>(__popc(peers));
            if (bin >= 0) {
                if (SHARED) {
                    atomicAdd(&sharedBins[bin], hits);
                } else {
                    atomicAdd(&counts[bin], static_cast<unsigned long long>(hits));
                }
            } else if (bin == NO_BIN) {
                dropped += hits;
            }
        }
    }
    if (dropped != 0) {
        atomicAdd(&sharedDropped, static_cast<unsigned long long>(dropped));
    }
    __syncthreads();
    if (SHARED) {
        for (int bin = threadIdx.x; bin < binCount; bin += THREADS) {
            if (sharedBins[bin] != 0) {
                atomicAdd(&counts[bin], static_cast<unsigned long long>(sharedBins[bin]));
            }
        }
    }
    if (threadIdx.x == 0 && sharedDropped != 0) {
        atomicAdd(&counts[binCount], sharedDropped);
    }
}

// Launch with THREADS threads, a grid-stride grid, and for _shared binCount * 4 bytes of dynamic shared memory.
#define FORGE_EVEN_HISTOGRAM_KERNELS(TYPE_NAME, T, BOUND, BINNER)                                                  \
    extern "C" __global__ void __launch_bounds__(THREADS) histogram_even_##TYPE_NAME##_shared(                       \
        const T* values, long long count, BOUND lower, BOUND upper, int binCount, double scale,                     \
        unsigned long long* counts) {                                                                               \
        histogram<T, BINNER, true>(values, count, BINNER{lower, upper, binCount, scale}, counts);                   \
    }                                                                                                               \
    extern "C" __global__ void __launch_bounds__(THREADS) histogram_even_##TYPE_NAME##_global(                       \
        const T* values, long long count, BOUND lower, BOUND upper, int binCount, double scale,                     \
        unsigned long long* counts) {                                                                               \
        histogram<T, BINNER, false>(values, count, BINNER{lower, upper, binCount, scale}, counts);                  \
    }

#define FORGE_CUSTOM_HISTOGRAM_KERNELS(TYPE_NAME, T, EDGE)                                                          \
    extern "C" __global__ void __launch_bounds__(THREADS) histogram_custom_##TYPE_NAME##_shared(                     \
        const T* values, long long count, const EDGE* edges, int binCount, unsigned long long* counts) {           \
        histogram<T, CustomBins<EDGE>, true>(values, count, CustomBins<EDGE>{edges, binCount}, counts);            \
    }                                                                                                               \
    extern "C" __global__ void __launch_bounds__(THREADS) histogram_custom_##TYPE_NAME##_global(                     \
        const T* values, long long count, const EDGE* edges, int binCount, unsigned long long* counts) {           \
        histogram<T, CustomBins<EDGE>, false>(values, count, CustomBins<EDGE>{edges, binCount}, counts);           \
    }

FORGE_EVEN_HISTOGRAM_KERNELS(int32, int, long long, EvenIntegerBins)
FORGE_EVEN_HISTOGRAM_KERNELS(int64, long long, long long, EvenIntegerBins)
FORGE_EVEN_HISTOGRAM_KERNELS(float32, float, double, EvenFloatingBins)
FORGE_EVEN_HISTOGRAM_KERNELS(float64, double, double, EvenFloatingBins)
FORGE_CUSTOM_HISTOGRAM_KERNELS(int32, int, long long)
FORGE_CUSTOM_HISTOGRAM_KERNELS(int64, long long, long long)
FORGE_CUSTOM_HISTOGRAM_KERNELS(float32, float, double)
FORGE_CUSTOM_HISTOGRAM_KERNELS(float64, double, double)
