// Whole-input reductions (sum, min, max, argmin, argmax) over int32, int64, float32 and float64, launched by
// GpuReduce.java. Each block folds one contiguous share of the input (16-byte loads, several in flight per thread)
// into a partial; the last block to finish folds the partials in block order. Shares depend only on the input size
// and the grid, so floating sums are the same from run to run. Sums are exact for integers (int32 into 64 bits,
// int64 into 128 bits); float32 is summed in double precision, as the CPU twin does.
#include "block_reduce.cuh"
#include "total_order.cuh"

constexpr int THREADS = 256;
constexpr int LOADS_IN_FLIGHT = 4;

template <typename K>
struct KeyIndex {
    K key;
    long long index;
};

template <>
__device__ __forceinline__ KeyIndex<int> shuffle_down<KeyIndex<int>>(KeyIndex<int> value, int delta) {
    return {__shfl_down_sync(0xffffffffu, value.key, delta), __shfl_down_sync(0xffffffffu, value.index, delta)};
}

template <>
__device__ __forceinline__ KeyIndex<long long> shuffle_down<KeyIndex<long long>>(KeyIndex<long long> value, int delta) {
    return {__shfl_down_sync(0xffffffffu, value.key, delta), __shfl_down_sync(0xffffffffu, value.index, delta)};
}

// The operations: how an element becomes an accumulator, how two accumulators combine, the identity, and what
// the caller receives (min and max: the element itself; argmin and argmax: its index, -1 for an empty input).
template <typename T, typename A>
struct SumOf {
    using Accumulator = A;
    using Result = A;
    __device__ static A identity() { return A(0); }
    __device__ static Result finish(A total) { return total; }
    __device__ static A lift(T value, long long) { return static_cast<A>(value); }
    __device__ static A combine(A left, A right) { return left + right; }
};

template <typename T, bool MAX>
struct ExtremeOf {
    using Key = decltype(order_key(T()));
    using Accumulator = Key;
    using Result = T;
    __device__ static Result finish(Key key) { return value_of_key(key, T()); }
    __device__ static Key identity() { return MAX ? lowest_key(T()) : highest_key(T()); }
    __device__ static Key lift(T value, long long) { return order_key(value); }
    __device__ static Key combine(Key left, Key right) {
        return MAX ? (right > left ? right : left) : (right < left ? right : left);
    }
};

template <typename T, bool MAX>
struct ArgExtremeOf {
    using Key = decltype(order_key(T()));
    using Accumulator = KeyIndex<Key>;
    using Result = long long;
    __device__ static Result finish(Accumulator best) { return best.index; }
    __device__ static Accumulator identity() { return {ExtremeOf<T, MAX>::identity(), -1}; }
    __device__ static Accumulator lift(T value, long long index) { return {order_key(value), index}; }
    // The better key wins; on equal keys the smaller index, so the first occurrence is found. -1 means none yet.
    __device__ static Accumulator combine(Accumulator left, Accumulator right) {
        if (left.index < 0) return right;
        if (right.index < 0) return left;
        bool rightBetter = MAX ? right.key > left.key : right.key < left.key;
        if (rightBetter || (right.key == left.key && right.index < left.index)) return right;
        return left;
    }
};

// Folds elements [begin, end) into one accumulator per thread: 16-byte vector loads from the first 16-byte
// boundary, LOADS_IN_FLIGHT of them issued before any is used, scalar loads for the ragged edges. Each element
// position of a vector has its own accumulator, so the combines form PER_VECTOR independent chains instead of one
// long dependent one; they are folded in a fixed order at the end.
template <typename T, typename Op>
__device__ __forceinline__ typename Op::Accumulator fold_range(const T* __restrict__ values, long long begin,
                                                                long long end) {
    using A = typename Op::Accumulator;
    constexpr int PER_VECTOR = 16 / sizeof(T);
    A lanes[PER_VECTOR];
#pragma unroll
    for (int e = 0; e < PER_VECTOR; ++e) {
        lanes[e] = Op::identity();
    }
    const unsigned long long misalignment = reinterpret_cast<unsigned long long>(values + begin) % 16;
    const long long aligned = misalignment == 0 ? begin : begin + (16 - misalignment) / sizeof(T);
    const long long vectorBegin = aligned < end ? aligned : end;
    for (long long i = begin + threadIdx.x; i < vectorBegin; i += THREADS) {
        lanes[0] = Op::combine(lanes[0], Op::lift(values[i], i));
    }
    const long long vectors = (end - vectorBegin) / PER_VECTOR;
    const int4* vectorData = reinterpret_cast<const int4*>(values + vectorBegin);
    long long v = threadIdx.x;
    for (; v + (LOADS_IN_FLIGHT - 1) * THREADS < vectors; v += LOADS_IN_FLIGHT * THREADS) {
        int4 loaded[LOADS_IN_FLIGHT];
#pragma unroll
        for (int u = 0; u < LOADS_IN_FLIGHT; ++u) {
            loaded[u] = __ldg(vectorData + v + u * THREADS);
        }
#pragma unroll
        for (int u = 0; u < LOADS_IN_FLIGHT; ++u) {
            const T* elements = reinterpret_cast<const T*>(&loaded[u]);
            const long long first = vectorBegin + (v + u * THREADS) * PER_VECTOR;
#pragma unroll
            for (int e = 0; e < PER_VECTOR; ++e) {
                lanes[e] = Op::combine(lanes[e], Op::lift(elements[e], first + e));
            }
        }
    }
    for (; v < vectors; v += THREADS) {
        int4 loaded = __ldg(vectorData + v);
        const T* elements = reinterpret_cast<const T*>(&loaded);
        const long long first = vectorBegin + v * PER_VECTOR;
#pragma unroll
        for (int e = 0; e < PER_VECTOR; ++e) {
            lanes[e] = Op::combine(lanes[e], Op::lift(elements[e], first + e));
        }
    }
    for (long long i = vectorBegin + vectors * PER_VECTOR + threadIdx.x; i < end; i += THREADS) {
        lanes[0] = Op::combine(lanes[0], Op::lift(values[i], i));
    }
    A accumulator = lanes[0];
#pragma unroll
    for (int e = 1; e < PER_VECTOR; ++e) {
        accumulator = Op::combine(accumulator, lanes[e]);
    }
    return accumulator;
}

