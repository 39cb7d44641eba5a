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

// A lane's `Width` packed words of one block, held in registers (loaded once, each by one coalesced warp load),
// and its values unpacked from them at compile-time positions: with the loops unrolled every word index and shift
// is a constant, so the array never leaves registers and a value costs one or two shifts (a funnel shift when it
// straddles two words) and a mask. Same bits as unpack_value.
template <int Width>
struct LaneWords {
    static_assert(Width >= 0 && Width <= 64, "a packed value has 0 to 64 bits");
    u32 word[Width > 0 ? Width : 1];

    __device__ __forceinline__ void load(const u32* __restrict__ block, int lane) {
#pragma unroll
        for (int k = 0; k < Width; ++k) {
            word[k] = block[k * kLanes + lane];
        }
    }

    // Bits [first, first + bits) of the stream, 1 <= bits <= 32, with first and bits constants after unrolling.
    __device__ __forceinline__ u32 bits_at(int first, int bits) const {
        const int k = first >> 5;
        const int shift = first & 31;
        const u32 value = shift + bits <= 32 ? word[k] >> shift : __funnelshift_r(word[k], word[k + 1], shift);
        return bits == 32 ? value : value & ((1u << bits) - 1u);
    }

    // Value `position` of the lane (0..31) as an unsigned Width-bit number.
    __device__ __forceinline__ u32 narrow_value(int position) const {
        static_assert(Width <= 32, "narrow_value needs Width <= 32; use wide_value");
        return Width == 0 ? 0u : bits_at(position * Width, Width);
    }

    __device__ __forceinline__ u64 wide_value(int position) const {
        if constexpr (Width <= 32) {
            return narrow_value(position);
        } else {
            const int first = position * Width;
            return static_cast<u64>(bits_at(first, 32)) | (static_cast<u64>(bits_at(first + 32, Width - 32)) << 32);
        }
    }
};

// A lane's 32 packed values at a width known at compile time, unpacked through LaneWords.
template <int Width, typename T>
__device__ __forceinline__ void unpack_lane_fixed(const u32* __restrict__ block, int lane, T (&packed)[kValuesPerLane]) {
    LaneWords<Width> words;
    words.load(block, lane);
#pragma unroll
    for (int p = 0; p < kValuesPerLane; ++p) {
        packed[p] = static_cast<T>(words.wide_value(p));
    }
}

