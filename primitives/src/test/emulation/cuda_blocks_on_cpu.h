// Enough of CUDA to run primitives' kernel sources on the CPU, with what the look-back kernels need beyond
// columnar's emulation (columnar/src/test/emulation/cuda_on_cpu.h): several blocks resident at once, so a tile
// really waits for its predecessors, and warp collectives (ballot, shuffles) with their barrier meaning.
//
// Each emulated multiprocessor is an OS thread that runs one block at a time, taking block indices in order; the
// block's CUDA threads are fibers (ucontext) on it. A fiber runs until it reaches a barrier (__syncthreads, a warp
// collective) or a spin in a look-back, then the next fiber runs; barriers release when every live thread of the
// block, or of the warp, has arrived. The multiprocessors take turns (one round of fibers each), so blocks
// interleave in a seeded random order but only one OS thread runs at a time. __shared__ variables are thread_local statics, so each
// multiprocessor has its own. Global atomics and the volatile tile words are atomics all the same. It checks the
// kernels' logic; it says nothing about speed and cannot expose every race real warps can.
#pragma once

#include <ucontext.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <random>
#include <thread>
#include <vector>

#define __global__
#define __device__
#define __host__
#define __forceinline__ inline
#define __launch_bounds__(...)
#define __restrict__ __restrict
#define __shared__ static thread_local

struct Dim3 {
    unsigned x = 1, y = 1, z = 1;
};

inline thread_local Dim3 threadIdx;
inline thread_local Dim3 blockIdx;
inline Dim3 blockDim;
inline Dim3 gridDim;

namespace cuda_on_cpu {

constexpr size_t kStackBytes = 128 * 1024;

struct Fiber {
    ucontext_t context;
    std::unique_ptr<char[]> stack{new char[kStackBytes]};
    bool finished = false;
};

struct Barrier {
    unsigned arrived = 0;
    unsigned long long generation = 0;
};

// What the fibers of the running block share: its barriers and each warp's exchange slots (two sets, used by
// alternate collectives, so a lane may write the next collective's slot before its peers read this one's).
struct Block {
    std::vector<Fiber> fibers;
    unsigned live = 0;
    Barrier block;
    std::vector<Barrier> warps;
    std::vector<unsigned> warpLive;
    std::vector<unsigned long long> slots;  // [warp][2][32]
    std::vector<bool> begun;
};

inline thread_local ucontext_t scheduler;
inline thread_local Fiber* running = nullptr;
inline thread_local Block* current = nullptr;
inline void (*fiber_body)(void*) = nullptr;
inline void* fiber_argument = nullptr;
inline thread_local Fiber* fiber_starting = nullptr;

inline void yield() { swapcontext(&running->context, &scheduler); }

inline void fiber_entry() {
    Fiber* self = fiber_starting;
    fiber_body(fiber_argument);
    self->finished = true;  // returning switches to uc_link, the scheduler
}

// Arrives at `barrier`, which releases when `expected` threads have arrived; waits for the release.
inline void arrive_and_wait(Barrier& barrier, const unsigned& expected) {
    const unsigned long long generation = barrier.generation;
    if (++barrier.arrived >= expected) {
        barrier.arrived = 0;
        ++barrier.generation;
        return;
    }
    while (barrier.generation == generation) {
        yield();
    }
}

// A warp collective: every lane of the warp deposits `mine`; returns the 32 deposits once all have.
inline const unsigned long long* warp_exchange(unsigned long long mine) {
    Block& block = *current;
    const unsigned warp = threadIdx.x / 32;
    const unsigned lane = threadIdx.x % 32;
    unsigned long long* slots = &block.slots[(warp * 2 + block.warps[warp].generation % 2) * 32];
    slots[lane] = mine;
    arrive_and_wait(block.warps[warp], block.warpLive[warp]);
    return slots;
}

inline void start_block(Block& block, unsigned threads) {
    for (unsigned t = 0; t < threads; ++t) {
        Fiber& fiber = block.fibers[t];
        fiber.finished = false;
        getcontext(&fiber.context);
        fiber.context.uc_stack.ss_sp = fiber.stack.get();
        fiber.context.uc_stack.ss_size = kStackBytes;
        fiber.context.uc_link = &scheduler;
        makecontext(&fiber.context, fiber_entry, 0);
    }
    block.live = threads;
    block.block = Barrier{};
    for (unsigned w = 0; w < block.warps.size(); ++w) {
        block.warps[w] = Barrier{};
        block.warpLive[w] = 32;
    }
    block.begun.assign(threads, false);
}

// Runs every live fiber of the block once, to its next barrier, spin or exit; false once all have exited.
inline bool run_round(Block& block, unsigned threads) {
    current = &block;
    for (unsigned t = 0; t < threads; ++t) {
        Fiber& fiber = block.fibers[t];
        if (fiber.finished) {
            continue;
        }
        threadIdx.x = t;
        running = &fiber;
        if (!block.begun[t]) {
            block.begun[t] = true;
            fiber_starting = &fiber;
        }
        swapcontext(&scheduler, &fiber.context);
        if (fiber.finished) {
            // An exited thread no longer counts at barriers; release any its exit completes.
            --block.live;
            --block.warpLive[t / 32];
            if (block.block.arrived > 0 && block.block.arrived >= block.live) {
                block.block.arrived = 0;
                ++block.block.generation;
            }
            Barrier& warp = block.warps[t / 32];
            if (warp.arrived > 0 && warp.arrived >= block.warpLive[t / 32]) {
                warp.arrived = 0;
                ++warp.generation;
            }
        }
    }
    return block.live > 0;
}

}  // namespace cuda_on_cpu

