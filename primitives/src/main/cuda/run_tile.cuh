// One tile of a pass over runs of equal consecutive keys (compared by their bits): unique (run_length.cu), run-length
// encoding (run_length.cu) and reduce-by-key (segmented_reduce.cu). Each block takes the next tile, finds where runs
// start, learns from the look-back how many runs began before it and the value of the run open at its start, and
// writes each run's key where it starts and each run's result where it ends, staged in shared memory so that
// consecutive threads write consecutive elements.
#pragma once

#include "segment_fold.cuh"
#include "segment_policy.cuh"

// What a pass over runs writes besides each run's first key. Run lengths fold the position of the last run start
// (a max, so no values are loaded or held) and subtract it from each run's last position.
enum class RunOutput { KEYS_ONLY, LENGTHS, REDUCED_VALUES };

// Elements are 4- or 8-byte keys; ITEMS follows the values' width where values are read (it fixes the order of
// floating sums), else the keys'. For LENGTHS, T is long long and Op MaxOperator<long long>. The tile counter and the
// tile words start zeroed; the last tile writes the number of runs to *runCount.
template <typename K, typename T, typename Op, RunOutput OUTPUT>
__device__ __forceinline__ void reduce_runs_tile(const K* keys, const T* values, long long count, K* uniqueKeys,
                                                 T* results, unsigned long long* runCount, unsigned int* nextTile,
                                                 TileWord* tileWords) {
    using segment_policy::THREADS;
    using segment_policy::WARPS;
    using A = typename Op::A;
    constexpr bool LOAD_VALUES = OUTPUT == RunOutput::REDUCED_VALUES;
    constexpr bool WRITE_RESULTS = OUTPUT != RunOutput::KEYS_ONLY;
    constexpr int ITEMS = segment_policy::Tile<LOAD_VALUES ? sizeof(T) : sizeof(K)>::ITEMS;
    constexpr int SIZE = THREADS * ITEMS;
    __shared__ union {
        K keys[SIZE];
        T results[SIZE + 1];  // slot 0: the run open at the tile's start
    } staged;
    __shared__ long long sharedTile;
    __shared__ A warpTails[WARPS];
    __shared__ int warpHeads[WARPS];
    __shared__ int warpHeadCounts[WARPS];
    __shared__ unsigned long long sharedRunsBefore;
    __shared__ A sharedCarry;
    __shared__ int tileStartsARun;
    __shared__ int tileEndsARun;

    if (threadIdx.x == 0) {
        sharedTile = atomicAdd(nextTile, 1u);
    }
    __syncthreads();
    const long long tile = sharedTile;
    const long long tileStart = tile * SIZE;
    const int valid = count - tileStart < SIZE ? static_cast<int>(count - tileStart) : SIZE;
    const long long first = tileStart + static_cast<long long>(threadIdx.x) * ITEMS;
    const int lane = static_cast<int>(threadIdx.x % 32);
    const int warp = static_cast<int>(threadIdx.x / 32);

    K key[ITEMS];
    load_group(keys, first, count, key, K(0));
    // the neighbouring threads hold the keys just before and after this thread's; the warp's ends read memory
    K before = __shfl_up_sync(0xffffffffu, key[ITEMS - 1], 1);
    K after = __shfl_down_sync(0xffffffffu, key[0], 1);
    if (lane == 0) {
        before = first > 0 && first < count ? keys[first - 1] : K(0);
    }
    if (lane == 31) {
        after = first + ITEMS < count ? keys[first + ITEMS] : K(0);
    }
    unsigned int heads = 0;  // bit j: item j starts a run
    unsigned int ends = 0;   // bit j: item j ends one
#pragma unroll
    for (int j = 0; j < ITEMS; ++j) {
        const long long position = first + j;
        if (position < count) {
            const K previous = j == 0 ? before : key[j - 1];
            const K next = j + 1 < ITEMS ? key[j + 1] : after;
            heads |= (position == 0 || key[j] != previous) ? 1u << j : 0u;
            ends |= (position + 1 == count || next != key[j]) ? 1u << j : 0u;
        }
    }
    A value[LOAD_VALUES ? ITEMS : 1];
    if constexpr (LOAD_VALUES) {
        T loaded[ITEMS];
        load_group(values, first, count, loaded, T(0));
#pragma unroll
        for (int j = 0; j < ITEMS; ++j) {
            value[j] = first + j < count ? Op::in(loaded[j]) : Op::identity();
        }
    }

    // runs started by earlier threads of the tile: a warp scan, then the warps' totals
    const int headCount = __popc(heads);
    int headsThrough = headCount;
#pragma unroll
    for (int delta = 1; delta < 32; delta *= 2) {
        const int earlier = __shfl_up_sync(0xffffffffu, headsThrough, delta);
        if (lane >= delta) {
            headsThrough += earlier;
        }
    }
    ThreadPieces<A> pieces{Op::identity(), Op::identity()};
    LaneFold<A> lanes{Op::identity(), false, Op::identity(), false};
    if constexpr (LOAD_VALUES) {
        pieces = fold_thread<Op, ITEMS>(value, heads);
    } else if constexpr (OUTPUT == RunOutput::LENGTHS) {
        // the first piece holds no start; the tail is the position of the thread's last one
        pieces.tail = heads != 0 ? first + (31 - __clz(heads)) : Op::identity();
    }
    if constexpr (WRITE_RESULTS) {
        lanes = fold_lanes<Op>(pieces.tail, heads != 0);
    }
    if (lane == 31) {
        warpHeadCounts[warp] = headsThrough;
        warpTails[warp] = lanes.warpTail;
        warpHeads[warp] = lanes.warpHasHead;
    }
    if (threadIdx.x == 0) {
        tileStartsARun = heads & 1u;
    }
    const int lastInTile = valid - 1 - static_cast<int>(threadIdx.x) * ITEMS;  // this thread's item, if any
    if (lastInTile >= 0 && lastInTile < ITEMS) {
        tileEndsARun = (ends >> lastInTile) & 1u;
    }
    __syncthreads();

    int headsBefore = headsThrough - headCount;
    int tileHeads = 0;
#pragma unroll
    for (int w = 0; w < WARPS; ++w) {
        headsBefore += w < warp ? warpHeadCounts[w] : 0;
        tileHeads += warpHeadCounts[w];
    }
    WarpFold<A> warps{Op::identity(), false, Op::identity(), false};
    if constexpr (WRITE_RESULTS) {
        warps = fold_warps<Op, WARPS>(warpTails, warpHeads);
    }
    if (warp == 0) {
        LookedBack<A> looked{0, Op::identity()};
        if (tile == 0) {
            if (lane == 0) {
                publish_tile(tileWords, 0, SEGMENT_TILE_PREFIX, warps.tileHasHead, tileHeads, word_of(warps.tileTail));
            }
        } else {
            if (lane == 0) {
                publish_tile(tileWords, tile, SEGMENT_TILE_AGGREGATE, warps.tileHasHead, tileHeads,
                             word_of(warps.tileTail));
            }
            looked = look_back<Op, true>(tile, tileWords);
            if (lane == 0) {
                const A inclusive = warps.tileHasHead ? warps.tileTail : Op::combine(looked.carry, warps.tileTail);
                publish_tile(tileWords, tile, SEGMENT_TILE_PREFIX, warps.tileHasHead, looked.countBefore + tileHeads,
                             word_of(inclusive));
            }
        }
        if (lane == 0) {
            sharedRunsBefore = looked.countBefore;
            sharedCarry = looked.carry;
        }
    }
    __syncthreads();
    const long long runsBefore = static_cast<long long>(sharedRunsBefore);

    int slot = headsBefore;
#pragma unroll
    for (int j = 0; j < ITEMS; ++j) {
        if ((heads >> j) & 1u) {
            staged.keys[slot++] = key[j];
        }
    }
    __syncthreads();
    for (int i = static_cast<int>(threadIdx.x); i < tileHeads; i += THREADS) {
        uniqueKeys[runsBefore + i] = staged.keys[i];
    }
    if (threadIdx.x == 0 && tileStart + SIZE >= count) {
        *runCount = static_cast<unsigned long long>(runsBefore + tileHeads);
    }
    if constexpr (WRITE_RESULTS) {
        __syncthreads();  // the keys are out; their shared memory takes the results
        const A firstTotal = first_piece_total<Op>(pieces, lanes, warps, sharedCarry);
        // a run's slot: the tile's heads at or before its last item
        if constexpr (OUTPUT == RunOutput::LENGTHS) {
#pragma unroll
            for (int j = 0; j < ITEMS; ++j) {
                const unsigned int startsSoFar = heads & ((2u << j) - 1u);
                if ((ends >> j) & 1u) {
                    const long long runStart = startsSoFar != 0 ? first + (31 - __clz(startsSoFar)) : firstTotal;
                    staged.results[headsBefore + __popc(startsSoFar)] = first + j + 1 - runStart;
                }
            }
        } else {
            emit_segment_ends<Op, ITEMS>(value, heads, ends, firstTotal, [&](int j, A total) {
                staged.results[headsBefore + __popc(heads & ((2u << j) - 1u))] = Op::out(total);
            });
        }
        __syncthreads();
        // slot 0 is the run open at the tile's start, if it does not start here; the last slot waits for a later
        // tile unless the run ends with the tile
        const int lowSlot = tileStartsARun ? 1 : 0;
        const int highSlot = tileEndsARun ? tileHeads : tileHeads - 1;
        for (int s = lowSlot + static_cast<int>(threadIdx.x); s <= highSlot; s += THREADS) {
            results[runsBefore - 1 + s] = staged.results[s];
        }
    }
}
