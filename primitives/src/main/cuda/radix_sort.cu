// Least-significant-digit radix sort, Onesweep style (launched by GpuRadixSort.java from a GpuRadixSortPlan):
//   1. radix_sort_histogram_*: one pass over the keys counts the digits of every digit place at once; the last
//      block to finish turns each place's counts into the place's first output position per digit.
//   2. radix_sort_onesweep_*: one launch per digit place. Each block takes the next tile, ranks its keys by digit
//      (stable: input order within a digit), publishes its per-digit counts, and learns how many keys of each digit
//      the earlier tiles hold by decoupled look-back over their published counts. It then scatters keys (and values)
//      through shared memory, so that consecutive threads write consecutive addresses of one digit's run.
// Keys are read through the order-preserving maps of radix_sort_keys.cuh and written back in their own bits on
// every pass, so each pass reads and writes plain keys and the double buffers hold nothing else.
#include "radix_sort_block.cuh"
#include "radix_sort_keys.cuh"
#include "radix_sort_policy.cuh"

using radix_sort_policy::DIGIT_BITS;
using radix_sort_policy::HISTOGRAM_THREADS;
using radix_sort_policy::MAX_DIGIT_PLACES;
using radix_sort_policy::RADIX;
using radix_sort_policy::THREADS;

// A tile's published count for one digit: a status in the high half, the count in the low half. Launch `pass` of a
// sort publishes status 2 * pass + 1 (the tile's own count) or 2 * pass + 2 (the count of this and every earlier
// tile); anything lower was left by an earlier launch of the same sort, or by the zeroing before the first, and
// means "nothing yet". So one zeroed tile state serves every pass without being cleared again.
__device__ __forceinline__ unsigned long long tile_word(unsigned int status, unsigned int count) {
    return (static_cast<unsigned long long>(status) << 32) | count;
}

// Writes the tuning policy for the host: GpuRadixSortPolicy.java reads the words in this order.
extern "C" __global__ void radix_sort_read_policy(unsigned int* policy) {
    if (blockIdx.x == 0 && threadIdx.x == 0) {
        policy[0] = DIGIT_BITS;
        policy[1] = THREADS;
        policy[2] = radix_sort_policy::ITEMS_4_BYTE_KEYS;
        policy[3] = radix_sort_policy::ITEMS_8_BYTE_KEYS;
        policy[4] = HISTOGRAM_THREADS;
        policy[5] = radix_sort_policy::HISTOGRAM_ITEMS;
        policy[6] = radix_sort_policy::HISTOGRAM_BLOCKS_PER_MULTIPROCESSOR;
    }
}

// Counts the digits of `places` digit places (from `beginBit`, 8 bits each, the last one ending at `endBit`) into
// `histograms` (places x RADIX, zeroed first); the last block writes each place's exclusive sums to `offsets`.
template <typename K>
__device__ __forceinline__ void count_digits(const K* keys, unsigned long long count, int kind, bool descending,
                                             int beginBit, int endBit, int places, unsigned int* histograms,
                                             unsigned int* offsets, unsigned int* finishedBlocks) {
    __shared__ unsigned int counts[MAX_DIGIT_PLACES][RADIX];
    __shared__ unsigned int warpTotals[HISTOGRAM_THREADS / 32];
    __shared__ bool lastBlock;
    for (int i = threadIdx.x; i < MAX_DIGIT_PLACES * RADIX; i += HISTOGRAM_THREADS) {
        counts[i / RADIX][i % RADIX] = 0;
    }
    __syncthreads();
    const unsigned long long stride = static_cast<unsigned long long>(gridDim.x) * HISTOGRAM_THREADS;
    for (unsigned long long i = static_cast<unsigned long long>(blockIdx.x) * HISTOGRAM_THREADS + threadIdx.x;
         i < count; i += stride) {
        const K ordered = ordered_key(keys[i], kind, descending);
        for (int place = 0; place < places; ++place) {
            const int shift = beginBit + place * DIGIT_BITS;
            const int bits = endBit - shift < DIGIT_BITS ? endBit - shift : DIGIT_BITS;
            atomicAdd(&counts[place][digit_of(ordered, shift, bits)], 1u);
        }
    }
    __syncthreads();
    for (int place = 0; place < places; ++place) {
        const int digit = threadIdx.x;
        if (digit < RADIX && counts[place][digit] != 0) {
            atomicAdd(&histograms[place * RADIX + digit], counts[place][digit]);
        }
    }
    __threadfence();
    __syncthreads();
    if (threadIdx.x == 0) {
        lastBlock = atomicAdd(finishedBlocks, 1u) == gridDim.x - 1;
    }
    __syncthreads();
    if (!lastBlock) {
        return;
    }
    __threadfence();
    for (int place = 0; place < places; ++place) {
        const int digit = threadIdx.x;
        const unsigned int total = digit < RADIX ? load_volatile(&histograms[place * RADIX + digit]) : 0u;
        const unsigned int before = block_exclusive_sum<HISTOGRAM_THREADS>(total, warpTotals);
        if (digit < RADIX) {
            offsets[place * RADIX + digit] = before;
        }
    }
}

