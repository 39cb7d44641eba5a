// Histograms over int32, int64, float32 and float64 values with even bins over [lower, upper) or custom sorted
// edges, launched by GpuHistogram.java; bin assignment and dropped values exactly as CpuHistogram defines them.
// counts[0, binCount) receive the bins and counts[binCount] the dropped values (outside every bin, or NaN), as int64,
// zeroed by the caller first.
//
// Blocks stride over tiles of THREADS * ITEMS values; each thread loads its ITEMS values of a tile first (16-byte
// loads where the tile is whole and aligned), so many loads are in flight before any is counted.
// - With SHARED the block counts into int32 bins in shared memory and adds them to the int64 bins at the end (the
//   launcher keeps every block's share below 2^31 values). There are `copies` such histograms per block, warp w
//   counting into copy w % copies, so that few bins spread over more banks and fewer warps collide on one word. A
//   warp whose lanes all hit the same bin (all-equal or heavily skewed data) adds once for the warp; otherwise each
//   lane adds its own value.
// - Otherwise (bins beyond shared memory) each warp first merges lanes that hit the same bin (__match_any_sync), so
//   skewed data costs one global atomic per distinct bin per warp.
constexpr int THREADS = 256;
constexpr int ITEMS = 8;
constexpr int TILE = THREADS * ITEMS;
constexpr unsigned int FULL_WARP = 0xffffffffu;
constexpr int NO_BIN = -1;
constexpr int NO_VALUE = -2;  // lanes past the end of the input, counted nowhere

// (a * b) < (c * d) for unsigned 64-bit factors, compared as exact 128-bit products.
__device__ __forceinline__ bool product_below(unsigned long long a, unsigned long long b, unsigned long long c,
                                              unsigned long long d) {
    const unsigned long long highLeft = __umul64hi(a, b);
    const unsigned long long highRight = __umul64hi(c, d);
    return highLeft < highRight || (highLeft == highRight && a * b < c * d);
}

// Even integer bins: x goes to floor((x - lower) * binCount / (upper - lower)), exactly.
// - Where the range is below 2^32 (narrow), offset * binCount fits 64 bits. The estimate (offset * reciprocal) >> 32,
//   with reciprocal = floor(binCount * 2^32 / range), is that floor or one less, so one step up corrects it.
// - Otherwise a double estimate is moved to the bin k with k * range <= offset * binCount < (k + 1) * range, which
//   compares 128-bit products.
struct EvenIntegerBins {
    long long lower;
    long long upper;
    int binCount;
    double scale;  // binCount / (upper - lower), only for the wide estimate
    bool narrow;
    unsigned long long range;
    unsigned long long reciprocal;  // narrow only

    __device__ __forceinline__ EvenIntegerBins(long long lower, long long upper, int binCount, double scale)
        : lower(lower), upper(upper), binCount(binCount), scale(scale) {
        range = static_cast<unsigned long long>(upper) - static_cast<unsigned long long>(lower);
        narrow = (range >> 32) == 0;
        reciprocal = narrow ? (static_cast<unsigned long long>(binCount) << 32) / range : 0;
    }

