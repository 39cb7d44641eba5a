// Block-level pieces of the segmented kernels (run_length.cu, segmented_reduce.cu): loading a thread's consecutive
// values, and folding segments across a tile in the order SegmentedSumOrder.java defines. A thread folds its group of
// values left to right; a warp folds its threads' pieces left to right; the block folds its warps'; the tiles chain
// through the look-back (segment_look_back.cuh). Every fold starts from the operator's identity, as the CPU twin's
// does, and a segment start ("head") restarts it.
//
// Terms: a thread's "first piece" is the fold of its values before its first head (all of them when it has none),
// its "tail" the fold from its last head to its end (equal to the first piece when it has no head). A warp's tail is
// the fold of its threads' tails since the warp's last head, a tile's likewise over its warps.
#pragma once

#include "segment_look_back.cuh"

// Loads `items` from source[first ...]; positions at or past `count` get `fill`. Whole groups at a 16-byte aligned
// address move as 16-byte vectors.
template <typename T, int ITEMS>
__device__ __forceinline__ void load_group(const T* source, long long first, long long count, T (&items)[ITEMS],
                                           T fill) {
    struct alignas(16) SixteenBytes {
        unsigned long long low;
        unsigned long long high;
    };
    constexpr int PER_VECTOR = 16 / sizeof(T);
    const T* start = source + first;
    if (ITEMS % PER_VECTOR == 0 && first + ITEMS <= count && reinterpret_cast<unsigned long long>(start) % 16 == 0) {
        SixteenBytes vectors[ITEMS / PER_VECTOR > 0 ? ITEMS / PER_VECTOR : 1];
#pragma unroll
        for (int v = 0; v < ITEMS / PER_VECTOR; ++v) {
            vectors[v] = reinterpret_cast<const SixteenBytes*>(start)[v];
        }
#ifdef __CUDACC__
        // as CUB's vectorized loads do: the vectors are registers, read back as elements
        const T* unpacked = reinterpret_cast<const T*>(vectors);
#pragma unroll
        for (int j = 0; j < ITEMS; ++j) {
            items[j] = unpacked[j];
        }
#else
        __builtin_memcpy(items, vectors, sizeof(T) * ITEMS);
#endif
        return;
    }
#pragma unroll
    for (int j = 0; j < ITEMS; ++j) {
        items[j] = first + j < count ? start[j] : fill;
    }
}

template <typename A>
struct ThreadPieces {
    A first;
    A tail;
};

// Folds a thread's values; bit j of `heads` says that value j starts a segment.
template <typename Op, int ITEMS>
__device__ __forceinline__ ThreadPieces<typename Op::A> fold_thread(const typename Op::A (&values)[ITEMS],
                                                                    unsigned int heads) {
    using A = typename Op::A;
    A first = Op::identity();
    A running = Op::identity();
    bool seenHead = false;
#pragma unroll
    for (int j = 0; j < ITEMS; ++j) {
        if ((heads >> j) & 1u) {
            if (!seenHead) {
                first = running;
            }
            seenHead = true;
            running = Op::identity();
        }
        running = Op::combine(running, values[j]);
    }
    return {seenHead ? first : running, running};
}

template <typename A>
struct LaneFold {
    A before;          // the fold of the open segment over this warp's earlier lanes (identity in lane 0)
    bool headBefore;   // an earlier lane of this warp holds a head
    A warpTail;        // the warp's tail (every lane)
    bool warpHasHead;  // some lane of the warp holds a head (every lane)
};

template <typename T>
__device__ __forceinline__ T warp_max(T value) {
#pragma unroll
    for (int delta = 16; delta > 0; delta /= 2) {
        const T other = __shfl_xor_sync(0xffffffffu, value, delta);
        value = other > value ? other : value;
    }
    return value;
}

