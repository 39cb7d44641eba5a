// Decoupled look-back (shared by scan.cu and select.cu): every tile publishes its own aggregate as soon as it knows
// it, and its inclusive prefix once it knows that, so a tile only waits for the nearest predecessor that has
// published a prefix. A State type stores one word per tile and offers publish(tile, status, value) and
// wait(tile, value), which spins until the tile has published something.
#pragma once

// What a tile has published: nothing yet, the sum of its own elements, or the sum of everything up to its end.
enum TileStatus : int { NOTHING = 0, AGGREGATE = 1, PREFIX = 2 };

// What tiles publish: status and sum in one word (8 bytes for 4-byte sums, 16 for 8-byte ones), written and read as
// one volatile access (strong, never served from a stale L1 line, never merged or hoisted by the compiler), so a
// reader needs one load and never sees a status without its sum. Like CUB's tile state, this relies on an aligned
// 16-byte access reaching L2 as one transaction. (Weak ld.cg/st.cg accesses gave wrong prefixes on the H100.)
__device__ __forceinline__ unsigned long long load_word(const unsigned long long* word) {
    unsigned long long value;
    asm volatile("ld.volatile.global.u64 %0, [%1];" : "=l"(value) : "l"(word) : "memory");
    return value;
}

__device__ __forceinline__ void store_word(unsigned long long* word, unsigned long long value) {
    asm volatile("st.volatile.global.u64 [%0], %1;" : : "l"(word), "l"(value) : "memory");
}

__device__ __forceinline__ longlong2 load_word(const longlong2* word) {
    longlong2 value;
    asm volatile("ld.volatile.global.v2.s64 {%0, %1}, [%2];" : "=l"(value.x), "=l"(value.y) : "l"(word) : "memory");
    return value;
}

__device__ __forceinline__ void store_word(longlong2* word, longlong2 value) {
    asm volatile("st.volatile.global.v2.s64 [%0], {%1, %2};" : : "l"(word), "l"(value.x), "l"(value.y) : "memory");
}

// Warp-wide sum of one value per lane in lane order, result in every lane.
template <typename A>
__device__ __forceinline__ A warp_sum(A value) {
#pragma unroll
    for (int delta = 1; delta < 32; delta *= 2) {
        A other = __shfl_down_sync(0xffffffffu, value, delta);
        if ((threadIdx.x % 32) + delta < 32) {
            value += other;
        }
    }
    return __shfl_sync(0xffffffffu, value, 0);
}

// Run by warp 0 of tile `tile` > 0: the sum of all elements before the tile. Lane i looks at predecessor
// `window - i`; the window moves back 32 tiles at a time until one of them has published its prefix.
template <typename A, typename State>
__device__ __forceinline__ A look_back(long long tile, State& state) {
    const int lane = threadIdx.x % 32;
    A before = A(0);
    for (long long window = tile - 1;; window -= 32) {
        const long long predecessor = window - lane;
        TileStatus status = PREFIX;
        A value = A(0);
        if (predecessor >= 0) {
            status = state.wait(predecessor, value);
        }
        const unsigned int prefixLanes = __ballot_sync(0xffffffffu, status == PREFIX);
        const int stop = prefixLanes ? __ffs(prefixLanes) - 1 : 32;  // nearest predecessor with a prefix
        before += warp_sum(lane <= stop ? value : A(0));
        if (prefixLanes) {
            return before;
        }
    }
}
