// Standalone decoders for GpuDecoder.java: each kernel decodes a whole encoded chunk from device memory into a plain
// array. Frame of reference, delta and dictionary have one kernel per bit width (decode_for_u32_w7, ...), so that
// unpacking is fully unrolled and a lane's packed words stay in registers; GpuDecoder picks the kernel by the
// chunk's width. The kernels loop: warp w of the grid decodes 1024-value blocks w, w + (warps in the grid), ..., each
// through a shared-memory tile into 16-byte stores (warp_tiles.cuh). Run-length expands a 4096-value tile per CTA
// from a window of runs staged in shared memory.
#include "warp_tiles.cuh"

using forge::u32;
using forge::u64;

// The dictionary kernels size their shared memory at launch; the CPU emulation supplies its own buffer here.
#ifndef FORGE_DYNAMIC_SHARED_MEMORY
#define FORGE_DYNAMIC_SHARED_MEMORY(name) extern __shared__ __align__(16) unsigned char name[]
#endif

namespace {

// CTA sizes, mirrored in GpuDecoder.java. Delta's whole-block tiles (4 or 8 KiB a warp) keep its CTAs smaller; the
// dictionary kernels take their size from the launch.
constexpr int kFrameOfReferenceWarps = 8;
constexpr int kDeltaWarps = 4;
constexpr int kRunLengthThreads = 256;

__device__ __forceinline__ int lane_id() {
    return threadIdx.x & 31;
}

__device__ __forceinline__ int warp_id() {
    return threadIdx.x >> 5;
}

__device__ __forceinline__ int block_count(int count) {
    return count == 0 ? 0 : (count - 1) / forge::kBlockValues + 1;
}

// The grid's warps take the blocks in turn, so that at any moment they work on neighbouring memory.
__device__ __forceinline__ int first_block(int warps_per_cta) {
    return blockIdx.x * warps_per_cta + warp_id();
}

__device__ __forceinline__ int block_stride(int warps_per_cta) {
    return gridDim.x * warps_per_cta;
}

// value = reference + packed, except at patched positions.
template <typename T, int Width>
__device__ __forceinline__ void frame_of_reference(const u32* __restrict__ packed, T reference,
                                                   const int* __restrict__ patch_positions,
                                                   const T* __restrict__ patch_values,
                                                   const int* __restrict__ patch_starts, int patch_count,
                                                   T* __restrict__ out, int count) {
    __shared__ __align__(16) T tiles[kFrameOfReferenceWarps][forge::kPassItems];
    T* tile = tiles[warp_id()];
    const int lane = lane_id();
    const int blocks = block_count(count);
    const bool vectors = forge::vector_aligned(out);
    for (int block = first_block(kFrameOfReferenceWarps); block < blocks; block += block_stride(kFrameOfReferenceWarps)) {
        forge::LaneWords<Width> words;
        words.load(forge::packed_block(packed, block, Width), lane);
        int patch = 0;
        int patch_end = 0;
        if (patch_count > 0) {
            patch = patch_starts[block];
            patch_end = patch_starts[block + 1];
        }
#pragma unroll
        for (int pass = 0; pass < forge::kPasses; ++pass) {
#pragma unroll
            for (int row = 0; row < forge::kPassRows; ++row) {
                const T value = static_cast<T>(words.wide_value(pass * forge::kPassRows + row));
                tile[row * forge::kLanes + lane] = static_cast<T>(reference + value);
            }
            const int pass_first = block * forge::kBlockValues + pass * forge::kPassItems;
            if (patch < patch_end) {  // the same for the whole warp
                __syncwarp();
                for (int i = patch + lane; i < patch_end; i += forge::kLanes) {
                    const int offset = patch_positions[i] - pass_first;
                    if (offset >= 0 && offset < forge::kPassItems) {
                        tile[offset] = patch_values[i];
                    }
                }
            }
            __syncwarp();
            forge::store_pass(tile, lane, out, pass_first, count, vectors, [](T value) { return value; });
            __syncwarp();  // the tile is written again by the next pass
        }
    }
}

// Copies entries [0, count) to shared memory with the whole CTA, 16 bytes a load where the entries are so aligned.
template <typename T>
__device__ __forceinline__ void stage(const T* __restrict__ entries, T* staged, int count) {
    int first_scalar = 0;
    if (forge::vector_aligned(entries)) {
        typedef forge::ItemVector<T, forge::kValuesPerVector<T>> Vector;
        const int vectors = count / forge::kValuesPerVector<T>;
        for (int i = threadIdx.x; i < vectors; i += blockDim.x) {
            reinterpret_cast<Vector*>(staged)[i] = reinterpret_cast<const Vector*>(entries)[i];
        }
        first_scalar = vectors * forge::kValuesPerVector<T>;
    }
    for (int i = first_scalar + threadIdx.x; i < count; i += blockDim.x) {
        staged[i] = entries[i];
    }
}

// value = entries[code]. The first `staged_count` entries are copied to shared memory once per CTA (GpuDecoder stages
// whole small dictionaries, and as much of a large one as fits); codes past them read the entries through the
// read-only cache. Codes are transposed through the tile, so each lane looks up 16 bytes' worth of consecutive values
// and stores them at once. Width < 0: the code width is `width`, unpacked at run time (only hand-made chunks have
// codes wider than 32 bits).
template <typename T, int Width>
__device__ __forceinline__ void dictionary(const T* __restrict__ entries, int staged_count,
                                           const u32* __restrict__ packed, int width, T* __restrict__ out,
                                           int count) {
    FORGE_DYNAMIC_SHARED_MEMORY(shared);
    const int warps = blockDim.x >> 5;
    u32* tile = reinterpret_cast<u32*>(shared) + warp_id() * forge::kPassItems;
    T* staged = reinterpret_cast<T*>(shared + warps * forge::kPassItems * static_cast<int>(sizeof(u32)));
    stage(entries, staged, staged_count);
    __syncthreads();
    const u32 staged_codes = static_cast<u32>(staged_count);
    const auto lookup = [staged, staged_codes, entries](u32 code) -> T {
        return code < staged_codes ? staged[code] : __ldg(entries + code);
    };
    constexpr int kFixedWidth = Width >= 0 ? Width : 0;
    const int lane = lane_id();
    const int blocks = block_count(count);
    const bool vectors = forge::vector_aligned(out);
    for (int block = first_block(warps); block < blocks; block += block_stride(warps)) {
        const u32* block_words = forge::packed_block(packed, block, Width >= 0 ? Width : width);
        forge::LaneWords<kFixedWidth> words;
        if constexpr (Width >= 0) {
            words.load(block_words, lane);
        }
#pragma unroll
        for (int pass = 0; pass < forge::kPasses; ++pass) {
#pragma unroll
            for (int row = 0; row < forge::kPassRows; ++row) {
                const int position = pass * forge::kPassRows + row;
                u32 code;
                if constexpr (Width >= 0) {
                    code = words.narrow_value(position);
                } else {
                    code = static_cast<u32>(forge::unpack_value(block_words, lane, width, position));
                }
                tile[row * forge::kLanes + lane] = code;
            }
            __syncwarp();
            forge::store_pass(tile, lane, out, block * forge::kBlockValues + pass * forge::kPassItems, count, vectors,
                              lookup);
            __syncwarp();
        }
    }
}

// Delta with a base per lane: lane l rebuilds row l of the block (values 32 l .. 32 l + 31) with 31 dependent
// additions, writing it into the warp's row tile 16 bytes at a time; then the warp stores the block row by row.
template <typename T, int Width>
__device__ __forceinline__ void delta(const T* __restrict__ bases, const u32* __restrict__ packed, T reference,
                                      T* __restrict__ out, int count) {
    __shared__ __align__(16) T tiles[kDeltaWarps][forge::kBlockValues];
    T* tile = tiles[warp_id()];
    const int lane = lane_id();
    const int blocks = block_count(count);
    const bool vectors = forge::vector_aligned(out);
    for (int block = first_block(kDeltaWarps); block < blocks; block += block_stride(kDeltaWarps)) {
        forge::LaneWords<Width> words;
        words.load(forge::packed_block(packed, block, Width), lane);
        constexpr int kPerVector = forge::kValuesPerVector<T>;
        T value = bases[static_cast<u64>(block) * forge::kLanes + lane];
#pragma unroll
        for (int group = 0; group < forge::kValuesPerLane / kPerVector; ++group) {
            forge::ItemVector<T, kPerVector> values;
#pragma unroll
            for (int e = 0; e < kPerVector; ++e) {
                const int p = group * kPerVector + e;
                if (p > 0) {
                    value = static_cast<T>(value + reference + static_cast<T>(words.wide_value(p)));
                }
                values.item[e] = value;
            }
            forge::write_row_group(tile, lane, group, values);
        }
        __syncwarp();
        forge::store_row_tile(tile, lane, out, block * forge::kBlockValues, count, vectors);
        __syncwarp();
    }
}

constexpr int kRunLengthValuesPerThread = 16;
constexpr int kRunLengthTileValues = kRunLengthThreads * kRunLengthValuesPerThread;
constexpr int kRunLengthWarpValues = kRunLengthValuesPerThread * 32;

// In a window of n run ends in shared memory with ends[n - 1] > position: the first index >= from whose end is above
// position, given that ends[from - 1] <= position. Galloping from `from` keeps a lane's walk over its increasing
// positions short for long and short runs alike.
__device__ __forceinline__ int window_run_holding(const int* ends, int from, int n, int position) {
    if (ends[from] > position) {
        return from;
    }
    int low = from;  // ends[low] <= position < ends[high]
    int high = from + 1;
    int step = 1;
    while (high < n - 1 && ends[high] <= position) {
        low = high;
        step <<= 1;
        high = low + step;
    }
    if (high > n - 1) {
        high = n - 1;
    }
    while (high - low > 1) {
        const int middle = (low + high) >> 1;
        if (ends[middle] <= position) {
            low = middle;
        } else {
            high = middle;
        }
    }
    return high;
}

// Run-length: each CTA expands a contiguous range of 4096-value tiles. Per tile it stages a window of up to 256 runs
// (their ends and values) in shared memory, starting at the run that holds the tile's first value; every thread
// finds the runs of its 16 values in the window, and another window follows while the tile is not covered. A lane's
// values are grouped 16 bytes at a time so that the warp stores 512 contiguous bytes per instruction.
template <typename T>
__device__ __forceinline__ void run_length(const T* __restrict__ run_values, const int* __restrict__ run_ends,
                                           int runs, T* __restrict__ out, int count) {
    __shared__ int window_ends[kRunLengthThreads];
    __shared__ T window_values[kRunLengthThreads];
    __shared__ int first_run;
    constexpr int kPerVector = forge::kValuesPerVector<T>;
    const int tiles = count == 0 ? 0 : (count - 1) / kRunLengthTileValues + 1;
    const int tiles_per_cta = (tiles - 1) / static_cast<int>(gridDim.x) + 1;
    const int first_tile = blockIdx.x * tiles_per_cta;
    const int end_tile = tiles - first_tile < tiles_per_cta ? tiles : first_tile + tiles_per_cta;
    if (first_tile >= end_tile) {
        return;  // the whole CTA: nothing is left for it
    }
    if (threadIdx.x == 0) {
        // One binary search in global memory per CTA; later tiles follow the runs forward.
        const forge::RunLengthChunk<T> chunk{run_values, run_ends, runs};
        first_run = chunk.run_holding(first_tile * kRunLengthTileValues);
    }
    __syncthreads();
    int run = first_run;
    const int lane = lane_id();
    const int lane_first = warp_id() * kRunLengthWarpValues + lane * kPerVector;
    const bool vectors = forge::vector_aligned(out);
    for (int tile = first_tile; tile < end_tile; ++tile) {
        const int tile_first = tile * kRunLengthTileValues;
        const int tile_end = count - tile_first < kRunLengthTileValues ? count : tile_first + kRunLengthTileValues;
        T values[kRunLengthValuesPerThread] = {};
        int decoded_below = tile_first;
        while (true) {
            const int n = runs - run < kRunLengthThreads ? runs - run : kRunLengthThreads;
            __syncthreads();  // every thread is done with the previous window
            if (static_cast<int>(threadIdx.x) < n) {
                window_ends[threadIdx.x] = run_ends[run + threadIdx.x];
                window_values[threadIdx.x] = run_values[run + threadIdx.x];
            }
            __syncthreads();
            const int window_end = window_ends[n - 1];
            int cursor = 0;
#pragma unroll
            for (int k = 0; k < kRunLengthValuesPerThread; ++k) {
                const int position = tile_first + lane_first + (k / kPerVector) * (32 * kPerVector) + k % kPerVector;
                if (position >= decoded_below && position < window_end && position < tile_end) {
                    cursor = window_run_holding(window_ends, cursor, n, position);
                    values[k] = window_values[cursor];
                }
            }
            if (window_end >= tile_end) {
                run += tile_end < window_end ? window_run_holding(window_ends, 0, n, tile_end) : n;
                break;
            }
            decoded_below = window_end;
            run += n;
        }
        if (vectors && tile_first <= count - kRunLengthTileValues) {
#pragma unroll
            for (int group = 0; group < kRunLengthValuesPerThread / kPerVector; ++group) {
                forge::ItemVector<T, kPerVector> vector;
#pragma unroll
                for (int e = 0; e < kPerVector; ++e) {
                    vector.item[e] = values[group * kPerVector + e];
                }
                *reinterpret_cast<forge::ItemVector<T, kPerVector>*>(out + tile_first + lane_first
                                                                      + group * (32 * kPerVector)) = vector;
            }
        } else {
#pragma unroll
            for (int k = 0; k < kRunLengthValuesPerThread; ++k) {
                const int position = tile_first + lane_first + (k / kPerVector) * (32 * kPerVector) + k % kPerVector;
                if (position < tile_end) {
                    out[position] = values[k];
                }
            }
        }
    }
}

}  // namespace

