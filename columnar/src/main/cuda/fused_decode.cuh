// Fused decoding of Forge's encoded chunks: one struct per encoding whose device functions decode one 1024-value
// block into registers (or, for delta, shared memory) where a query kernel consumes the values, e.g.
//
//     forge::FrameOfReferenceChunk<u32> prices{...};   // pointers into the chunk's sections, from its header
//     u32 values[forge::kValuesPerLane];
//     prices.decode_block(block, lane, values);         // values[p] is value p * 32 + lane of the block
//
// Layout (see BitPacking.java): a block is 32 lanes x 32 values; lane l's values form one bit stream, `width` bits
// each, least significant bit first, and bit b of that stream is bit b % 32 of word (b / 32) * 32 + l. A warp whose
// lane l reads word k * 32 + l loads 32 consecutive words, so every load below is coalesced.
//
// Values travel as unsigned words (u32 or u64): the bits are what matters, and unsigned arithmetic wraps exactly
// like the CPU decoder's. All structs decode whole blocks, padding included; padding decodes to harmless values
// (the encoders write zeros there and EncodedChunk.parse checks dictionary codes up to the block's end).
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

// The packed words of block `block` of a section of `width`-bit values.
__device__ __forceinline__ const u32* packed_block(const u32* packed, int block, int width) {
    return packed + static_cast<u64>(block) * width * kLanes;
}

// Frame of reference with patches: value = reference + packed, except at patched positions.
template <typename T>
struct FrameOfReferenceChunk {
    const u32* packed;
    T reference;
    int width;
    const int* patch_positions;  // ascending, chunk-relative
    const T* patch_values;
    const int* patch_starts;     // blocks + 1 entries; unused when patch_count == 0
    int patch_count;

    // Strided lanes: values[p] becomes value p * 32 + lane of the block.
    __device__ __forceinline__ void decode_block(int block, int lane, T (&values)[kValuesPerLane]) const {
        const u32* words = packed_block(packed, block, width);
#pragma unroll
        for (int p = 0; p < kValuesPerLane; ++p) {
            values[p] = static_cast<T>(reference + static_cast<T>(unpack_value(words, lane, width, p)));
        }
        if (patch_count > 0) {
            apply_patches(block, lane, values);
        }
    }

    // Patches are rare, so every lane scans its block's; the unrolled compare keeps `values` in registers (a
    // run-time index would push the array to local memory).
    __device__ __forceinline__ void apply_patches(int block, int lane, T (&values)[kValuesPerLane]) const {
        const int block_start = block * kBlockValues;
        for (int patch = patch_starts[block]; patch < patch_starts[block + 1]; ++patch) {
            const int index = patch_positions[patch] - block_start;
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
};

// Dictionary: value = entries[code].
template <typename T>
struct DictionaryChunk {
    const T* entries;
    const u32* packed;
    int width;

    // Strided lanes: values[p] becomes value p * 32 + lane of the block.
    __device__ __forceinline__ void decode_block(int block, int lane, T (&values)[kValuesPerLane]) const {
        const u32* words = packed_block(packed, block, width);
#pragma unroll
        for (int p = 0; p < kValuesPerLane; ++p) {
            values[p] = entries[unpack_value(words, lane, width, p)];
        }
    }
};

// Row stride of a warp's delta tile in shared memory: one padding word per row keeps the transposed read free of
// bank conflicts.
constexpr int kTileStride = kValuesPerLane + 1;
constexpr int kTileValues = kLanes * kTileStride;

// Delta with a base per lane: lane l rebuilds values 32 l .. 32 l + 31 from its base with 31 dependent additions.
template <typename T>
struct DeltaChunk {
    const T* bases;  // 32 per block
    const u32* packed;
    T reference;     // the smallest difference, added back to every packed one
    int width;

    // Leaves value i of the block at tile[(i / 32) * kTileStride + i % 32] (kTileValues per warp); the caller
    // __syncwarp()s before reading values other lanes decoded, e.g. value p * 32 + lane at tile[p * kTileStride + lane].
    __device__ __forceinline__ void decode_block_to_tile(int block, int lane, T* __restrict__ tile) const {
        const u32* words = packed_block(packed, block, width);
        T value = bases[static_cast<u64>(block) * kLanes + lane];
        tile[lane * kTileStride] = value;
#pragma unroll
        for (int p = 1; p < kValuesPerLane; ++p) {
            value = static_cast<T>(value + reference + static_cast<T>(unpack_value(words, lane, width, p)));
            tile[lane * kTileStride + p] = value;
        }
    }
};

// Run-length: run values and exclusive, ascending run ends.
template <typename T>
struct RunLengthChunk {
    const T* run_values;
    const int* run_ends;
    int runs;

    // The value at `index`: that of the first run ending after it (binary search).
    __device__ __forceinline__ T value_at(int index) const {
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
};

}  // namespace forge
