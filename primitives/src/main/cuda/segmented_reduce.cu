// Segmented reduce (one result per segment of int64 offsets) and reduce-by-key (one result per run of equal
// consecutive keys) with SUM, MIN and MAX over int32, int64, float32 and float64 values, as CpuSegmentedReduce
// defines them; launched by GpuSegmentedReduce.java. Both are one flat pass over the values, whatever the segment
// lengths: each block takes the next tile of values, marks where segments start, folds them in the order of
// SegmentedSumOrder (segment_fold.cuh: thread, warp, block), and carries the segment open at its start over from
// earlier tiles by decoupled look-back (segment_look_back.cuh). So a million 16-value segments cost what one segment
// of the same length does, and floating sums come out bit for bit as the CPU twin's.
//
// Segmented reduce first finds, for every tile, the segments it owns (those whose last value it holds, and empty
// ones starting in it): segmented_reduce_tile_windows binary-searches the offsets once per tile. A tile then marks
// the starts of those segments in a bitmap of its values, folds, stages each segment's total at its last value in
// shared memory, and writes its segments' results in order. Offsets that decrease or leave [0, count] are reported
// (the smallest index of an entry at fault, into *firstInvalidOffset), never followed out of bounds.
#include "run_tile.cuh"

extern "C" __global__ void segmented_reduce_read_policy(int* words) {
    if (blockIdx.x == 0 && threadIdx.x == 0) {
        segment_policy::write_policy(words);
    }
}

// The position whose tile owns segment s: its last value, or its start when it is empty. Never decreases with s when
// the offsets are valid.
__device__ __forceinline__ long long owner_position(const long long* offsets, long long segment) {
    const long long start = offsets[segment];
    const long long end = offsets[segment + 1];
    return end > start ? end - 1 : start;
}