// One kernel per width: the entry points GpuDecoder names.
#define FORGE_WIDTHS_0_TO_32(X)                                                                                      \
    X(0) X(1) X(2) X(3) X(4) X(5) X(6) X(7) X(8) X(9) X(10) X(11) X(12) X(13) X(14) X(15) X(16) X(17) X(18) X(19)    \
    X(20) X(21) X(22) X(23) X(24) X(25) X(26) X(27) X(28) X(29) X(30) X(31) X(32)
#define FORGE_WIDTHS_33_TO_64(X)                                                                                     \
    X(33) X(34) X(35) X(36) X(37) X(38) X(39) X(40) X(41) X(42) X(43) X(44) X(45) X(46) X(47) X(48) X(49) X(50)      \
    X(51) X(52) X(53) X(54) X(55) X(56) X(57) X(58) X(59) X(60) X(61) X(62) X(63) X(64)

#define FORGE_FRAME_OF_REFERENCE_KERNEL(T, W)                                                                         \
    extern "C" __global__ void __launch_bounds__(kFrameOfReferenceWarps * 32)                                         \
        decode_for_##T##_w##W(const u32* packed, T reference, const int* patch_positions, const T* patch_values,     \
                              const int* patch_starts, int patch_count, T* out, int count) {                         \
        frame_of_reference<T, W>(packed, reference, patch_positions, patch_values, patch_starts, patch_count, out,    \
                                 count);                                                                             \
    }
