// What generated pipeline kernels need of CUDA beyond primitives' cuda_blocks_on_cpu.h (blocks as fibers, barriers,
// warp shuffles): the 32- and 64-bit atomics, double atomics and bit casts. Then the pipeline header itself, so a
// driver can include generated kernel sources after this file. Atomics are real atomics; only one OS thread runs at a
// time in the emulation, but fibers interleave at barriers and collectives.
//
// Each is a function template with a defaulted parameter: where cuda_blocks_on_cpu.h defines the same function (it
// gains some over time), overload resolution prefers its plain function and this one is never used; elsewhere this
// one is the only candidate. So this header works with either version and never redefines a function.
#pragma once

#include <cmath>
#include <cstring>

#include "cuda_blocks_on_cpu.h"

template <typename Unused = void>
inline int atomicCAS(int* address, int expected, int desired) {
    __atomic_compare_exchange_n(address, &expected, desired, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    return expected;
}

template <typename Unused = void>
inline unsigned long long atomicCAS(unsigned long long* address, unsigned long long expected,
                                    unsigned long long desired) {
    __atomic_compare_exchange_n(address, &expected, desired, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    return expected;
}

template <typename Unused = void>
inline unsigned long long atomicExch(unsigned long long* address, unsigned long long value) {
    return __atomic_exchange_n(address, value, __ATOMIC_SEQ_CST);
}

template <typename Unused = void>
inline unsigned long long atomicAdd(unsigned long long* address, unsigned long long value) {
    return __atomic_fetch_add(address, value, __ATOMIC_SEQ_CST);
}

template <typename Unused = void>
inline double atomicAdd(double* address, double value) {
    double seen = *address;
    double next;
    do {
        next = seen + value;
    } while (!__atomic_compare_exchange(address, &seen, &next, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST));
    return seen;
}

template <typename Unused = void>
inline unsigned long long atomicMax(unsigned long long* address, unsigned long long value) {
    unsigned long long seen = __atomic_load_n(address, __ATOMIC_SEQ_CST);
    while (seen < value && !__atomic_compare_exchange_n(address, &seen, value, false, __ATOMIC_SEQ_CST,
                                                         __ATOMIC_SEQ_CST)) {
    }
    return seen;
}

// The lanes whose value equals this lane's; the emulation's collectives take the whole warp, as the kernels call them.
template <typename Unused = void>
inline unsigned __match_any_sync(unsigned, int value) {
    const unsigned long long* all = cuda_on_cpu::warp_exchange(static_cast<unsigned long long>(value));
    unsigned lanes = 0;
    for (unsigned lane = 0; lane < 32; ++lane) {
        lanes |= (all[lane] == static_cast<unsigned long long>(value) ? 1u : 0u) << lane;
    }
    return lanes;
}

// True when the predicate holds on some lane of the warp.
template <typename Unused = void>
inline bool __any_sync(unsigned mask, bool predicate) {
    return __ballot_sync(mask, predicate) != 0u;
}

template <typename Unused = void>
inline void __threadfence_block() {
    std::atomic_thread_fence(std::memory_order_seq_cst);
}

template <typename Unused = void>
inline void __threadfence() {
    std::atomic_thread_fence(std::memory_order_seq_cst);
}

template <typename T>
inline T __ldcg(const T* address) {
    return *address;
}

template <typename Unused = void>
inline long long __double_as_longlong(double value) {
    long long bits;
    std::memcpy(&bits, &value, sizeof bits);
    return bits;
}

template <typename Unused = void>
inline double __longlong_as_double(long long bits) {
    double value;
    std::memcpy(&value, &bits, sizeof value);
    return value;
}

#include "forge_pipeline.cuh"