// One digit place: reads `count` keys (and values) from the inputs, writes them stably ordered by the digit
// `bits` wide at `shift` of their ordered keys. `histogram` and `offsets` are this place's rows from count_digits.
// With `bits` 0, or where every key has the same digit, each tile copies itself in place order (which is also how
// NaNs get canonical when no digit place is left to sort). Values come from `valuesIn`, or are the keys' input
// positions when `valuesAreIndices` (argsort).
template <typename K, typename V, bool HAS_VALUES>
__device__ __forceinline__ void sort_digit_place(const K* keysIn, K* keysOut, const V* valuesIn, V* valuesOut,
                                                 unsigned long long count, int kind, bool descending, int shift,
                                                 int bits, bool valuesAreIndices, int pass,
                                                 const unsigned int* histogram, const unsigned int* offsets,
                                                 unsigned int* nextTile, unsigned long long* tileState) {
    constexpr int ITEMS = radix_sort_policy::Tile<sizeof(K)>::ITEMS;
    constexpr int TILE = radix_sort_policy::Tile<sizeof(K)>::SIZE;
    constexpr int WARPS = THREADS / 32;
    __shared__ union {
        K keys[TILE];
        V values[TILE];
    } exchange;
    __shared__ unsigned int warpCounts[WARPS][RADIX];
    __shared__ unsigned int tileStart[RADIX];
    __shared__ long long digitBase[RADIX];
    __shared__ unsigned int warpTotals[WARPS];
    __shared__ unsigned int sharedTile;
    __shared__ bool keepOrder;

    const int lane = lane_index();
    const int warp = static_cast<int>(threadIdx.x / 32);
    if (threadIdx.x == 0) {
        const unsigned int tile = atomicAdd(nextTile, 1u);
        sharedTile = tile;
        bool same = bits == 0;
        if (!same) {
            const K first = ordered_key(keysIn[static_cast<unsigned long long>(tile) * TILE], kind, descending);
            same = histogram[digit_of(first, shift, bits)] == count;
        }
        keepOrder = same;
    }
    __syncthreads();
    const unsigned int tile = sharedTile;
    const unsigned long long begin = static_cast<unsigned long long>(tile) * TILE;
    const int valid = count - begin < TILE ? static_cast<int>(count - begin) : TILE;
    // Warp-striped: a warp holds a contiguous run of 32 * ITEMS keys, item i of lane l at i * 32 + l within it, so
    // visiting items in order and lanes in order within an item visits the keys in input order.
    const int warpBegin = warp * 32 * ITEMS;

    K keys[ITEMS];
#pragma unroll
    for (int i = 0; i < ITEMS; ++i) {
        const int at = warpBegin + i * 32 + lane;
        // Past the end: the highest key, so it ranks after every real key of the tile and is never written.
        keys[i] = at < valid ? ordered_key(keysIn[begin + at], kind, descending) : ~K(0);
    }

    if (keepOrder) {
#pragma unroll
        for (int i = 0; i < ITEMS; ++i) {
            const int at = warpBegin + i * 32 + lane;
            if (at < valid) {
                keysOut[begin + at] = key_bits(keys[i], kind, descending);
                if constexpr (HAS_VALUES) {
                    valuesOut[begin + at] = valuesAreIndices ? static_cast<V>(begin + at) : valuesIn[begin + at];
                }
            }
        }
        return;
    }

    // Rank within the warp: how many keys of the same digit come before, in this warp, in input order.
    for (int digit = lane; digit < RADIX; digit += 32) {
        warpCounts[warp][digit] = 0;
    }
    __syncwarp();
    unsigned int position[ITEMS];
#pragma unroll
    for (int i = 0; i < ITEMS; ++i) {
        const unsigned int digit = digit_of(keys[i], shift, bits);
        const unsigned int peers = lanes_with_same_digit(digit);
        const unsigned int prior = warpCounts[warp][digit];
        position[i] = prior + __popc(peers & ((1u << lane) - 1u));
        __syncwarp();
        if (lane == __ffs(peers) - 1) {
            warpCounts[warp][digit] = prior + __popc(peers);
        }
        __syncwarp();
    }
    __syncthreads();

    // Thread d owns digit d: the tile's count of it, and each warp's start within the digit's run (warp order).
    const int digit = threadIdx.x;
    unsigned int total = 0;
    if (digit < RADIX) {
        for (int w = 0; w < WARPS; ++w) {
            const unsigned int inWarp = warpCounts[w][digit];
            warpCounts[w][digit] = total;
            total += inWarp;
        }
    }
    const unsigned int aggregateStatus = 2u * pass + 1u;
    const unsigned int prefixStatus = 2u * pass + 2u;
    unsigned long long* word = tileState + static_cast<unsigned long long>(tile) * RADIX + digit;
    if (digit < RADIX) {
        // Padding keys of the last tile are counted too; no tile looks back at the last one.
        store_volatile(word, tile_word(tile == 0 ? prefixStatus : aggregateStatus, total));
    }
    const unsigned int start = block_exclusive_sum<THREADS>(total, warpTotals);
    if (digit < RADIX) {
        tileStart[digit] = start;
        unsigned int before = 0;
        if (tile > 0) {
            // Walk back one tile at a time, adding their own counts, to the first that has published an inclusive one.
            long long predecessor = static_cast<long long>(tile) - 1;
            for (;;) {
                const unsigned long long seen = load_volatile(tileState + predecessor * RADIX + digit);
                const unsigned int status = static_cast<unsigned int>(seen >> 32);
                if (status < aggregateStatus) {
                    spin_pause();
                    continue;
                }
                before += static_cast<unsigned int>(seen);
                if (status == prefixStatus) {
                    break;
                }
                --predecessor;
            }
            store_volatile(word, tile_word(prefixStatus, before + total));
        }
        // Output position of the key at tile-sorted position j with this digit: digitBase[digit] + j.
        digitBase[digit] = static_cast<long long>(offsets[digit]) + before - start;
    }
    __syncthreads();

#pragma unroll
    for (int i = 0; i < ITEMS; ++i) {
        const unsigned int keyDigit = digit_of(keys[i], shift, bits);
        position[i] += tileStart[keyDigit] + warpCounts[warp][keyDigit];
        exchange.keys[position[i]] = keys[i];
    }
    __syncthreads();
    unsigned int slotDigit[ITEMS];
#pragma unroll
    for (int k = 0; k < ITEMS; ++k) {
        const int slot = k * THREADS + static_cast<int>(threadIdx.x);
        if (slot < valid) {
            const K key = exchange.keys[slot];
            slotDigit[k] = digit_of(key, shift, bits);
            keysOut[digitBase[slotDigit[k]] + slot] = key_bits(key, kind, descending);
        }
    }
    if constexpr (HAS_VALUES) {
        __syncthreads();  // every key has left the exchange
#pragma unroll
        for (int i = 0; i < ITEMS; ++i) {
            const int at = warpBegin + i * 32 + lane;
            if (at < valid) {
                exchange.values[position[i]] = valuesAreIndices ? static_cast<V>(begin + at) : valuesIn[begin + at];
            }
        }
        __syncthreads();
#pragma unroll
        for (int k = 0; k < ITEMS; ++k) {
            const int slot = k * THREADS + static_cast<int>(threadIdx.x);
            if (slot < valid) {
                valuesOut[digitBase[slotDigit[k]] + slot] = exchange.values[slot];
            }
        }
    }
}

