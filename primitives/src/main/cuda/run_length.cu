// Unique (the first element of every run of equal consecutive elements) and run-length encoding (each run's element
// and its int64 length) over 4- and 8-byte elements compared by their bits, so -0.0 and +0.0 differ and a NaN
// repeats only with the same payload, as in CpuRunLength; launched by GpuRunLength.java. One pass over the input:
// each block takes the next tile, and the decoupled look-back (segment_look_back.cuh) tells it how many runs began
// before the tile and, for lengths, where the run open at its start began (run_tile.cuh). The number of runs lands
// in device memory.
#include "run_tile.cuh"

extern "C" __global__ void run_length_read_policy(int* words) {
    if (blockIdx.x == 0 && threadIdx.x == 0) {
        segment_policy::write_policy(words);
    }
}

// Launch with segment_policy::THREADS threads, one block per tile (Tile<key bytes>::SIZE elements); the tile counter
// and the tile words (16 bytes per tile) zeroed first. Unique passes runLengths as null.
#define FORGE_RUN_LENGTH_KERNELS(BITS, K)                                                                          \
    extern "C" __global__ void __launch_bounds__(segment_policy::THREADS)                                         \
        unique_keys##BITS(const K* values, long long count, K* uniqueValues, unsigned long long* runCount,         \
                          unsigned int* nextTile, TileWord* tileWords) {                                          \
        reduce_runs_tile<K, long long, MaxOperator<long long>, RunOutput::KEYS_ONLY>(                             \
            values, nullptr, count, uniqueValues, nullptr, runCount, nextTile, tileWords);                        \
    }                                                                                                              \
    extern "C" __global__ void __launch_bounds__(segment_policy::THREADS)                                         \
        run_length_encode_keys##BITS(const K* values, long long count, K* runValues, long long* runLengths,        \
                                     unsigned long long* runCount, unsigned int* nextTile, TileWord* tileWords) { \
        reduce_runs_tile<K, long long, MaxOperator<long long>, RunOutput::LENGTHS>(                               \
            values, nullptr, count, runValues, runLengths, runCount, nextTile, tileWords);                        \
    }

FORGE_RUN_LENGTH_KERNELS(32, unsigned int)
FORGE_RUN_LENGTH_KERNELS(64, unsigned long long)
#undef FORGE_RUN_LENGTH_KERNELS
