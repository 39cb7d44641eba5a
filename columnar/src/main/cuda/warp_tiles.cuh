// How the standalone decoders of decode.cu get a warp's decoded block from the lane layout into memory with 16-byte
// stores. A lane of a packed block holds one column (strided layouts) or one row (delta's contiguous layout) of the
// block seen as 32 x 32 values, so its own values are 4 or 8 bytes apart 32 ways; storing them directly costs one
// 4-byte store per value. Instead the warp writes its values into a small shared-memory tile in an order free of
// bank conflicts and reads the tile back in 16-byte pieces of consecutive values, which each lane stores with one
// 16-byte instruction: a warp stores 512 contiguous bytes per instruction, like a copy kernel.
//
// Every function here is called by all 32 lanes of a warp together (they end in or rely on __syncwarp()).
#pragma once

#include "fused_decode.cuh"

namespace forge {

// `Count` items that travel as one vector load or store of Count * sizeof(Item) bytes (8 or 16).
template <typename Item, int Count>
struct alignas(sizeof(Item) * Count) ItemVector {
    Item item[Count];
};

// Values of type T per 16-byte vector.
template <typename T>
constexpr int kValuesPerVector = 16 / static_cast<int>(sizeof(T));

__device__ __forceinline__ bool vector_aligned(const void* address) {
    return (reinterpret_cast<unsigned long long>(address) & 15ull) == 0;
}

// Strided layouts are transposed a pass of 8 rows at a time, so the tile is small (1 KiB of 4-byte items per warp)
// and never limits how many warps a multiprocessor holds.
constexpr int kPassRows = 8;
constexpr int kPassItems = kPassRows * kLanes;
constexpr int kPasses = kValuesPerLane / kPassRows;

// Writes output values [first, first + kPassItems) from a pass tile (item i of the pass at tile[i], lane l having
// written column l), each item mapped to its value by `map`. Whole passes go out as 16-byte vectors when `vectors`
// (the output is 16-byte aligned); the chunk's last, partial pass and unaligned outputs go value by value, coalesced,
// stopping at `count`.
template <typename T, typename Item, typename Map>
__device__ __forceinline__ void store_pass(const Item* tile, int lane, T* __restrict__ out, int first, int count,
                                           bool vectors, Map map) {
    constexpr int kPerVector = kValuesPerVector<T>;
    if (vectors && first <= count - kPassItems) {
#pragma unroll
        for (int m = 0; m < kPassItems / (kPerVector * kLanes); ++m) {
            const int item = (m * kLanes + lane) * kPerVector;
            const ItemVector<Item, kPerVector> in = *reinterpret_cast<const ItemVector<Item, kPerVector>*>(tile + item);
            ItemVector<T, kPerVector> result;
#pragma unroll
            for (int e = 0; e < kPerVector; ++e) {
                result.item[e] = map(in.item[e]);
            }
            *reinterpret_cast<ItemVector<T, kPerVector>*>(out + first + item) = result;
        }
    } else {
#pragma unroll
        for (int m = 0; m < kPassItems / kLanes; ++m) {
            const int item = m * kLanes + lane;
            if (first + item < count) {
                out[first + item] = map(tile[item]);
            }
        }
    }
}

// Contiguous layouts (delta): lane l holds row l, values 32 l .. 32 l + 31 of the block, and writes its row into the
// warp's tile 16 bytes at a time. Without care the 32 rows would start in the same bank; so 16-byte group g of row r
// sits at group g ^ (r & 7) of that row, which spreads any 8 lanes' writes of one group, and any 8 consecutive groups
// read along one row, over all 32 banks. The values inside a group keep their order.
template <typename T>
__device__ __forceinline__ int row_group_offset(int row, int group) {
    return row * kLanes + (group ^ (row & 7)) * kValuesPerVector<T>;
}

// Writes `values`, group `group` of the calling lane's row, into the tile.
template <typename T>
__device__ __forceinline__ void write_row_group(T* tile, int lane, int group,
                                                const ItemVector<T, kValuesPerVector<T>>& values) {
    *reinterpret_cast<ItemVector<T, kValuesPerVector<T>>*>(tile + row_group_offset<T>(lane, group)) = values;
}

// Writes output values [first, first + kBlockValues) from a row tile: 16-byte vectors when the block is whole and
// `vectors`, else value by value up to `count`.
template <typename T>
__device__ __forceinline__ void store_row_tile(const T* tile, int lane, T* __restrict__ out, int first, int count,
                                               bool vectors) {
    constexpr int kPerVector = kValuesPerVector<T>;
    constexpr int kGroupsPerRow = kLanes / kPerVector;
    if (vectors && first <= count - kBlockValues) {
#pragma unroll
        for (int m = 0; m < kBlockValues / (kPerVector * kLanes); ++m) {
            const int vector = m * kLanes + lane;
            const int row = vector / kGroupsPerRow;
            const int group = vector % kGroupsPerRow;
            *reinterpret_cast<ItemVector<T, kPerVector>*>(out + first + vector * kPerVector) =
                *reinterpret_cast<const ItemVector<T, kPerVector>*>(tile + row_group_offset<T>(row, group));
        }
    } else {
#pragma unroll
        for (int row = 0; row < kValuesPerLane; ++row) {
            const int item = row * kLanes + lane;
            if (first + item < count) {
                out[first + item] = tile[row_group_offset<T>(row, lane / kPerVector) + lane % kPerVector];
            }
        }
    }
}

}  // namespace forge