#define FORGE_FRAME_OF_REFERENCE_U32(W) FORGE_FRAME_OF_REFERENCE_KERNEL(u32, W)
#define FORGE_FRAME_OF_REFERENCE_U64(W) FORGE_FRAME_OF_REFERENCE_KERNEL(u64, W)
FORGE_WIDTHS_0_TO_32(FORGE_FRAME_OF_REFERENCE_U32)
FORGE_WIDTHS_0_TO_32(FORGE_FRAME_OF_REFERENCE_U64)
FORGE_WIDTHS_33_TO_64(FORGE_FRAME_OF_REFERENCE_U64)

#define FORGE_DELTA_KERNEL(T, W)                                                                                      \
    extern "C" __global__ void __launch_bounds__(kDeltaWarps * 32)                                                    \
        decode_delta_##T##_w##W(const T* bases, const u32* packed, T reference, T* out, int count) {                 \
        delta<T, W>(bases, packed, reference, out, count);                                                            \
    }
#define FORGE_DELTA_U32(W) FORGE_DELTA_KERNEL(u32, W)
#define FORGE_DELTA_U64(W) FORGE_DELTA_KERNEL(u64, W)
FORGE_WIDTHS_0_TO_32(FORGE_DELTA_U32)
FORGE_WIDTHS_0_TO_32(FORGE_DELTA_U64)
FORGE_WIDTHS_33_TO_64(FORGE_DELTA_U64)