// windows[t] = the first segment owned by tile t or a later one, for t in [0, tiles]; windows[0] = 0 and
// windows[tiles] = segmentCount, so tile t owns [windows[t], windows[t + 1]), the last tile also the empty segments
// at the very end. One thread per entry.
extern "C" __global__ void segmented_reduce_tile_windows(const long long* offsets, long long segmentCount,
                                                         long long tileSize, long long tiles, long long* windows) {
    const long long t = static_cast<long long>(blockIdx.x) * blockDim.x + threadIdx.x;
    if (t > tiles) {
        return;
    }
    long long low = 0;
    long long high = segmentCount;
    if (t == tiles) {
        low = segmentCount;
    } else if (t > 0) {
        const long long tileStart = t * tileSize;
        while (low < high) {
            const long long middle = low + (high - low) / 2;
            if (owner_position(offsets, middle) >= tileStart) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
    }
    windows[t] = low;
}

template <typename T, typename Op>
__device__ __forceinline__ void reduce_segments_tile(const T* values, long long count, const long long* offsets,
                                                     long long segmentCount, const long long* windows, T* results,
                                                     unsigned long long* firstInvalidOffset, unsigned int* nextTile,
                                                     TileWord* tileWords) {
    using segment_policy::THREADS;
    using segment_policy::WARPS;
    using A = typename Op::A;
    constexpr int ITEMS = segment_policy::Tile<sizeof(T)>::ITEMS;
    constexpr int SIZE = THREADS * ITEMS;
    constexpr int HEAD_WORDS = (SIZE + 31) / 32 + 1;  // one more, so a thread's ITEMS + 1 bits are two words
    __shared__ T staged[SIZE];                        // each segment's total, at its last value
    __shared__ unsigned int headBits[HEAD_WORDS];
    __shared__ long long sharedTile;
    __shared__ A warpTails[WARPS];
    __shared__ int warpHeads[WARPS];
    __shared__ A sharedCarry;

    if (threadIdx.x == 0) {
        sharedTile = atomicAdd(nextTile, 1u);
    }
    for (int w = static_cast<int>(threadIdx.x); w < HEAD_WORDS; w += THREADS) {
        headBits[w] = 0;
    }
    __syncthreads();
    const long long tile = sharedTile;
    const long long tileStart = tile * SIZE;
    const int valid = count - tileStart < SIZE ? static_cast<int>(count - tileStart) : SIZE;  // 0 when count is 0
    const long long first = tileStart + static_cast<long long>(threadIdx.x) * ITEMS;
    const int lane = static_cast<int>(threadIdx.x % 32);
    const int warp = static_cast<int>(threadIdx.x / 32);

    T loaded[ITEMS];
    load_group(values, first, count, loaded, T(0));
    A value[ITEMS];
#pragma unroll
    for (int j = 0; j < ITEMS; ++j) {
        value[j] = first + j < count ? Op::in(loaded[j]) : Op::identity();
    }

    // mark the starts of the tile's segments, and of what follows its last one
    const long long ownedBegin = windows[tile];
    const long long ownedEnd = windows[tile + 1];
    const long long lastStart = ownedEnd < segmentCount ? ownedEnd : segmentCount;
    for (long long s = ownedBegin + threadIdx.x; s <= lastStart; s += THREADS) {
        const long long position = offsets[s] - tileStart;
        if (position >= 0 && position < valid) {
            atomicOr(&headBits[position / 32], 1u << (position % 32));
        }
    }
    __syncthreads();
    const int firstBit = static_cast<int>(threadIdx.x) * ITEMS;
    const unsigned long long bitWindow = headBits[firstBit / 32] |
                                         static_cast<unsigned long long>(headBits[firstBit / 32 + 1]) << 32;
    const unsigned int bits = static_cast<unsigned int>(bitWindow >> (firstBit % 32)) & ((1u << (ITEMS + 1)) - 1u);
    const unsigned int heads = bits & ((1u << ITEMS) - 1u);
    unsigned int ends = bits >> 1;  // a value ends a segment where the next one starts another
    const int lastInTile = valid - 1 - firstBit;
    if (lastInTile >= 0 && lastInTile < ITEMS) {
        ends |= 1u << lastInTile;  // and the tile's last value ends whatever is open
    }

    const ThreadPieces<A> pieces = fold_thread<Op, ITEMS>(value, heads);
    const LaneFold<A> lanes = fold_lanes<Op>(pieces.tail, heads != 0);
    if (lane == 31) {
        warpTails[warp] = lanes.warpTail;
        warpHeads[warp] = lanes.warpHasHead;
    }
    __syncthreads();
    const WarpFold<A> warps = fold_warps<Op, WARPS>(warpTails, warpHeads);
    if (warp == 0) {
        // A tile holding a start knows the value open at its end at once: its prefix is its own word. It needs its
        // predecessors only if its first value continues a segment.
        LookedBack<A> looked{0, Op::identity()};
        if (tile == 0 || warps.tileHasHead) {
            if (lane == 0) {
                publish_tile(tileWords, tile, SEGMENT_TILE_PREFIX, warps.tileHasHead, 0, word_of(warps.tileTail));
            }
            if (tile > 0 && (headBits[0] & 1u) == 0) {
                looked = look_back<Op, false>(tile, tileWords);
            }
        } else {
            if (lane == 0) {
                publish_tile(tileWords, tile, SEGMENT_TILE_AGGREGATE, false, 0, word_of(warps.tileTail));
            }
            looked = look_back<Op, false>(tile, tileWords);
            if (lane == 0) {
                publish_tile(tileWords, tile, SEGMENT_TILE_PREFIX, false, 0,
                             word_of(Op::combine(looked.carry, warps.tileTail)));
            }
        }
        if (lane == 0) {
            sharedCarry = looked.carry;
        }
    }
    __syncthreads();

    const A firstTotal = first_piece_total<Op>(pieces, lanes, warps, sharedCarry);
    emit_segment_ends<Op, ITEMS>(value, heads, ends, firstTotal,
                                 [&](int j, A total) { staged[firstBit + j] = Op::out(total); });
    __syncthreads();

    for (long long s = ownedBegin + threadIdx.x; s < ownedEnd; s += THREADS) {
        const long long start = offsets[s];
        const long long end = offsets[s + 1];
        bool invalid = false;
        if (start < 0) {
            atomicMin(firstInvalidOffset, static_cast<unsigned long long>(s));
            invalid = true;
        }
        if (end < start || end > count) {
            atomicMin(firstInvalidOffset, static_cast<unsigned long long>(s + 1));
            invalid = true;
        }
        if (invalid) {
            continue;
        }
        if (end == start) {
            results[s] = Op::out(Op::identity());
        } else if (end - 1 - tileStart >= 0 && end - 1 - tileStart < valid) {  // always, for valid offsets
            results[s] = staged[end - 1 - tileStart];
        }
    }
}

// Launch with segment_policy::THREADS threads and max(1, tiles) blocks, after segmented_reduce_tile_windows; the tile
// counter and the tile words (16 bytes per tile) zeroed and *firstInvalidOffset set to all ones first.
#define FORGE_SEGMENTED_REDUCE_KERNEL(OPERATION, TYPE_NAME, T, OPERATOR)                                             \
    extern "C" __global__ void __launch_bounds__(segment_policy::THREADS)                                           \
        segmented_reduce_##OPERATION##_##TYPE_NAME(                                                                  \
            const T* values, long long count, const long long* offsets, long long segmentCount,                      \
            const long long* windows, T* results, unsigned long long* firstInvalidOffset, unsigned int* nextTile,    \
            TileWord* tileWords) {                                                                                   \
        reduce_segments_tile<T, OPERATOR<T>>(values, count, offsets, segmentCount, windows, results,                 \
                                             firstInvalidOffset, nextTile, tileWords);                               \
    }

