// Predicate bit masks for the filter experiment, launched by GpuFilterMasks.java: bit i of the mask is set when row i
// satisfies the predicate (bit i % 32 of 32-bit word i / 32, which on the little-endian GPU is bit i % 8 of byte i / 8,
// the Arrow order GpuSelect.selectByBitMask reads); bits past the last row are clear. Each warp takes STEP_WORDS words
// of 32 consecutive rows at a time, one row per lane and word, so its loads are coalesced and several are in flight;
// lane k stores the ballot of word k, so the stores are one coalesced write too.
constexpr int THREADS = 256;
constexpr int STEP_WORDS = 4;
constexpr unsigned int FULL_WARP = 0xFFFFFFFFu;

struct LessInt64 {
    const long long* values;
    long long bound;
    __device__ __forceinline__ bool operator()(long long row) const { return values[row] < bound; }
};

struct LessFloat64 {
    const double* values;
    double bound;
    __device__ __forceinline__ bool operator()(long long row) const { return values[row] < bound; }
};

struct BothLessInt64 {
    const long long* first;
    const long long* second;
    long long firstBound;
    long long secondBound;
    __device__ __forceinline__ bool operator()(long long row) const {
        return (first[row] < firstBound) & (second[row] < secondBound);
    }
};

struct EitherLessInt64 {
    const long long* first;
    const long long* second;
    long long firstBound;
    long long secondBound;
    __device__ __forceinline__ bool operator()(long long row) const {
        return (first[row] < firstBound) | (second[row] < secondBound);
    }
};

// Every lane of a warp runs the same iterations (the loop bound depends on the warp only), as __ballot_sync needs.
template <typename Predicate>
__device__ __forceinline__ void write_mask(long long count, unsigned int* mask, Predicate predicate) {
    const int lane = threadIdx.x & 31;
    const long long warp = (static_cast<long long>(blockIdx.x) * THREADS + threadIdx.x) >> 5;
    const long long warps = (static_cast<long long>(gridDim.x) * THREADS) >> 5;
    const long long words = (count + 31) >> 5;
    for (long long first = warp * STEP_WORDS; first < words; first += warps * STEP_WORDS) {
        bool keep[STEP_WORDS];
#pragma unroll
        for (int k = 0; k < STEP_WORDS; ++k) {
            const long long row = ((first + k) << 5) + lane;
            keep[k] = row < count && predicate(row);
        }
        unsigned int mine = 0;
#pragma unroll
        for (int k = 0; k < STEP_WORDS; ++k) {
            const unsigned int bits = __ballot_sync(FULL_WARP, keep[k]);
            if (lane == k) mine = bits;
        }
        if (lane < STEP_WORDS && first + lane < words) mask[first + lane] = mine;
    }
}

extern "C" __global__ void __launch_bounds__(THREADS)
    filter_less_int64(const long long* values, long long count, long long bound, unsigned int* mask) {
    write_mask(count, mask, LessInt64{values, bound});
}

extern "C" __global__ void __launch_bounds__(THREADS)
    filter_less_float64(const double* values, long long count, double bound, unsigned int* mask) {
    write_mask(count, mask, LessFloat64{values, bound});
}

extern "C" __global__ void __launch_bounds__(THREADS)
    filter_both_less_int64(const long long* first, const long long* second, long long count, long long firstBound,
                           long long secondBound, unsigned int* mask) {
    write_mask(count, mask, BothLessInt64{first, second, firstBound, secondBound});
}

extern "C" __global__ void __launch_bounds__(THREADS)
    filter_either_less_int64(const long long* first, const long long* second, long long count, long long firstBound,
                             long long secondBound, unsigned int* mask) {
    write_mask(count, mask, EitherLessInt64{first, second, firstBound, secondBound});
}
