// Just enough of CUDA to run Forge's kernel sources on the CPU: every CUDA thread of a block becomes a fiber
// (ucontext) on one OS thread, run in turn; __syncwarp and __syncthreads switch back to the scheduler, which resumes
// each thread only after every thread of the block has reached its next barrier or finished. Both barriers are thus
// block-wide here, which is right as long as the threads of a block meet the same sequence of __syncthreads (the
// kernels' warps may differ in how many __syncwarp they make, since a warp only ever waits for itself). Blocks run
// one after another. It checks the kernels' logic (indexing, bit arithmetic, patches, shared-memory tiles) on
// machines without a GPU; it says nothing about speed, and cannot catch races that only real warps would expose.
#pragma once

#include <ucontext.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <vector>

#define __global__
#define __device__
#define __forceinline__ inline
#define __restrict__ __restrict
#define __launch_bounds__(...)
#define __align__(bytes) __attribute__((aligned(bytes)))
// A kernel's __shared__ arrays become function statics: shared by the threads of the one block that runs at a time.
#define __shared__ static

struct Dim3 {
    unsigned x = 1, y = 1, z = 1;
};

inline Dim3 threadIdx;
inline Dim3 blockIdx;
inline Dim3 blockDim;
inline Dim3 gridDim;

namespace cuda_on_cpu {

constexpr size_t kStackBytes = 64 * 1024;

inline ucontext_t scheduler;
inline ucontext_t* running = nullptr;

struct Fiber {
    ucontext_t context;
    std::unique_ptr<char[]> stack{new char[kStackBytes]};
    bool finished = false;
};

inline void (*fiber_body)(void*) = nullptr;
inline void* fiber_argument = nullptr;
inline Fiber* fiber_starting = nullptr;

inline void fiber_entry() {
    Fiber* self = fiber_starting;
    fiber_body(fiber_argument);
    self->finished = true;  // returning switches to uc_link, the scheduler
}

}  // namespace cuda_on_cpu

inline void __syncwarp(unsigned = 0xffffffffu) {
    swapcontext(cuda_on_cpu::running, &cuda_on_cpu::scheduler);
}

inline void __syncthreads() {
    swapcontext(cuda_on_cpu::running, &cuda_on_cpu::scheduler);
}

// The low 32 bits of the 64-bit number high:low shifted right by shift % 32.
inline unsigned __funnelshift_r(unsigned low, unsigned high, unsigned shift) {
    return static_cast<unsigned>(((static_cast<unsigned long long>(high) << 32) | low) >> (shift & 31));
}

template <typename T>
T __ldg(const T* address) {
    return *address;
}

namespace cuda_on_cpu {

struct alignas(16) SharedChunk {
    unsigned char bytes[16];
};

// The dynamic shared memory of the block that runs: one buffer, since blocks run one at a time.
inline std::vector<SharedChunk> dynamic_shared;

}  // namespace cuda_on_cpu

// A kernel's `extern __shared__` array (see decode.cu), sized by the launch.
#define FORGE_DYNAMIC_SHARED_MEMORY(name) \
    unsigned char* name = reinterpret_cast<unsigned char*>(cuda_on_cpu::dynamic_shared.data())

// Runs `kernel` (a callable taking no arguments) as a 1-D grid of `grid` blocks of `block` threads, each block with
// `shared_bytes` of dynamic shared memory (filled with garbage, as on a GPU).
template <typename Kernel>
void launch_on_cpu(unsigned grid, unsigned block, size_t shared_bytes, Kernel kernel) {
    using namespace cuda_on_cpu;
    dynamic_shared.assign((shared_bytes + 15) / 16, SharedChunk{});
    if (!dynamic_shared.empty()) {
        std::memset(dynamic_shared.data(), 0xCD, dynamic_shared.size() * sizeof(SharedChunk));
    }
    gridDim.x = grid;
    blockDim.x = block;
    fiber_body = [](void* argument) { (*static_cast<Kernel*>(argument))(); };
    fiber_argument = &kernel;
    for (unsigned b = 0; b < grid; ++b) {
        blockIdx.x = b;
        std::vector<Fiber> fibers(block);
        for (unsigned t = 0; t < block; ++t) {
            getcontext(&fibers[t].context);
            fibers[t].context.uc_stack.ss_sp = fibers[t].stack.get();
            fibers[t].context.uc_stack.ss_size = kStackBytes;
            fibers[t].context.uc_link = &scheduler;
            makecontext(&fibers[t].context, fiber_entry, 0);
        }
        std::vector<bool> begun(block, false);
        bool any_running = true;
        while (any_running) {
            any_running = false;
            for (unsigned t = 0; t < block; ++t) {
                if (fibers[t].finished) {
                    continue;
                }
                threadIdx.x = t;
                running = &fibers[t].context;
                if (!begun[t]) {
                    begun[t] = true;
                    fiber_starting = &fibers[t];
                }
                swapcontext(&scheduler, &fibers[t].context);
                any_running |= !fibers[t].finished;
            }
        }
    }
}

template <typename Kernel>
void launch_on_cpu(unsigned grid, unsigned block, Kernel kernel) {
    launch_on_cpu(grid, block, 0, kernel);
}