// Launch with segment_policy::THREADS threads, one block per tile (Tile<value bytes>::SIZE keys); the tile counter
// and the tile words zeroed first.
#define FORGE_REDUCE_BY_KEY_KERNEL(OPERATION, TYPE_NAME, T, OPERATOR, BITS, K)                                       \
    extern "C" __global__ void __launch_bounds__(segment_policy::THREADS)                                           \
        reduce_by_key_##OPERATION##_##TYPE_NAME##_keys##BITS(const K* keys, const T* values, long long count,        \
                                                             K* uniqueKeys, T* results, unsigned long long* runCount, \
                                                             unsigned int* nextTile, TileWord* tileWords) {          \
        reduce_runs_tile<K, T, OPERATOR<T>, RunOutput::REDUCED_VALUES>(keys, values, count, uniqueKeys, results,   \
                                                                      runCount, nextTile, tileWords);                \
    }

#define FORGE_SEGMENTED_KERNELS(OPERATION, OPERATOR, TYPE_NAME, T)                          \
    FORGE_SEGMENTED_REDUCE_KERNEL(OPERATION, TYPE_NAME, T, OPERATOR)                        \
    FORGE_REDUCE_BY_KEY_KERNEL(OPERATION, TYPE_NAME, T, OPERATOR, 32, unsigned int)         \
    FORGE_REDUCE_BY_KEY_KERNEL(OPERATION, TYPE_NAME, T, OPERATOR, 64, unsigned long long)

#define FORGE_SEGMENTED_KERNELS_OF_TYPE(TYPE_NAME, T)             \
    FORGE_SEGMENTED_KERNELS(sum, SumOperator, TYPE_NAME, T)       \
    FORGE_SEGMENTED_KERNELS(min, MinOperator, TYPE_NAME, T)       \
    FORGE_SEGMENTED_KERNELS(max, MaxOperator, TYPE_NAME, T)

FORGE_SEGMENTED_KERNELS_OF_TYPE(int32, int)
FORGE_SEGMENTED_KERNELS_OF_TYPE(int64, long long)
FORGE_SEGMENTED_KERNELS_OF_TYPE(float32, float)
FORGE_SEGMENTED_KERNELS_OF_TYPE(float64, double)
#undef FORGE_SEGMENTED_KERNELS_OF_TYPE
#undef FORGE_SEGMENTED_KERNELS
#undef FORGE_REDUCE_BY_KEY_KERNEL
#undef FORGE_SEGMENTED_REDUCE_KERNEL