    __device__ __forceinline__ int bin_of(long long x) const {
        if (x < lower || x >= upper) {
            return NO_BIN;
        }
        const unsigned long long offset = static_cast<unsigned long long>(x) - static_cast<unsigned long long>(lower);
        const unsigned long long bins = static_cast<unsigned long long>(binCount);
        if (narrow) {  // offset < 2^32 and binCount <= 2^16, so no product below overflows
            int bin = static_cast<int>((offset * reciprocal) >> 32);
            if (static_cast<unsigned long long>(bin + 1) * range <= offset * bins) {
                ++bin;
            }
            return bin;
        }
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

// Loads this thread's ITEMS values of the tile at `tile`, whole: with 16-byte loads where `tile` is aligned (every
// thread's values then come in ITEMS * sizeof(T) / 16 vectors, strided by the block), else value by value.
template <typename T>
__device__ __forceinline__ void load_whole_tile(const T* tile, bool aligned, T (&items)[ITEMS]) {
    constexpr int VECTORS = ITEMS * sizeof(T) / sizeof(uint4);
    constexpr int PER_VECTOR = sizeof(uint4) / sizeof(T);
    if (aligned) {
        const uint4* vectors = reinterpret_cast<const uint4*>(tile);
        uint4 loaded[VECTORS];
#pragma unroll
        for (int v = 0; v < VECTORS; ++v) {
            loaded[v] = vectors[v * THREADS + threadIdx.x];
        }
#pragma unroll
        for (int v = 0; v < VECTORS; ++v) {
            const T* parts = reinterpret_cast<const T*>(&loaded[v]);
#pragma unroll
            for (int k = 0; k < PER_VECTOR; ++k) {
                items[v * PER_VECTOR + k] = parts[k];
            }
        }
    } else {
#pragma unroll
        for (int j = 0; j < ITEMS; ++j) {
            items[j] = tile[j * THREADS + threadIdx.x];
        }
    }
}

// Counts one bin (or NO_BIN, NO_VALUE) of every lane of the warp; every lane calls it.
template <bool SHARED>
__device__ __forceinline__ void count_bin(int bin, unsigned int* bins, unsigned long long* counts,
                                          unsigned int& dropped) {
    const int lane = threadIdx.x % 32;
    if (SHARED) {
        const int first = __shfl_sync(FULL_WARP, bin, 0);
        if (__all_sync(FULL_WARP, bin == first)) {
            if (lane == 0) {
                if (bin >= 0) {
                    atomicAdd(&bins[bin], 32u);
                } else if (bin == NO_BIN) {
                    dropped += 32;
                }
            }
        } else if (bin >= 0) {
            atomicAdd(&bins[bin], 1u);
        } else if (bin == NO_BIN) {
            ++dropped;
        }
    } else {
        const unsigned int peers = __match_any_sync(FULL_WARP, bin);
        if (lane == __ffs(peers) - 1) {
            const unsigned int hits = static_cast<unsigned int>(__popc(peers));
            if (bin >= 0) {
                atomicAdd(&counts[bin], static_cast<unsigned long long>(hits));
            } else if (bin == NO_BIN) {
                dropped += hits;
            }
        }
    }
}

template <typename T, typename Binner, bool SHARED>
__device__ __forceinline__ void histogram(int copies, const T* values, long long count, Binner binner,
                                          unsigned long long* counts) {
    extern __shared__ unsigned int sharedBins[];  // copies * binCount of them, SHARED only
    __shared__ unsigned long long sharedDropped;
    const int binCount = binner.binCount;
    if (SHARED) {
        for (int bin = threadIdx.x; bin < copies * binCount; bin += THREADS) {
            sharedBins[bin] = 0;
        }
    }
    if (threadIdx.x == 0) {
        sharedDropped = 0;
    }
    __syncthreads();

    unsigned int* warpBins = sharedBins + (threadIdx.x / 32 % copies) * binCount;
    const bool aligned = reinterpret_cast<unsigned long long>(values) % sizeof(uint4) == 0;
    unsigned int dropped = 0;  // below 2^31, as the block's share is
    // The loop bound is the same for a whole block, so every lane of a warp takes part in each count_bin.
    for (long long tile = static_cast<long long>(blockIdx.x) * TILE; tile < count;
         tile += static_cast<long long>(gridDim.x) * TILE) {
        T items[ITEMS];
        if (tile + TILE <= count) {
            load_whole_tile(values + tile, aligned, items);
#pragma unroll
            for (int j = 0; j < ITEMS; ++j) {
                count_bin<SHARED>(binner.bin_of(items[j]), warpBins, counts, dropped);
            }
        } else {
            for (int j = 0; j < ITEMS; ++j) {
                const long long position = tile + j * THREADS + threadIdx.x;
                const int bin = position < count ? binner.bin_of(values[position]) : NO_VALUE;
                count_bin<SHARED>(bin, warpBins, counts, dropped);
            }
        }
    }
    if (dropped != 0) {
        atomicAdd(&sharedDropped, static_cast<unsigned long long>(dropped));
    }
    __syncthreads();
    if (SHARED) {
        for (int bin = threadIdx.x; bin < binCount; bin += THREADS) {
            unsigned int total = 0;
            for (int copy = 0; copy < copies; ++copy) {
                total += sharedBins[copy * binCount + bin];
            }
            if (total != 0) {
                atomicAdd(&counts[bin], static_cast<unsigned long long>(total));
            }
        }
    }
    if (threadIdx.x == 0 && sharedDropped != 0) {
        atomicAdd(&counts[binCount], sharedDropped);
    }
}

// Launch with THREADS threads, a grid-stride grid, and for _shared copies * binCount * 4 bytes of dynamic shared
// memory (copies from 1 to THREADS / 32; the _global kernels ignore it).
#define FORGE_EVEN_HISTOGRAM_KERNELS(TYPE_NAME, T, BOUND, BINNER)                                                      \
    extern "C" __global__ void __launch_bounds__(THREADS) histogram_even_##TYPE_NAME##_shared(                         \
        int copies, const T* values, long long count, BOUND lower, BOUND upper, int binCount, double scale,            \
        unsigned long long* counts) {                                                                                  \
        histogram<T, BINNER, true>(copies, values, count, BINNER{lower, upper, binCount, scale}, counts);              \
    }                                                                                                                  \
    extern "C" __global__ void __launch_bounds__(THREADS) histogram_even_##TYPE_NAME##_global(                         \
        int copies, const T* values, long long count, BOUND lower, BOUND upper, int binCount, double scale,            \
        unsigned long long* counts) {                                                                                  \
        histogram<T, BINNER, false>(copies, values, count, BINNER{lower, upper, binCount, scale}, counts);             \
    }

#define FORGE_CUSTOM_HISTOGRAM_KERNELS(TYPE_NAME, T, EDGE)                                                             \
    extern "C" __global__ void __launch_bounds__(THREADS) histogram_custom_##TYPE_NAME##_shared(                       \
        int copies, const T* values, long long count, const EDGE* edges, int binCount, unsigned long long* counts) {   \
        histogram<T, CustomBins<EDGE>, true>(copies, values, count, CustomBins<EDGE>{edges, binCount}, counts);        \
    }                                                                                                                  \
    extern "C" __global__ void __launch_bounds__(THREADS) histogram_custom_##TYPE_NAME##_global(                       \
        int copies, const T* values, long long count, const EDGE* edges, int binCount, unsigned long long* counts) {   \
        histogram<T, CustomBins<EDGE>, false>(copies, values, count, CustomBins<EDGE>{edges, binCount}, counts);       \
    }

FORGE_EVEN_HISTOGRAM_KERNELS(int32, int, long long, EvenIntegerBins)
FORGE_EVEN_HISTOGRAM_KERNELS(int64, long long, long long, EvenIntegerBins)
FORGE_EVEN_HISTOGRAM_KERNELS(float32, float, double, EvenFloatingBins)
FORGE_EVEN_HISTOGRAM_KERNELS(float64, double, double, EvenFloatingBins)
FORGE_CUSTOM_HISTOGRAM_KERNELS(int32, int, long long)
FORGE_CUSTOM_HISTOGRAM_KERNELS(int64, long long, long long)
FORGE_CUSTOM_HISTOGRAM_KERNELS(float32, float, double)
FORGE_CUSTOM_HISTOGRAM_KERNELS(float64, double, double)