// Up to 1024 threads: a large dictionary is staged once per multiprocessor by one big CTA.
#define FORGE_DICTIONARY_KERNEL(T, W)                                                                                 \
    extern "C" __global__ void __launch_bounds__(1024, 1)                                                               \
        decode_dictionary_##T##_w##W(const T* entries, int staged_count, const u32* packed, T* out, int count) {     \
        dictionary<T, W>(entries, staged_count, packed, W, out, count);                                              \
    }
#define FORGE_DICTIONARY_U32(W) FORGE_DICTIONARY_KERNEL(u32, W)
#define FORGE_DICTIONARY_U64(W) FORGE_DICTIONARY_KERNEL(u64, W)
FORGE_WIDTHS_0_TO_32(FORGE_DICTIONARY_U32)
FORGE_WIDTHS_0_TO_32(FORGE_DICTIONARY_U64)

extern "C" __global__ void __launch_bounds__(1024, 1)
    decode_dictionary_u64_any_width(const u64* entries, int staged_count, const u32* packed, int width, u64* out,
                                    int count) {
    dictionary<u64, -1>(entries, staged_count, packed, width, out, count);
}

extern "C" __global__ void __launch_bounds__(kRunLengthThreads)
    decode_run_length_u32(const u32* run_values, const int* run_ends, int runs, u32* out, int count) {
    run_length<u32>(run_values, run_ends, runs, out, count);
}

extern "C" __global__ void __launch_bounds__(kRunLengthThreads)
    decode_run_length_u64(const u64* run_values, const int* run_ends, int runs, u64* out, int count) {
    run_length<u64>(run_values, run_ends, runs, out, count);
}