inline void __syncthreads() { cuda_on_cpu::arrive_and_wait(cuda_on_cpu::current->block, cuda_on_cpu::current->live); }

inline void __syncwarp(unsigned = 0xffffffffu) { cuda_on_cpu::warp_exchange(0); }

inline unsigned __ballot_sync(unsigned, bool predicate) {
    const unsigned long long* all = cuda_on_cpu::warp_exchange(predicate ? 1 : 0);
    unsigned lanes = 0;
    for (unsigned lane = 0; lane < 32; ++lane) {
        lanes |= static_cast<unsigned>(all[lane]) << lane;
    }
    return lanes;
}

// True when every lane of the warp that takes part (as __ballot_sync(mask, true) sees them) has the predicate.
inline bool __all_sync(unsigned mask, bool predicate) {
    const unsigned holding = __ballot_sync(mask, predicate);
    return holding == __ballot_sync(mask, true);
}

template <typename T>
T __shfl_sync(unsigned, T value, int source) {
    static_assert(sizeof(T) <= 8, "one word per lane");
    unsigned long long mine = 0;
    __builtin_memcpy(&mine, &value, sizeof(T));
    const unsigned long long theirs = cuda_on_cpu::warp_exchange(mine)[source % 32];
    T result;
    __builtin_memcpy(&result, &theirs, sizeof(T));
    return result;
}

template <typename T>
T __shfl_up_sync(unsigned mask, T value, unsigned delta) {
    const int lane = static_cast<int>(threadIdx.x % 32);
    const int source = lane - static_cast<int>(delta);
    return __shfl_sync(mask, value, source < 0 ? lane : source);
}

template <typename T>
T __shfl_down_sync(unsigned mask, T value, unsigned delta) {
    const int lane = static_cast<int>(threadIdx.x % 32);
    const int source = lane + static_cast<int>(delta);
    return __shfl_sync(mask, value, source > 31 ? lane : source);
}

inline int __popc(unsigned value) { return __builtin_popcount(value); }
inline int __ffs(unsigned value) { return __builtin_ffs(static_cast<int>(value)); }

inline unsigned atomicAdd(unsigned* address, unsigned value) {
    return __atomic_fetch_add(address, value, __ATOMIC_SEQ_CST);
}

inline void __threadfence() { std::atomic_thread_fence(std::memory_order_seq_cst); }

// 64-bit additions: only one OS thread runs at a time, so a plain read-modify-write is atomic enough.
inline unsigned long long atomicAdd(unsigned long long* address, unsigned long long value) {
    const unsigned long long old = *address;
    *address = old + value;
    return old;
}

// The bit casts between floating-point values and integers.
inline long long __double_as_longlong(double value) {
    long long bits;
    __builtin_memcpy(&bits, &value, sizeof bits);
    return bits;
}