// partials: one accumulator per block; finished: a counter zeroed before the launch; result: one Op::Result.
template <typename T, typename Op>
__device__ __forceinline__ void reduce(const T* __restrict__ values, long long count, long long share,
                                       typename Op::Accumulator* partials, unsigned int* finished,
                                       typename Op::Result* result) {
    using A = typename Op::Accumulator;
    __shared__ A scratch[THREADS / 32];
    __shared__ bool last;
    const long long begin = blockIdx.x * share < count ? blockIdx.x * share : count;
    const long long end = begin + share < count ? begin + share : count;
    A mine = fold_range<T, Op>(values, begin, end);
    A total = block_reduce<THREADS>(mine, scratch, Op::combine);
    if (threadIdx.x == 0) {
        partials[blockIdx.x] = total;
        __threadfence();  // the partial is visible to every block before the counter says so
        last = atomicAdd(finished, 1u) == gridDim.x - 1;
    }
    __syncthreads();
    if (!last) {
        return;
    }
    __threadfence();
    // The last block folds the partials, always in block order.
    A folded = Op::identity();
    for (int b = threadIdx.x; b < gridDim.x; b += THREADS) {
        folded = Op::combine(folded, reinterpret_cast<volatile A*>(partials)[b]);
    }
    __syncthreads();  // scratch is reused
    folded = block_reduce<THREADS>(folded, scratch, Op::combine);
    if (threadIdx.x == 0) {
        *result = Op::finish(folded);
    }
}

#define FORGE_REDUCE_KERNEL(NAME, T, OP)                                                                  \
    extern "C" __global__ void __launch_bounds__(THREADS)                                                 \
        NAME(const T* values, long long count, long long share, OP::Accumulator* partials,                \
             unsigned int* finished, OP::Result* result) {                                                \
        reduce<T, OP>(values, count, share, partials, finished, result);                                  \
    }

using SumInt32 = SumOf<int, long long>;
using SumInt64 = SumOf<long long, __int128>;
using SumFloat32 = SumOf<float, double>;
using SumFloat64 = SumOf<double, double>;
FORGE_REDUCE_KERNEL(reduce_sum_int32, int, SumInt32)
FORGE_REDUCE_KERNEL(reduce_sum_int64, long long, SumInt64)
FORGE_REDUCE_KERNEL(reduce_sum_float32, float, SumFloat32)
FORGE_REDUCE_KERNEL(reduce_sum_float64, double, SumFloat64)

using MinInt32 = ExtremeOf<int, false>;
using MinInt64 = ExtremeOf<long long, false>;
using MinFloat32 = ExtremeOf<float, false>;
using MinFloat64 = ExtremeOf<double, false>;
using MaxInt32 = ExtremeOf<int, true>;
using MaxInt64 = ExtremeOf<long long, true>;
using MaxFloat32 = ExtremeOf<float, true>;
using MaxFloat64 = ExtremeOf<double, true>;
FORGE_REDUCE_KERNEL(reduce_min_int32, int, MinInt32)
FORGE_REDUCE_KERNEL(reduce_min_int64, long long, MinInt64)
FORGE_REDUCE_KERNEL(reduce_min_float32, float, MinFloat32)
FORGE_REDUCE_KERNEL(reduce_min_float64, double, MinFloat64)
FORGE_REDUCE_KERNEL(reduce_max_int32, int, MaxInt32)
FORGE_REDUCE_KERNEL(reduce_max_int64, long long, MaxInt64)
FORGE_REDUCE_KERNEL(reduce_max_float32, float, MaxFloat32)
FORGE_REDUCE_KERNEL(reduce_max_float64, double, MaxFloat64)

using ArgMinInt32 = ArgExtremeOf<int, false>;
using ArgMinInt64 = ArgExtremeOf<long long, false>;
using ArgMinFloat32 = ArgExtremeOf<float, false>;
using ArgMinFloat64 = ArgExtremeOf<double, false>;
using ArgMaxInt32 = ArgExtremeOf<int, true>;
using ArgMaxInt64 = ArgExtremeOf<long long, true>;
using ArgMaxFloat32 = ArgExtremeOf<float, true>;
using ArgMaxFloat64 = ArgExtremeOf<double, true>;
FORGE_REDUCE_KERNEL(reduce_argmin_int32, int, ArgMinInt32)
FORGE_REDUCE_KERNEL(reduce_argmin_int64, long long, ArgMinInt64)
FORGE_REDUCE_KERNEL(reduce_argmin_float32, float, ArgMinFloat32)
FORGE_REDUCE_KERNEL(reduce_argmin_float64, double, ArgMinFloat64)
FORGE_REDUCE_KERNEL(reduce_argmax_int32, int, ArgMaxInt32)
FORGE_REDUCE_KERNEL(reduce_argmax_int64, long long, ArgMaxInt64)
FORGE_REDUCE_KERNEL(reduce_argmax_float32, float, ArgMaxFloat32)
FORGE_REDUCE_KERNEL(reduce_argmax_float64, double, ArgMaxFloat64)
