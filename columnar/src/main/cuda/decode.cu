// Standalone decoders for GpuDecoder.java: each decodes a whole encoded chunk from device memory into a plain
// array with the structs of fused_decode.cuh. One warp decodes one 1024-value block, so a 128-thread CUDA block
// covers four encoded blocks; run-length uses one thread per value.
#include "fused_decode.cuh"

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

// Writes a lane's strided values of one block, coalesced across the warp, up to the chunk's end.
template <typename T>
__device__ __forceinline__ void store_strided(const T (&values)[forge::kValuesPerLane], int block, int lane,
                                              T* __restrict__ out, int count) {
    const int start = block * forge::kBlockValues;
#pragma unroll
    for (int p = 0; p < forge::kValuesPerLane; ++p) {
        const int index = start + p * forge::kLanes + lane;
        if (index < count) {
            out[index] = values[p];
        }
    }
}

template <typename T>
__device__ void frame_of_reference(const forge::FrameOfReferenceChunk<T>& chunk, T* __restrict__ out, int count) {
    const int block = encoded_block();
    if (block * forge::kBlockValues >= count) {
        return;
    }
    T values[forge::kValuesPerLane];
    chunk.decode_block_unrolled(block, lane_id(), values);
    store_strided(values, block, lane_id(), out, count);
}

template <typename T>
__device__ void dictionary(const forge::DictionaryChunk<T>& chunk, T* __restrict__ out, int count) {
    const int block = encoded_block();
    if (block * forge::kBlockValues >= count) {
        return;
    }
    T values[forge::kValuesPerLane];
    chunk.decode_block_unrolled(block, lane_id(), values);
    store_strided(values, block, lane_id(), out, count);
}

template <typename T>
__device__ void delta(const forge::DeltaChunk<T>& chunk, T* __restrict__ out, int count, T* tiles) {
    const int block = encoded_block();
    if (block * forge::kBlockValues >= count) {
        return;  // the whole warp leaves together, so the __syncwarp below is never partial
    }
    const int lane = lane_id();
    T* tile = tiles + (threadIdx.x >> 5) * forge::kTileValues;
    chunk.decode_block_to_tile_unrolled(block, lane, tile);
    __syncwarp();
    T values[forge::kValuesPerLane];
#pragma unroll
    for (int p = 0; p < forge::kValuesPerLane; ++p) {
        values[p] = tile[p * forge::kTileStride + lane];
    }
    store_strided(values, block, lane, out, count);
}

template <typename T>
__device__ void run_length(const forge::RunLengthChunk<T>& chunk, T* __restrict__ out, int count) {
    const int index = blockIdx.x * blockDim.x + threadIdx.x;
    if (index < count) {
        out[index] = chunk.value_at(index);
    }
}

}  // namespace

extern "C" __global__ void decode_for_bitpack_u32(const u32* packed, u32 reference, int width,
                                                  const int* patch_positions, const u32* patch_values,
                                                  const int* patch_starts, int patch_count, u32* out, int count) {
    frame_of_reference(forge::FrameOfReferenceChunk<u32>{packed, reference, width, patch_positions, patch_values,
                                                         patch_starts, patch_count},
                       out, count);
}

extern "C" __global__ void decode_for_bitpack_u64(const u32* packed, u64 reference, int width,
                                                  const int* patch_positions, const u64* patch_values,
                                                  const int* patch_starts, int patch_count, u64* out, int count) {
    frame_of_reference(forge::FrameOfReferenceChunk<u64>{packed, reference, width, patch_positions, patch_values,
                                                         patch_starts, patch_count},
                       out, count);
}

extern "C" __global__ void decode_delta_u32(const u32* bases, const u32* packed, u32 reference, int width, u32* out,
                                            int count) {
    __shared__ u32 tiles[kWarpsPerBlock * forge::kTileValues];
    delta(forge::DeltaChunk<u32>{bases, packed, reference, width}, out, count, tiles);
}

extern "C" __global__ void decode_delta_u64(const u64* bases, const u32* packed, u64 reference, int width, u64* out,
                                            int count) {
    __shared__ u64 tiles[kWarpsPerBlock * forge::kTileValues];
    delta(forge::DeltaChunk<u64>{bases, packed, reference, width}, out, count, tiles);
}

extern "C" __global__ void decode_dictionary_u32(const u32* entries, const u32* packed, int width, u32* out, int count) {
    dictionary(forge::DictionaryChunk<u32>{entries, packed, width}, out, count);
}

extern "C" __global__ void decode_dictionary_u64(const u64* entries, const u32* packed, int width, u64* out, int count) {
    dictionary(forge::DictionaryChunk<u64>{entries, packed, width}, out, count);
}

extern "C" __global__ void decode_run_length_u32(const u32* run_values, const int* run_ends, int runs, u32* out,
                                                 int count) {
    run_length(forge::RunLengthChunk<u32>{run_values, run_ends, runs}, out, count);
}

extern "C" __global__ void decode_run_length_u64(const u64* run_values, const int* run_ends, int runs, u64* out,
                                                 int count) {
    run_length(forge::RunLengthChunk<u64>{run_values, run_ends, runs}, out, count);
}