inline double __longlong_as_double(long long bits) {
    double value;
    __builtin_memcpy(&value, &bits, sizeof value);
    return value;
}

inline int __float_as_int(float value) {
    int bits;
    __builtin_memcpy(&bits, &value, sizeof bits);
    return bits;
}

inline float __int_as_float(int bits) {
    float value;
    __builtin_memcpy(&value, &bits, sizeof value);
    return value;
}

// The memory helpers the kernels take from the GPU only (see radix_sort_block.cuh).
inline unsigned long long load_volatile(const unsigned long long* word) { return __atomic_load_n(word, __ATOMIC_ACQUIRE); }
inline unsigned load_volatile(const unsigned* word) { return __atomic_load_n(word, __ATOMIC_ACQUIRE); }
inline void store_volatile(unsigned long long* word, unsigned long long value) {
    __atomic_store_n(word, value, __ATOMIC_RELEASE);
}
inline void spin_pause() { cuda_on_cpu::yield(); }

// Runs `kernel` (a callable taking no arguments) as a 1-D grid of `grid` blocks of `block` threads on
// `multiprocessors` emulated multiprocessors, each taking the next block index in order. They take turns, one round
// of their block's fibers at a time, so that resident blocks interleave (a tile's predecessors are still at work when
// it looks back) while only one OS thread runs at a time; a block with a higher index never starts before one with a
// lower index, as on the GPU, which is what keeps the look-back free of deadlock.
template <typename Kernel>
void launch_on_cpu(unsigned grid, unsigned block, Kernel kernel, unsigned multiprocessors = 3) {
    using namespace cuda_on_cpu;
    if (block % 32 != 0) {
        std::fprintf(stderr, "launch_on_cpu: blocks of %u threads; the emulation needs whole warps\n", block);
        std::exit(2);
    }
    gridDim.x = grid;
    blockDim.x = block;
    fiber_body = [](void* argument) { (*static_cast<Kernel*>(argument))(); };
    fiber_argument = &kernel;
    // Resident blocks (fibers and their stacks) outlive a launch: allocating them is most of a small launch's cost.
    static std::vector<std::unique_ptr<Block>> residents;
    while (residents.size() < multiprocessors) {
        residents.push_back(std::make_unique<Block>());
    }
    std::mutex mutex;
    std::condition_variable turnChanged;
    unsigned turn = 0;
    unsigned nextBlock = 0;
    std::vector<bool> retired(multiprocessors, false);
    // The next turn goes to a multiprocessor drawn at random (seeded, so a failure repeats): some blocks run ahead
    // and others lag, so a tile finds predecessors that have published only their own counts, or nothing yet.
    static unsigned long long launches = 0;
    std::mt19937 draw(static_cast<unsigned>(++launches));
    auto passTurn = [&] {
        std::vector<unsigned> candidates;
        for (unsigned m = 0; m < multiprocessors; ++m) {
            if (!retired[m]) {
                candidates.push_back(m);
            }
        }
        if (!candidates.empty()) {
            turn = candidates[draw() % candidates.size()];
        }
        turnChanged.notify_all();
    };
    std::vector<std::thread> workers;
    for (unsigned m = 0; m < multiprocessors; ++m) {
        Block& resident = *residents[m];
        workers.emplace_back([&, m] {
            std::unique_lock<std::mutex> lock(mutex);
            if (resident.fibers.size() < block) {
                resident.fibers.resize(block);
            }
            resident.warps.resize(block / 32);
            resident.warpLive.resize(block / 32);
            resident.slots.resize(block / 32 * 2 * 32);
            turnChanged.wait(lock, [&] { return turn == m; });
            bool busy = false;
            for (;;) {
                if (!busy) {
                    if (nextBlock >= grid) {
                        break;
                    }
                    blockIdx.x = nextBlock++;
                    start_block(resident, block);
                }
                busy = run_round(resident, block);
                passTurn();
                turnChanged.wait(lock, [&] { return turn == m; });
            }
            retired[m] = true;
            passTurn();
        });
    }
    for (std::thread& worker : workers) {
        worker.join();
    }
}
