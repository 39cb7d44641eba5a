// What the kernels of select.cu, gather.cu and histogram.cu need beyond columnar's cuda_on_cpu.h (threads as fibers,
// one block at a time): atomics (plain, since one OS thread runs everything), warp matching, shuffles and votes
// through a block-wide barrier (every lane of the block reaches them together in these kernels), integer and
// rounding intrinsics, and CUB's block load, scan and reduce in their simplest form. KernelEmulationTest strips the kernels' CUB includes and puts
// look_back_on_cpu.h in place of the decoupled look-back before compiling.
#pragma once

#include "cuda_on_cpu.h"

#include <cstring>

#define __launch_bounds__(threads)
#define __syncthreads() __syncwarp()

struct uint4 {
    unsigned int x, y, z, w;
};

struct uint2 {
    unsigned int x, y;
};

template <typename T, typename U>
inline T atomicAdd(T* address, U value) {
    T old = *address;
    *address = old + static_cast<T>(value);
    return old;
}

inline unsigned long long atomicMin(unsigned long long* address, unsigned long long value) {
    unsigned long long old = *address;
    *address = value < old ? value : old;
    return old;
}

inline int __popc(unsigned int value) { return __builtin_popcount(value); }
inline int __ffs(unsigned int value) { return __builtin_ffs(static_cast<int>(value)); }
inline unsigned long long __umul64hi(unsigned long long a, unsigned long long b) {
    return static_cast<unsigned long long>((static_cast<unsigned __int128>(a) * b) >> 64);
}
// __ldg comes from columnar's cuda_on_cpu.h
// volatile keeps the host compiler from fusing the two roundings into one, as the _rn intrinsics do on the GPU
inline double __dsub_rn(double a, double b) { volatile double result = a - b; return result; }
inline double __dmul_rn(double a, double b) { volatile double result = a * b; return result; }

namespace cuda_on_cpu {
inline long long lane_slots[1024];
// histogram.cu's dynamic shared memory: KernelEmulationTest points its extern __shared__ array at this fixed-size
// array (cuda_on_cpu.h's dynamic_shared is the launch-sized one launch_on_cpu fills)
inline unsigned int histogram_shared[65536];
}

inline unsigned int __match_any_sync(unsigned int, int value) {
    using cuda_on_cpu::lane_slots;
    lane_slots[threadIdx.x] = value;
    __syncwarp();
    const unsigned int warp = threadIdx.x / 32 * 32;
    unsigned int peers = 0;
    for (unsigned int lane = 0; lane < 32; ++lane) {
        if (warp + lane < blockDim.x && lane_slots[warp + lane] == value) {
            peers |= 1u << lane;
        }
    }
    __syncwarp();  // nobody overwrites a slot before every lane has read them
    return peers;
}

// Lane `source`'s value, through the same block-wide barrier as __match_any_sync.
inline int __shfl_sync(unsigned int, int value, int source) {
    using cuda_on_cpu::lane_slots;
    lane_slots[threadIdx.x] = value;
    __syncwarp();
    const int result = static_cast<int>(lane_slots[threadIdx.x / 32 * 32 + source]);
    __syncwarp();
    return result;
}

inline bool __all_sync(unsigned int, bool predicate) {
    using cuda_on_cpu::lane_slots;
    lane_slots[threadIdx.x] = predicate;
    __syncwarp();
    const unsigned int warp = threadIdx.x / 32 * 32;
    bool all = true;
    for (unsigned int lane = 0; lane < 32 && warp + lane < blockDim.x; ++lane) {
        all &= lane_slots[warp + lane] != 0;
    }
    __syncwarp();
    return all;
}

namespace cub {
enum BlockAlgorithm { BLOCK_LOAD_WARP_TRANSPOSE, BLOCK_SCAN_WARP_SCANS };

template <typename T, int THREADS, int ITEMS, BlockAlgorithm = BLOCK_LOAD_WARP_TRANSPOSE>
struct BlockLoad {
    struct TempStorage {};
    explicit BlockLoad(TempStorage&) {}
    void Load(const T* input, T (&items)[ITEMS]) { Load(input, items, THREADS * ITEMS, T()); }
    void Load(const T* input, T (&items)[ITEMS], int valid, T fill) {
        for (int j = 0; j < ITEMS; ++j) {
            const int index = static_cast<int>(threadIdx.x) * ITEMS + j;
            items[j] = index < valid ? input[index] : fill;
        }
        __syncwarp();
    }
};

template <typename T, int THREADS, BlockAlgorithm = BLOCK_SCAN_WARP_SCANS>
struct BlockScan {
    struct TempStorage {};
    explicit BlockScan(TempStorage&) {}
    void ExclusiveSum(T input, T& output, T& aggregate) {
        cuda_on_cpu::lane_slots[threadIdx.x] = static_cast<long long>(input);
        __syncwarp();
        T total = T();
        for (unsigned int thread = 0; thread < blockDim.x; ++thread) {
            if (thread == threadIdx.x) {
                output = total;
            }
            total += static_cast<T>(cuda_on_cpu::lane_slots[thread]);
        }
        aggregate = total;
        __syncwarp();
    }
};

template <typename T, int THREADS>
struct BlockReduce {
    struct TempStorage {};
    explicit BlockReduce(TempStorage&) {}
    T Sum(T input) {
        cuda_on_cpu::lane_slots[threadIdx.x] = static_cast<long long>(input);
        __syncwarp();
        T total = T();
        for (unsigned int thread = 0; thread < blockDim.x; ++thread) {
            total += static_cast<T>(cuda_on_cpu::lane_slots[thread]);
        }
        __syncwarp();
        return total;
    }
};
}  // namespace cub
