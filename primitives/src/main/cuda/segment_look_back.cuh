// Decoupled look-back for the segmented kernels (run_length.cu, segmented_reduce.cu), carrying two things across
// tiles: how many runs began before a tile (an integer sum, any order) and the value of the segment still open at
// the tile's start (a fold that, for floating sums, must follow SegmentedSumOrder to the bit).
//
// Each tile publishes one 16-byte word: a control word (status, whether the tile holds a segment start, and a count)
// and the value of the segment open at its end. A tile with a segment start knows that value at once (the fold from
// its last start); a tile without one knows only its own fold and learns the rest from its predecessors. The
// backward walk reads 32 predecessors at a time, counting until it meets a prefix; the value is then folded forward,
// left to right, from the nearest tile that knew its value. Re-reading those tiles is safe however far they have
// got since: a tile that has published its prefix meanwhile gives the same value the fold would have built.
#pragma once

#include "segment_operators.cuh"

enum SegmentTileStatus : unsigned int { SEGMENT_TILE_NOTHING = 0, SEGMENT_TILE_AGGREGATE = 1, SEGMENT_TILE_PREFIX = 2 };

struct alignas(16) TileWord {
    unsigned long long control;  // status << 62 | holds a segment start << 61 | count
    unsigned long long value;
};

constexpr int TILE_STATUS_SHIFT = 62;
constexpr unsigned long long TILE_HEAD_BIT = 1ull << 61;
constexpr unsigned long long TILE_COUNT_BITS = TILE_HEAD_BIT - 1;

#ifdef __CUDACC__
// One volatile 16-byte access each way (as scan.cu's tile words): strong, never served from a stale L1 line, and a
// reader never sees a status without its payload.
__device__ __forceinline__ TileWord load_tile_word(const TileWord* word) {
    TileWord seen;
    asm volatile("ld.volatile.global.v2.u64 {%0, %1}, [%2];" : "=l"(seen.control), "=l"(seen.value) : "l"(word) : "memory");
    return seen;
}

__device__ __forceinline__ void store_tile_word(TileWord* word, TileWord value) {
    asm volatile("st.volatile.global.v2.u64 [%0], {%1, %2};" : : "l"(word), "l"(value.control), "l"(value.value) : "memory");
}

// Called while the look-back waits for a predecessor; nothing to do on the GPU.
__device__ __forceinline__ void look_back_pause() {}
#endif

__device__ __forceinline__ void publish_tile(TileWord* words, long long tile, SegmentTileStatus status, bool hasHead,
                                             unsigned long long count, unsigned long long value) {
    TileWord word;
    word.control = (static_cast<unsigned long long>(status) << TILE_STATUS_SHIFT) | (hasHead ? TILE_HEAD_BIT : 0ull) |
                   (count & TILE_COUNT_BITS);
    word.value = value;
    store_tile_word(words + tile, word);
}

__device__ __forceinline__ unsigned int tile_status(const TileWord& word) {
    return static_cast<unsigned int>(word.control >> TILE_STATUS_SHIFT);
}

__device__ __forceinline__ bool tile_has_head(const TileWord& word) { return (word.control & TILE_HEAD_BIT) != 0; }

__device__ __forceinline__ unsigned long long warp_sum(unsigned long long value) {
#pragma unroll
    for (int delta = 16; delta > 0; delta /= 2) {
        value += __shfl_xor_sync(0xffffffffu, value, delta);
    }
    return value;
}

template <typename A>
struct LookedBack {
    unsigned long long countBefore;  // runs begun before the tile (COUNTS only)
    A carry;                         // the value of the segment open at the tile's start
};

// Run by all of warp 0 of tile `tile` > 0, after the tile published its own word. With COUNTS the walk goes back to
// the nearest prefix (the count needs it); without, a tile that holds a segment start publishes its prefix at once
// and the walk stops at the first tile that knew its value.
template <typename Op, bool COUNTS>
__device__ __forceinline__ LookedBack<typename Op::A> look_back(long long tile, TileWord* words) {
    using A = typename Op::A;
    const int lane = static_cast<int>(threadIdx.x % 32);
    unsigned long long countBefore = 0;
    long long valueFrom = -1;  // the nearest predecessor that knew its value
    for (long long window = tile - 1;; window -= 32) {
        const long long predecessor = window - lane;
        TileWord seen;
        seen.control = static_cast<unsigned long long>(SEGMENT_TILE_PREFIX) << TILE_STATUS_SHIFT;  // before tile 0
        seen.value = 0;
        if (predecessor >= 0) {
            while (tile_status(seen = load_tile_word(words + predecessor)) == SEGMENT_TILE_NOTHING) {
                look_back_pause();
            }
        }
        const bool prefix = tile_status(seen) == SEGMENT_TILE_PREFIX;
        const unsigned int prefixLanes = __ballot_sync(0xffffffffu, prefix);
        const unsigned int knownLanes = __ballot_sync(0xffffffffu, prefix || tile_has_head(seen));
        if (valueFrom < 0 && knownLanes != 0) {
            valueFrom = window - (__ffs(knownLanes) - 1);
        }
        if (COUNTS) {
            const int stop = prefixLanes != 0 ? __ffs(prefixLanes) - 1 : 31;
            countBefore += warp_sum(lane <= stop ? seen.control & TILE_COUNT_BITS : 0ull);
        }
        if (COUNTS ? prefixLanes != 0 : knownLanes != 0) {
            break;
        }
    }
    // Fold forward from valueFrom: every tile after it lacks a segment start, so it adds its own fold.
    A carry = Op::identity();
    for (long long base = valueFrom; base < tile; base += 32) {
        const long long predecessor = base + lane;
        TileWord seen;
        seen.control = 0;
        seen.value = 0;
        if (predecessor < tile) {
            seen = load_tile_word(words + predecessor);  // published: the walk above waited for it
        }
        const int known = predecessor == valueFrom || tile_status(seen) == SEGMENT_TILE_PREFIX || tile_has_head(seen);
        A value;
        from_word(seen.value, value);
        const long long remaining = tile - base;
        const int lanes = remaining < 32 ? static_cast<int>(remaining) : 32;
        for (int source = 0; source < lanes; ++source) {
            const A next = __shfl_sync(0xffffffffu, value, source);
            carry = __shfl_sync(0xffffffffu, known, source) ? next : Op::combine(carry, next);
        }
    }
    return {countBefore, carry};
}
