// What hash_table.cu and group_by.cu need beyond cuda_blocks_on_cpu.h (several blocks resident at once, CUDA
// threads as fibers, real warp collectives): 64-bit and compare-and-swap atomics, the memory-order helpers and the
// dynamic shared memory that group_by.cuh takes from the GPU only, and bit-cast intrinsics. Only one OS thread runs
// at a time, so atomics are plain read-modify-writes; a compare-and-swap that claims a slot switches to another
// thread at once, so that others find the slot claimed before its keys are published and must wait, as on the GPU.
#pragma once

#include "cuda_blocks_on_cpu.h"

#include <cmath>
#include <cstring>

#define __align__(bytes) alignas(bytes)

template <typename T>
inline T compare_and_swap(T* address, T expected, T desired) {
    const T old = *address;
    if (old == expected) {
        *address = desired;
    }
    return old;
}

inline unsigned atomicCAS(unsigned* address, unsigned expected, unsigned desired) {
    const unsigned old = compare_and_swap(address, expected, desired);
    cuda_on_cpu::yield();
    return old;
}

inline unsigned long long atomicCAS(unsigned long long* address, unsigned long long expected,
                                    unsigned long long desired) {
    const unsigned long long old = compare_and_swap(address, expected, desired);
    cuda_on_cpu::yield();
    return old;
}

inline unsigned long long atomicMax(unsigned long long* address, unsigned long long value) {
    const unsigned long long old = *address;
    *address = value > old ? value : old;
    return old;
}

inline unsigned atomicMax(unsigned* address, unsigned value) {
    const unsigned old = *address;
    *address = value > old ? value : old;
    return old;
}

inline unsigned long long atomicOr(unsigned long long* address, unsigned long long value) {
    const unsigned long long old = *address;
    *address = old | value;
    return old;
}

inline unsigned long long acquire_load(const unsigned long long* word) { return *word; }
inline unsigned long long relaxed_load(const unsigned long long* word) { return *word; }
inline void release_store(unsigned long long* word, unsigned long long value) { *word = value; }
inline void table_spin_pause() { cuda_on_cpu::yield(); }

namespace cuda_on_cpu {
// Each emulated multiprocessor runs one block at a time: its dynamic shared memory (GpuGroupBy stays below 48 KiB).
inline thread_local unsigned long long block_shared[48 * 1024 / 8];
}  // namespace cuda_on_cpu

inline unsigned long long* block_shared_words() { return cuda_on_cpu::block_shared; }

inline int __clzll(long long value) {
    return value == 0 ? 64 : __builtin_clzll(static_cast<unsigned long long>(value));
}
