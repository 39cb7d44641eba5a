// What run_length.cu, segmented_reduce.cu and top_k.cu need beyond cuda_blocks_on_cpu.h: more warp collectives
// (xor shuffles, matching), __clz, rounding adds, more atomics, and the look-back's 16-byte tile words. Only one OS
// thread runs at a time there, so the atomics and tile words need no more than the sequentially consistent builtins
// below to behave as on the GPU.
#pragma once

#include "cuda_blocks_on_cpu.h"


template <typename T>
T __shfl_xor_sync(unsigned mask, T value, int laneMask) {
    const int lane = static_cast<int>(threadIdx.x % 32);
    return __shfl_sync(mask, value, lane ^ laneMask);
}

inline unsigned __match_any_sync(unsigned, int value) {
    const unsigned long long* all = cuda_on_cpu::warp_exchange(static_cast<unsigned>(value));
    unsigned peers = 0;
    for (unsigned lane = 0; lane < 32; ++lane) {
        if (static_cast<unsigned>(all[lane]) == static_cast<unsigned>(value)) {
            peers |= 1u << lane;
        }
    }
    return peers;
}

inline int __clz(unsigned value) { return value == 0 ? 32 : __builtin_clz(value); }

// volatile keeps the host compiler from keeping or contracting anything in wider precision
inline float __fadd_rn(float a, float b) {
    volatile float sum = a + b;
    return sum;
}
inline double __dadd_rn(double a, double b) {
    volatile double sum = a + b;
    return sum;
}

inline unsigned atomicOr(unsigned* address, unsigned value) { return __atomic_fetch_or(address, value, __ATOMIC_SEQ_CST); }
inline unsigned long long atomicMin(unsigned long long* address, unsigned long long value) {
    unsigned long long seen = __atomic_load_n(address, __ATOMIC_SEQ_CST);
    while (value < seen && !__atomic_compare_exchange_n(address, &seen, value, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
    }
    return seen;
}

inline unsigned long long read_counter(const unsigned long long* counter) {
    return __atomic_load_n(counter, __ATOMIC_SEQ_CST);
}

struct TileWord;
inline TileWord load_tile_word(const TileWord* word);
inline void store_tile_word(TileWord* word, TileWord value);
inline void look_back_pause() { cuda_on_cpu::yield(); }
