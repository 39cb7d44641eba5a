// Fused decoding of Forge's encoded chunks: device functions a query kernel calls inline to decode one 1024-value
// block into registers (or, for delta, shared memory) right where it consumes the values.
//
// Layout (see BitPacking.java): a block is 32 lanes x 32 values; lane l's values form one bit stream, `width` bits
// each, least significant bit first, and bit b of that stream is bit b % 32 of word (b / 32) * 32 + l. A warp whose
// lane l reads word k * 32 + l loads 32 consecutive words, so every load below is coalesced.
//
// Values travel as unsigned words (u32 or u64): the bits are what matters, and unsigned arithmetic wraps exactly
// like the CPU decoder's.
#pragma once

namespace forge {

typedef unsigned int u32;
typedef unsigned long long u64;

constexpr int kLanes = 32;
constexpr int kValuesPerLane = 32;
constexpr int kBlockValues = kLanes * kValuesPerLane;

// Value `position` of `lane` in a packed block of `width` bits per value (0..64).
__device__ __forceinline__ u64 unpack_value(const u32* __restrict__ block, int lane, int width, int position) {
    if (width == 0) {
        return 0;  // a width-0 section is empty: read nothing
    }
    const int bit = position * width;
    const int word = bit >> 5;
    const int shift = bit & 31;
    u64 value = static_cast<u64>(block[word * kLanes + lane]) >> shift;
    if (shift + width > 32) {
        value |= static_cast<u64>(block[(word + 1) * kLanes + lane]) << (32 - shift);
    }
    if (shift + width > 64) {
        value |= static_cast<u64>(block[(word + 2) * kLanes + lane]) << (64 - shift);
    }
    return width == 64 ? value : value & ((1ull << width) - 1);
}

// Frame of reference, strided lanes: values[p] becomes value p * 32 + lane of the block.
template <typename T>
__device__ __forceinline__ void decode_frame_of_reference_lane(const u32* __restrict__ block, int lane, int width,
                                                               T reference, T (&values)[kValuesPerLane]) {
#pragma unroll
    for (int p = 0; p < kValuesPerLane; ++p) {
        values[p] = static_cast<T>(reference + static_cast<T>(unpack_value(block, lane, width, p)));
    }
}

// Applies the patches of one block to a lane's strided values. Patches are rare, so every lane scans them all; the
// unrolled compare keeps `values` in registers (a run-time index would push it to local memory).
template <typename T>
__device__ __forceinline__ void apply_patches_lane(const int* __restrict__ positions, const T* __restrict__ patch_values,
                                                   int first_patch, int end_patch, int block_start, int lane,
                                                   T (&values)[kValuesPerLane]) {
    for (int patch = first_patch; patch < end_patch; ++patch) {
        const int index = positions[patch] - block_start;
        if ((index & (kLanes - 1)) == lane) {
            const T value = patch_values[patch];
#pragma unroll
            for (int p = 0; p < kValuesPerLane; ++p) {
                if ((index >> 5) == p) {
                    values[p] = value;
                }
            }
        }
    }
}

// Dictionary codes, strided lanes: values[p] becomes value p * 32 + lane of the block.
template <typename T>
__device__ __forceinline__ void decode_dictionary_lane(const u32* __restrict__ block, int lane, int width,
                                                       const T* __restrict__ dictionary, T (&values)[kValuesPerLane]) {
#pragma unroll
    for (int p = 0; p < kValuesPerLane; ++p) {
        values[p] = dictionary[unpack_value(block, lane, width, p)];
    }
}

// Row stride of a warp's delta tile in shared memory: one padding word per row keeps the transposed read free of
// bank conflicts.
constexpr int kTileStride = kValuesPerLane + 1;
constexpr int kTileValues = kLanes * kTileStride;

// Delta, contiguous lanes: lane l rebuilds values 32 l .. 32 l + 31 from its base with 31 dependent additions and
// leaves value i of the block at tile[(i / 32) * kTileStride + i % 32]. The caller __syncwarp()s before reading
// other lanes' values.
template <typename T>
__device__ __forceinline__ void decode_delta_lane_to_tile(const T* __restrict__ block_bases,
                                                          const u32* __restrict__ block, int lane, int width,
                                                          T reference, T* __restrict__ tile) {
    T value = block_bases[lane];
    tile[lane * kTileStride] = value;
#pragma unroll
    for (int p = 1; p < kValuesPerLane; ++p) {
        value = static_cast<T>(value + reference + static_cast<T>(unpack_value(block, lane, width, p)));
        tile[lane * kTileStride + p] = value;
    }
}

// Value `index` of a run-length chunk: the value of the first run that ends after it (binary search).
template <typename T>
__device__ __forceinline__ T run_length_value_at(const T* __restrict__ run_values, const int* __restrict__ run_ends,
                                                 int runs, int index) {
    int low = 0;
    int high = runs - 1;
    while (low < high) {
        const int middle = (low + high) >> 1;
        if (run_ends[middle] <= index) {
            low = middle + 1;
        } else {
            high = middle;
        }
    }
    return run_values[low];
}

}  // namespace forge
