// Standalone decoders for GpuDecoder.java: each decodes a whole encoded chunk from device memory into a plain
// array. One warp decodes one 1024-value block, so a 128-thread CUDA block covers four encoded blocks.
#include "bitpacking.cuh"

using forge::u32;
using forge::u64;

namespace {

constexpr int kWarpsPerBlock = 4;

__device__ __forceinline__ int encoded_block() {
    return blockIdx.x * kWarpsPerBlock + (threadIdx.x >> 5);
}

__device__ __forceinline__ int lane_id() {
    return threadIdx.x & 31;
}

template <typename T>
__device__ void frame_of_reference(const u32* __restrict__ packed, T reference, int width,
                                   const int* __restrict__ patch_positions, const T* __restrict__ patch_values,
                                   const int* __restrict__ patch_starts, int patch_count, T* __restrict__ out,
                                   int count) {
    const int block = encoded_block();
    const int start = block * forge::kBlockValues;
    if (start >= count) {
        return;
    }
    const int lane = lane_id();
    T values[forge::kValuesPerLane];
    forge::decode_frame_of_reference_lane(packed + static_cast<u64>(block) * width * forge::kLanes, lane, width,
                                          reference, values);
    if (patch_count > 0) {
        forge::apply_patches_lane(patch_positions, patch_values, patch_starts[block], patch_starts[block + 1], start,
                                  lane, values);
    }
#pragma unroll
    for (int p = 0; p < forge::kValuesPerLane; ++p) {
        const int index = start + p * forge::kLanes + lane;
        if (index < count) {
            out[index] = values[p];
        }
    }
}

template <typename T>
__device__ void delta(const T* __restrict__ bases, const u32* __restrict__ packed, T reference, int width,
                      T* __restrict__ out, int count, T* tiles) {
    const int block = encoded_block();
    const int start = block * forge::kBlockValues;
    if (start >= count) {
        return;
    }
    const int lane = lane_id();
    T* tile = tiles + (threadIdx.x >> 5) * forge::kTileValues;
    forge::decode_delta_lane_to_tile(bases + static_cast<u64>(block) * forge::kLanes,
                                     packed + static_cast<u64>(block) * width * forge::kLanes, lane, width,
                                     reference, tile);
    __syncwarp();
#pragma unroll
    for (int p = 0; p < forge::kValuesPerLane; ++p) {
        const int index = start + p * forge::kLanes + lane;
        if (index < count) {
            out[index] = tile[p * forge::kTileStride + lane];
        }
    }
}

template <typename T>
__device__ void dictionary(const T* __restrict__ entries, const u32* __restrict__ packed, int width,
                           T* __restrict__ out, int count) {
    const int block = encoded_block();
    const int start = block * forge::kBlockValues;
    if (start >= count) {
        return;
    }
    const int lane = lane_id();
    const u32* words = packed + static_cast<u64>(block) * width * forge::kLanes;
#pragma unroll
    for (int p = 0; p < forge::kValuesPerLane; ++p) {
        const int index = start + p * forge::kLanes + lane;
        if (index < count) {
            // Codes past the chunk's end are padding (0), which may not index a dictionary: decode only real ones.
            out[index] = entries[forge::unpack_value(words, lane, width, p)];
        }
    }
}

template <typename T>
__device__ void run_length(const T* __restrict__ run_values, const int* __restrict__ run_ends, int runs,
                           T* __restrict__ out, int count) {
    const int index = blockIdx.x * blockDim.x + threadIdx.x;
    if (index < count) {
        out[index] = forge::run_length_value_at(run_values, run_ends, runs, index);
    }
}

}  // namespace

extern "C" __global__ void decode_for_bitpack_u32(const u32* packed, u32 reference, int width,
                                                  const int* patch_positions, const u32* patch_values,
                                                  const int* patch_starts, int patch_count, u32* out, int count) {
    frame_of_reference(packed, reference, width, patch_positions, patch_values, patch_starts, patch_count, out, count);
}

extern "C" __global__ void decode_for_bitpack_u64(const u32* packed, u64 reference, int width,
                                                  const int* patch_positions, const u64* patch_values,
                                                  const int* patch_starts, int patch_count, u64* out, int count) {
    frame_of_reference(packed, reference, width, patch_positions, patch_values, patch_starts, patch_count, out, count);
}

extern "C" __global__ void decode_delta_u32(const u32* bases, const u32* packed, u32 reference, int width, u32* out,
                                            int count) {
    __shared__ u32 tiles[kWarpsPerBlock * forge::kTileValues];
    delta(bases, packed, reference, width, out, count, tiles);
}

extern "C" __global__ void decode_delta_u64(const u64* bases, const u32* packed, u64 reference, int width, u64* out,
                                            int count) {
    __shared__ u64 tiles[kWarpsPerBlock * forge::kTileValues];
    delta(bases, packed, reference, width, out, count, tiles);
}

extern "C" __global__ void decode_dictionary_u32(const u32* entries, const u32* packed, int width, u32* out, int count) {
    dictionary(entries, packed, width, out, count);
}

extern "C" __global__ void decode_dictionary_u64(const u64* entries, const u32* packed, int width, u64* out, int count) {
    dictionary(entries, packed, width, out, count);
}

extern "C" __global__ void decode_run_length_u32(const u32* run_values, const int* run_ends, int runs, u32* out,
                                                 int count) {
    run_length(run_values, run_ends, runs, out, count);
}

extern "C" __global__ void decode_run_length_u64(const u64* run_values, const int* run_ends, int runs, u64* out,
                                                 int count) {
    run_length(run_values, run_ends, runs, out, count);
}
