// Block-wide reductions in a fixed order (warp shuffles, then one warp over the warp results), so a result depends
// only on the values each thread holds, never on timing.
#pragma once

template <typename T>
__device__ __forceinline__ T shuffle_down(T value, int delta) {
    return __shfl_down_sync(0xffffffffu, value, delta);
}

// 128-bit integers travel as two 64-bit halves.
template <>
__device__ __forceinline__ __int128 shuffle_down<__int128>(__int128 value, int delta) {
    unsigned long long low = static_cast<unsigned long long>(value);
    long long high = static_cast<long long>(value >> 64);
    low = __shfl_down_sync(0xffffffffu, low, delta);
    high = __shfl_down_sync(0xffffffffu, high, delta);
    return (static_cast<__int128>(high) << 64) | low;
}

// Reduces one value per thread with `combine` and returns the result in thread 0 (other threads: unspecified).
// `scratch` needs one element per warp.
template <int THREADS, typename T, typename Combine>
__device__ __forceinline__ T block_reduce(T value, T* scratch, Combine combine) {
    static_assert(THREADS % 32 == 0 && THREADS <= 1024, "whole warps, at most 32 of them");
    constexpr int WARPS = THREADS / 32;
    const int lane = threadIdx.x % 32;
    const int warp = threadIdx.x / 32;
#pragma unroll
    for (int delta = 16; delta > 0; delta /= 2) {
        value = combine(value, shuffle_down(value, delta));
    }
    if (lane == 0) {
        scratch[warp] = value;
    }
    __syncthreads();
    if (warp == 0) {
        value = scratch[lane < WARPS ? lane : 0];
#pragma unroll
        for (int delta = 16; delta > 0; delta /= 2) {
            T other = shuffle_down(value, delta);
            if (lane + delta < WARPS) {
                value = combine(value, other);
            }
        }
    }
    return value;
}
