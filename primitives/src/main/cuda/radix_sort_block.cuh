// Block- and warp-level pieces of the radix sort (radix_sort.cu): volatile tile words for the look-back, digit
// matching within a warp, and a block-wide exclusive sum of one counter per thread. Written out instead of taken
// from CUB so that the same source also runs on the CPU emulation the tests use where there is no GPU
// (src/test/emulation), which supplies its own versions of the three memory helpers below.
#pragma once

#ifdef __CUDACC__
// Tile words are written and read as single volatile accesses: strong, never served from a stale L1 line, never
// merged or hoisted by the compiler. Weak ld.cg/st.cg accesses gave wrong look-back prefixes on the H100 (see
// scan.cu), so the sort uses the same kind of access.
__device__ __forceinline__ unsigned long long load_volatile(const unsigned long long* word) {
    unsigned long long value;
    asm volatile("ld.volatile.global.u64 %0, [%1];" : "=l"(value) : "l"(word) : "memory");
    return value;
}

__device__ __forceinline__ void store_volatile(unsigned long long* word, unsigned long long value) {
    asm volatile("st.volatile.global.u64 [%0], %1;" : : "l"(word), "l"(value) : "memory");
}

__device__ __forceinline__ unsigned int load_volatile(const unsigned int* word) {
    unsigned int value;
    asm volatile("ld.volatile.global.u32 %0, [%1];" : "=r"(value) : "l"(word) : "memory");
    return value;
}

// Called while a look-back waits for a predecessor tile; nothing to do on the GPU.
__device__ __forceinline__ void spin_pause() {}
#endif

constexpr unsigned int FULL_WARP = 0xffffffffu;

__device__ __forceinline__ int lane_index() { return static_cast<int>(threadIdx.x % 32); }

// The lanes of this warp whose 8-bit digit equals this lane's (this lane included): one ballot per digit bit.
__device__ __forceinline__ unsigned int lanes_with_same_digit(unsigned int digit) {
    unsigned int peers = FULL_WARP;
#pragma unroll
    for (int bit = 0; bit < 8; ++bit) {
        const bool set = (digit >> bit) & 1u;
        const unsigned int lanes = __ballot_sync(FULL_WARP, set);
        peers &= set ? lanes : ~lanes;
    }
    return peers;
}

// The exclusive sum of `value` over the threads of the block in thread order. `warpTotals` is shared memory with
// one word per warp; every thread of the block must call this.
template <int THREADS>
__device__ __forceinline__ unsigned int block_exclusive_sum(unsigned int value, unsigned int* warpTotals) {
    const int lane = lane_index();
    const int warp = static_cast<int>(threadIdx.x / 32);
    unsigned int inclusive = value;
#pragma unroll
    for (int delta = 1; delta < 32; delta *= 2) {
        const unsigned int other = __shfl_up_sync(FULL_WARP, inclusive, delta);
        if (lane >= delta) {
            inclusive += other;
        }
    }
    if (lane == 31) {
        warpTotals[warp] = inclusive;
    }
    __syncthreads();
    unsigned int before = 0;
    for (int w = 0; w < warp; ++w) {
        before += warpTotals[w];
    }
    __syncthreads();  // warpTotals may be reused as soon as this returns
    return before + inclusive - value;
}
