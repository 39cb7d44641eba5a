// Stable stream compaction (select) and stable partition of int32, int64, float32 and float64 values by a byte mask
// (non-zero keeps) or a bit mask (bit i % 8 of byte i / 8, least significant first, as in Arrow validity bitmaps),
// launched by GpuSelect.java. One pass over the values: each block takes one tile, counts the elements its mask
// keeps, learns how many were kept before the tile by decoupled look-back (decoupled_look_back.cuh), compacts the
// tile in shared memory and writes it out with consecutive threads on consecutive elements. Partition writes the
// rejected elements after all the selected ones, so it needs the selected total first: a counting kernel reads only
// the mask (one byte or one bit per element) before the partition pass.
#include <cub/block/block_load.cuh>
#include <cub/block/block_reduce.cuh>
#include <cub/block/block_scan.cuh>

#include "decoupled_look_back.cuh"

constexpr int THREADS = 256;

template <typename T>
struct SelectShape {
    static constexpr int ITEMS = sizeof(T) == 4 ? 16 : 8;  // 64 bytes per thread, as in scan.cu
    static constexpr int TILE = THREADS * ITEMS;
};

// One 8-byte word per tile: the status in the top two bits, the count of kept elements below (a count never reaches
// 2^62), so one volatile load reads both.
struct CountTileState {
    static constexpr int STATUS_SHIFT = 62;
    static constexpr unsigned long long COUNT_BITS = (1ULL << STATUS_SHIFT) - 1;
    unsigned long long* words;

    __device__ explicit CountTileState(unsigned long long* scratch) : words(scratch) {}

    __device__ void publish(long long tile, TileStatus status, unsigned long long count) {
        store_word(words + tile, (static_cast<unsigned long long>(status) << STATUS_SHIFT) | count);
    }

    __device__ TileStatus wait(long long tile, unsigned long long& count) {
        unsigned long long seen;
        while (((seen = load_word(words + tile)) >> STATUS_SHIFT) == NOTHING) {
        }
        count = seen & COUNT_BITS;
        return static_cast<TileStatus>(seen >> STATUS_SHIFT);
    }
};

// Reads the keep flags of ITEMS consecutive elements from `first`; flags past `count` are false.
struct ByteMask {
    const unsigned char* mask;

    template <int ITEMS>
    __device__ __forceinline__ void read(long long first, long long count, bool (&keep)[ITEMS]) const {
        const unsigned char* bytes = mask + first;
        if (first + ITEMS <= count && reinterpret_cast<unsigned long long>(bytes) % ITEMS == 0) {
            // one 8- or 16-byte load where the mask allows it, bytes taken apart with shifts to stay in registers
            unsigned int words[4];
            if constexpr (ITEMS == 16) {
                const uint4 loaded = *reinterpret_cast<const uint4*>(bytes);
                words[0] = loaded.x;
                words[1] = loaded.y;
                words[2] = loaded.z;
                words[3] = loaded.w;
            } else {
                const uint2 loaded = *reinterpret_cast<const uint2*>(bytes);
                words[0] = loaded.x;
                words[1] = loaded.y;
                words[2] = 0;
                words[3] = 0;
            }
#pragma unroll
            for (int j = 0; j < ITEMS; ++j) {
                keep[j] = ((words[j / 4] >> (8 * (j % 4))) & 0xffu) != 0;
            }
        } else {
#pragma unroll
            for (int j = 0; j < ITEMS; ++j) {
                keep[j] = first + j < count && bytes[j] != 0;
            }
        }
    }
};

struct BitMask {
    const unsigned char* mask;

    // `first` is a multiple of 8 (ITEMS is 8 or 16), so the flags are whole mask bytes; bytes past the mask's
    // (count + 7) / 8 are never read, and bits past `count` in the last byte are ignored.
    template <int ITEMS>
    __device__ __forceinline__ void read(long long first, long long count, bool (&keep)[ITEMS]) const {
        unsigned int bits = 0;
#pragma unroll
        for (int byte = 0; byte < ITEMS / 8; ++byte) {
            if (first + 8 * byte < count) {
                bits |= static_cast<unsigned int>(mask[first / 8 + byte]) << (8 * byte);
            }
        }
#pragma unroll
        for (int j = 0; j < ITEMS; ++j) {
            keep[j] = first + j < count && ((bits >> j) & 1u) != 0;
        }
    }
};