// Launch with HISTOGRAM_THREADS threads; histograms and finishedBlocks zeroed first.
#define FORGE_RADIX_HISTOGRAM_KERNEL(NAME, K)                                                                    \
    extern "C" __global__ void __launch_bounds__(HISTOGRAM_THREADS)                                              \
        NAME(const K* keys, unsigned long long count, int kind, int descending, int beginBit, int endBit,          \
             int places, unsigned int* histograms, unsigned int* offsets, unsigned int* finishedBlocks) {         \
        count_digits<K>(keys, count, kind, descending != 0, beginBit, endBit, places, histograms, offsets,        \
                        finishedBlocks);                                                                         \
    }

// Launch with THREADS threads and one block per tile; nextTile zeroed first, and the tile state (RADIX words per
// tile) zeroed before the sort's first pass.
#define FORGE_RADIX_ONESWEEP_KERNEL(NAME, K, V, HAS_VALUES)                                                      \
    extern "C" __global__ void __launch_bounds__(THREADS)                                                        \
        NAME(const K* keysIn, K* keysOut, const V* valuesIn, V* valuesOut, unsigned long long count, int kind,    \
             int descending, int shift, int bits, int valuesAreIndices, int pass, const unsigned int* histogram,  \
             const unsigned int* offsets, unsigned int* nextTile, unsigned long long* tileState) {               \
        sort_digit_place<K, V, HAS_VALUES>(keysIn, keysOut, valuesIn, valuesOut, count, kind, descending != 0,    \
                                           shift, bits, valuesAreIndices != 0, pass, histogram, offsets,          \
                                           nextTile, tileState);                                                 \
    }

FORGE_RADIX_HISTOGRAM_KERNEL(radix_sort_histogram_keys32, unsigned int)
FORGE_RADIX_HISTOGRAM_KERNEL(radix_sort_histogram_keys64, unsigned long long)

FORGE_RADIX_ONESWEEP_KERNEL(radix_sort_onesweep_keys32, unsigned int, unsigned int, false)
FORGE_RADIX_ONESWEEP_KERNEL(radix_sort_onesweep_keys32_values32, unsigned int, unsigned int, true)
FORGE_RADIX_ONESWEEP_KERNEL(radix_sort_onesweep_keys32_values64, unsigned int, unsigned long long, true)
FORGE_RADIX_ONESWEEP_KERNEL(radix_sort_onesweep_keys64, unsigned long long, unsigned int, false)
FORGE_RADIX_ONESWEEP_KERNEL(radix_sort_onesweep_keys64_values32, unsigned long long, unsigned int, true)
FORGE_RADIX_ONESWEEP_KERNEL(radix_sort_onesweep_keys64_values64, unsigned long long, unsigned long long, true)