// Folds the lanes' tails left to right, restarting at every lane with a head. The inclusive fold of lane i is its
// tail if it holds a head (or is lane 0), else the inclusive fold of lane i - 1 combined with its tail. For EXACT
// operators a segmented Kogge-Stone scan computes it in five steps; floating sums repeat the one-step recurrence as
// often as the longest run of lanes without a head needs, which gives exactly the sequential fold.
template <typename Op>
__device__ __forceinline__ LaneFold<typename Op::A> fold_lanes(typename Op::A tail, bool hasHead) {
    using A = typename Op::A;
    const int lane = static_cast<int>(threadIdx.x % 32);
    const unsigned int headLanes = __ballot_sync(0xffffffffu, hasHead);
    const bool starts = hasHead || lane == 0;
    A inclusive = tail;
    if constexpr (Op::EXACT) {
        int closed = starts;
#pragma unroll
        for (int delta = 1; delta < 32; delta *= 2) {
            const A earlier = __shfl_up_sync(0xffffffffu, inclusive, delta);
            const int earlierClosed = __shfl_up_sync(0xffffffffu, closed, delta);
            if (lane >= delta && !closed) {
                inclusive = Op::combine(earlier, inclusive);
                closed = earlierClosed;
            }
        }
    } else {
        const unsigned int startsUpToLane = (headLanes | 1u) & (0xffffffffu >> (31 - lane));
        const int distance = lane - (31 - __clz(startsUpToLane));  // lanes since the last start
        const int steps = warp_max(distance);
        for (int step = 0; step < steps; ++step) {
            const A earlier = __shfl_up_sync(0xffffffffu, inclusive, 1);
            if (!starts) {
                inclusive = Op::combine(earlier, tail);
            }
        }
    }
    A before = __shfl_up_sync(0xffffffffu, inclusive, 1);
    if (lane == 0) {
        before = Op::identity();
    }
    const A warpTail = __shfl_sync(0xffffffffu, inclusive, 31);
    return {before, (headLanes & ((1u << lane) - 1u)) != 0, warpTail, headLanes != 0};
}

template <typename A>
struct WarpFold {
    A before;         // the fold of the open segment over this tile's earlier warps (identity in warp 0)
    bool headBefore;  // an earlier warp of this tile holds a head
    A tileTail;
    bool tileHasHead;
};

// Folds the warps' tails (written to shared memory by each warp, then a barrier) left to right, as fold_lanes does
// the lanes'; every thread runs it over the few warps of the block.
template <typename Op, int WARPS>
__device__ __forceinline__ WarpFold<typename Op::A> fold_warps(const typename Op::A* warpTails, const int* warpHeads) {
    using A = typename Op::A;
    const int warp = static_cast<int>(threadIdx.x / 32);
    WarpFold<A> fold{Op::identity(), false, Op::identity(), false};
    A running = Op::identity();
    bool anyHead = false;
#pragma unroll
    for (int w = 0; w < WARPS; ++w) {
        if (w == warp) {
            fold.before = running;
            fold.headBefore = anyHead;
        }
        if (warpHeads[w]) {
            running = warpTails[w];
            anyHead = true;
        } else {
            running = Op::combine(running, warpTails[w]);
        }
    }
    fold.tileTail = running;
    fold.tileHasHead = anyHead;
    return fold;
}

// The total of the segment that this thread's first piece belongs to, up to the end of that piece: the first piece
// joins the earlier lanes' fold, that joins the earlier warps', and that the earlier tiles' (carry), each only as
// far back as the segment's head.
template <typename Op>
__device__ __forceinline__ typename Op::A first_piece_total(const ThreadPieces<typename Op::A>& pieces,
                                                            const LaneFold<typename Op::A>& lanes,
                                                            const WarpFold<typename Op::A>& warps,
                                                            typename Op::A carry) {
    const typename Op::A warpLevel = Op::combine(lanes.before, pieces.first);
    if (lanes.headBefore) {
        return warpLevel;
    }
    const typename Op::A tileLevel = Op::combine(warps.before, warpLevel);
    return warps.headBefore ? tileLevel : Op::combine(carry, tileLevel);
}

// Calls emit(j, total) for every item j whose bit is set in `ends`: the fold of its segment up to and including it,
// which for the items of the thread's first piece is `firstTotal` (from first_piece_total).
template <typename Op, int ITEMS, typename Emit>
__device__ __forceinline__ void emit_segment_ends(const typename Op::A (&values)[ITEMS], unsigned int heads,
                                                  unsigned int ends, typename Op::A firstTotal, Emit emit) {
    typename Op::A running = Op::identity();
    bool inFirstPiece = true;
#pragma unroll
    for (int j = 0; j < ITEMS; ++j) {
        if ((heads >> j) & 1u) {
            inFirstPiece = false;
            running = Op::identity();
        }
        running = Op::combine(running, values[j]);
        if ((ends >> j) & 1u) {
            emit(j, inFirstPiece ? firstTotal : running);
        }
    }
}