// `selectedCount` is where select writes the number kept; partition reads the total from there instead (written by
// count_selected_* earlier in the stream). The tile counter and tile words start zeroed.
template <typename T, typename Mask, bool PARTITION>
__device__ __forceinline__ void compact_tile(const T* values, Mask mask, T* output, long long count,
                                             unsigned long long* selectedCount, unsigned int* nextTile,
                                             unsigned long long* tileWords) {
    constexpr int ITEMS = SelectShape<T>::ITEMS;
    constexpr int TILE = SelectShape<T>::TILE;
    using Load = cub::BlockLoad<T, THREADS, ITEMS, cub::BLOCK_LOAD_WARP_TRANSPOSE>;
    using Scan = cub::BlockScan<int, THREADS, cub::BLOCK_SCAN_WARP_SCANS>;
    __shared__ union {
        typename Load::TempStorage load;
        typename Scan::TempStorage scan;
        T staged[TILE];
    } temp;
    __shared__ long long sharedTile;
    __shared__ unsigned long long sharedBefore;

    if (threadIdx.x == 0) {
        sharedTile = atomicAdd(nextTile, 1u);
    }
    __syncthreads();
    const long long tile = sharedTile;
    const long long begin = tile * TILE;
    const int valid = count - begin < TILE ? static_cast<int>(count - begin) : TILE;

    T items[ITEMS];
    if (valid == TILE) {
        Load(temp.load).Load(values + begin, items);
    } else {
        Load(temp.load).Load(values + begin, items, valid, T(0));
    }
    const int firstInTile = threadIdx.x * ITEMS;
    bool keep[ITEMS];
    mask.template read<ITEMS>(begin + firstInTile, count, keep);
    int kept = 0;
#pragma unroll
    for (int j = 0; j < ITEMS; ++j) {
        kept += keep[j] ? 1 : 0;
    }
    __syncthreads();  // the load's shared storage is reused by the scan
    int keptBefore;  // kept by earlier threads of this tile
    int keptInTile;
    Scan(temp.scan).ExclusiveSum(kept, keptBefore, keptInTile);

    CountTileState state(tileWords);
    if (threadIdx.x == 0) {
        state.publish(tile, tile == 0 ? PREFIX : AGGREGATE, static_cast<unsigned long long>(keptInTile));
    }
    if (tile > 0 && threadIdx.x < 32) {
        const unsigned long long before = look_back<unsigned long long>(tile, state);
        if (threadIdx.x == 0) {
            sharedBefore = before;
            state.publish(tile, PREFIX, before + static_cast<unsigned long long>(keptInTile));
        }
    }
    __syncthreads();  // sharedBefore is known, and the scan's shared storage is free for staging
    const long long keptBeforeTile = tile > 0 ? static_cast<long long>(sharedBefore) : 0;

    // Stage the tile compacted: kept elements first, then (partition only) the rejected ones, each in input order.
    int keptSlot = keptBefore;
    int rejectedSlot = keptInTile + (firstInTile - keptBefore);
#pragma unroll
    for (int j = 0; j < ITEMS; ++j) {
        if (keep[j]) {
            temp.staged[keptSlot++] = items[j];
        } else if (PARTITION && firstInTile + j < valid) {
            temp.staged[rejectedSlot++] = items[j];
        }
    }
    __syncthreads();

    if (PARTITION) {
        const long long total = static_cast<long long>(*selectedCount);
        // rejected before this tile = elements before it - kept before it
        const long long rejectedStart = total + (begin - keptBeforeTile);
        for (int i = threadIdx.x; i < valid; i += THREADS) {
            const long long position = i < keptInTile ? keptBeforeTile + i : rejectedStart + (i - keptInTile);
            output[position] = temp.staged[i];
        }
    } else {
        for (int i = threadIdx.x; i < keptInTile; i += THREADS) {
            output[keptBeforeTile + i] = temp.staged[i];
        }
        if (threadIdx.x == 0 && begin + TILE >= count) {  // the last tile knows the total
            *selectedCount = static_cast<unsigned long long>(keptBeforeTile + keptInTile);
        }
    }
}