// A lane's 32 packed values at a run-time width, through one compile-time instance per width (0..bits of T).
// Larger code than a loop over unpack_value, so standalone decoders use it; fused kernels choose.
template <typename T>
__device__ __forceinline__ void unpack_lane(const u32* __restrict__ block, int lane, int width,
                                            T (&packed)[kValuesPerLane]) {
#define FORGE_UNPACK_CASE(W)                                   \
    case W:                                                    \
        if constexpr (W <= 8 * static_cast<int>(sizeof(T))) { \
            unpack_lane_fixed<W>(block, lane, packed);         \
        }                                                      \
        return;
    switch (width) {
        FORGE_UNPACK_CASE(0) FORGE_UNPACK_CASE(1) FORGE_UNPACK_CASE(2) FORGE_UNPACK_CASE(3) FORGE_UNPACK_CASE(4)
        FORGE_UNPACK_CASE(5) FORGE_UNPACK_CASE(6) FORGE_UNPACK_CASE(7) FORGE_UNPACK_CASE(8) FORGE_UNPACK_CASE(9)
        FORGE_UNPACK_CASE(10) FORGE_UNPACK_CASE(11) FORGE_UNPACK_CASE(12) FORGE_UNPACK_CASE(13) FORGE_UNPACK_CASE(14)
        FORGE_UNPACK_CASE(15) FORGE_UNPACK_CASE(16) FORGE_UNPACK_CASE(17) FORGE_UNPACK_CASE(18) FORGE_UNPACK_CASE(19)
        FORGE_UNPACK_CASE(20) FORGE_UNPACK_CASE(21) FORGE_UNPACK_CASE(22) FORGE_UNPACK_CASE(23) FORGE_UNPACK_CASE(24)
        FORGE_UNPACK_CASE(25) FORGE_UNPACK_CASE(26) FORGE_UNPACK_CASE(27) FORGE_UNPACK_CASE(28) FORGE_UNPACK_CASE(29)
        FORGE_UNPACK_CASE(30) FORGE_UNPACK_CASE(31) FORGE_UNPACK_CASE(32) FORGE_UNPACK_CASE(33) FORGE_UNPACK_CASE(34)
        FORGE_UNPACK_CASE(35) FORGE_UNPACK_CASE(36) FORGE_UNPACK_CASE(37) FORGE_UNPACK_CASE(38) FORGE_UNPACK_CASE(39)
        FORGE_UNPACK_CASE(40) FORGE_UNPACK_CASE(41) FORGE_UNPACK_CASE(42) FORGE_UNPACK_CASE(43) FORGE_UNPACK_CASE(44)
        FORGE_UNPACK_CASE(45) FORGE_UNPACK_CASE(46) FORGE_UNPACK_CASE(47) FORGE_UNPACK_CASE(48) FORGE_UNPACK_CASE(49)
        FORGE_UNPACK_CASE(50) FORGE_UNPACK_CASE(51) FORGE_UNPACK_CASE(52) FORGE_UNPACK_CASE(53) FORGE_UNPACK_CASE(54)
        FORGE_UNPACK_CASE(55) FORGE_UNPACK_CASE(56) FORGE_UNPACK_CASE(57) FORGE_UNPACK_CASE(58) FORGE_UNPACK_CASE(59)
        FORGE_UNPACK_CASE(60) FORGE_UNPACK_CASE(61) FORGE_UNPACK_CASE(62) FORGE_UNPACK_CASE(63) FORGE_UNPACK_CASE(64)
        default:
            return;  // EncodedChunk.parse admits no other width
    }
#undef FORGE_UNPACK_CASE
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

    // decode_block through a compile-time instance per width: faster, larger code.
    __device__ __forceinline__ void decode_block_unrolled(int block, int lane, T (&values)[kValuesPerLane]) const {
        unpack_lane(packed_block(packed, block, width), lane, width, values);
#pragma unroll
        for (int p = 0; p < kValuesPerLane; ++p) {
            values[p] = static_cast<T>(reference + values[p]);
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

    // decode_block through a compile-time instance per code width up to 32 bits: faster, larger code. Wider codes
    // (legal in a u64 chunk, though the encoder never writes them) take decode_block.
    __device__ __forceinline__ void decode_block_unrolled(int block, int lane, T (&values)[kValuesPerLane]) const {
        if (width > 32) {
            decode_block(block, lane, values);
            return;
        }
        u32 codes[kValuesPerLane];
        unpack_lane(packed_block(packed, block, width), lane, width, codes);
#pragma unroll
        for (int p = 0; p < kValuesPerLane; ++p) {
            values[p] = entries[codes[p]];
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

    // decode_block_to_tile through a compile-time instance per width: faster, larger code.
    __device__ __forceinline__ void decode_block_to_tile_unrolled(int block, int lane, T* __restrict__ tile) const {
        T differences[kValuesPerLane];
        unpack_lane(packed_block(packed, block, width), lane, width, differences);
        T value = bases[static_cast<u64>(block) * kLanes + lane];
        tile[lane * kTileStride] = value;
#pragma unroll
        for (int p = 1; p < kValuesPerLane; ++p) {
            value = static_cast<T>(value + reference + differences[p]);
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

    // The run that holds `index`: the first whose end is above it (binary search).
    __device__ __forceinline__ int run_holding(int index) const {
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
        return low;
    }

    // The value at `index`.
    __device__ __forceinline__ T value_at(int index) const {
        return run_values[run_holding(index)];
    }
};

}  // namespace forge