// How many elements a mask keeps, added to *selectedCount (zeroed first); grid-stride over the mask bytes.
template <typename Count>
__device__ __forceinline__ void count_selected(const unsigned char* mask, long long count, Count countByte,
                                               unsigned long long* selectedCount) {
    using Reduce = cub::BlockReduce<unsigned long long, THREADS>;
    __shared__ typename Reduce::TempStorage temp;
    const long long maskBytes = countByte.maskBytes(count);
    unsigned long long kept = 0;
    for (long long byte = static_cast<long long>(blockIdx.x) * THREADS + threadIdx.x; byte < maskBytes;
         byte += static_cast<long long>(gridDim.x) * THREADS) {
        kept += countByte(mask[byte], byte, count);
    }
    const unsigned long long blockKept = Reduce(temp).Sum(kept);
    if (threadIdx.x == 0 && blockKept != 0) {
        atomicAdd(selectedCount, blockKept);
    }
}

struct CountByteMaskByte {
    __device__ long long maskBytes(long long count) const { return count; }
    __device__ unsigned int operator()(unsigned char byte, long long, long long) const { return byte != 0 ? 1u : 0u; }
};

struct CountBitMaskByte {
    __device__ long long maskBytes(long long count) const { return (count + 7) / 8; }
    __device__ unsigned int operator()(unsigned char byte, long long index, long long count) const {
        unsigned int bits = byte;
        const long long elements = count - 8 * index;  // bits past the last element are padding
        if (elements < 8) {
            bits &= (1u << elements) - 1u;
        }
        return static_cast<unsigned int>(__popc(bits));
    }
};

extern "C" __global__ void __launch_bounds__(THREADS)
    count_selected_by_byte_mask(const unsigned char* mask, long long count, unsigned long long* selectedCount) {
    count_selected(mask, count, CountByteMaskByte(), selectedCount);
}

extern "C" __global__ void __launch_bounds__(THREADS)
    count_selected_by_bit_mask(const unsigned char* mask, long long count, unsigned long long* selectedCount) {
    count_selected(mask, count, CountBitMaskByte(), selectedCount);
}

// Launch with THREADS threads and one block per tile; the tile counter and the tile words (8 bytes per tile)
// zeroed first, and for partition *selectedCount holding the total kept.
#define FORGE_COMPACT_KERNEL(NAME, T, MASK, PARTITION)                                                        \
    extern "C" __global__ void __launch_bounds__(THREADS)                                                     \
        NAME(const T* values, const unsigned char* mask, T* output, long long count,                          \
             unsigned long long* selectedCount, unsigned int* nextTile, unsigned long long* tileWords) {      \
        compact_tile<T, MASK, PARTITION>(values, MASK{mask}, output, count, selectedCount, nextTile, tileWords); \
    }

#define FORGE_COMPACT_KERNELS(TYPE_NAME, T)                                                  \
    FORGE_COMPACT_KERNEL(select_by_byte_mask_##TYPE_NAME, T, ByteMask, false)                \
    FORGE_COMPACT_KERNEL(select_by_bit_mask_##TYPE_NAME, T, BitMask, false)                  \
    FORGE_COMPACT_KERNEL(partition_by_byte_mask_##TYPE_NAME, T, ByteMask, true)              \
    FORGE_COMPACT_KERNEL(partition_by_bit_mask_##TYPE_NAME, T, BitMask, true)

FORGE_COMPACT_KERNELS(int32, int)
FORGE_COMPACT_KERNELS(int64, long long)
FORGE_COMPACT_KERNELS(float32, float)
FORGE_COMPACT_KERNELS(float64, double)
