// Copy-kernel variants measured by CopyVariantsProbe to choose the one `forge info --bench` uses.

template <int THREADS, int UNROLL>
__device__ __forceinline__ void copy_one_tile(const int4* __restrict__ source, int4* __restrict__ destination,
                                              unsigned long long tile, unsigned long long count) {
    const unsigned long long first = tile * (THREADS * UNROLL);
    if (first + THREADS * UNROLL <= count) {
        int4 values[UNROLL];
#pragma unroll
        for (int u = 0; u < UNROLL; ++u) {
            values[u] = source[first + u * THREADS + threadIdx.x];
        }
#pragma unroll
        for (int u = 0; u < UNROLL; ++u) {
            destination[first + u * THREADS + threadIdx.x] = values[u];
        }
    } else {
        for (unsigned long long index = first + threadIdx.x; index < count; index += THREADS) {
            destination[index] = source[index];
        }
    }
}

// One tile per block.
template <int THREADS, int UNROLL>
__device__ __forceinline__ void copy_tiles(const int4* source, int4* destination, unsigned long long count) {
    copy_one_tile<THREADS, UNROLL>(source, destination, blockIdx.x, count);
}

// A fixed grid; each block walks tiles gridDim.x apart.
template <int THREADS, int UNROLL>
__device__ __forceinline__ void copy_persistent(const int4* source, int4* destination, unsigned long long count) {
    const unsigned long long tiles = (count + THREADS * UNROLL - 1) / (THREADS * UNROLL);
    for (unsigned long long tile = blockIdx.x; tile < tiles; tile += gridDim.x) {
        copy_one_tile<THREADS, UNROLL>(source, destination, tile, count);
    }
}

extern "C" __global__ void __launch_bounds__(256) tiles_256x4(const int4* s, int4* d, unsigned long long n) { copy_tiles<256, 4>(s, d, n); }
extern "C" __global__ void __launch_bounds__(256) tiles_256x8(const int4* s, int4* d, unsigned long long n) { copy_tiles<256, 8>(s, d, n); }
extern "C" __global__ void __launch_bounds__(512) tiles_512x4(const int4* s, int4* d, unsigned long long n) { copy_tiles<512, 4>(s, d, n); }
extern "C" __global__ void __launch_bounds__(128) tiles_128x8(const int4* s, int4* d, unsigned long long n) { copy_tiles<128, 8>(s, d, n); }
extern "C" __global__ void __launch_bounds__(256) tiles_256x2(const int4* s, int4* d, unsigned long long n) { copy_tiles<256, 2>(s, d, n); }
extern "C" __global__ void __launch_bounds__(256) tiles_256x1(const int4* s, int4* d, unsigned long long n) { copy_tiles<256, 1>(s, d, n); }
extern "C" __global__ void __launch_bounds__(256) persistent_256x4(const int4* s, int4* d, unsigned long long n) { copy_persistent<256, 4>(s, d, n); }
extern "C" __global__ void __launch_bounds__(256) persistent_256x8(const int4* s, int4* d, unsigned long long n) { copy_persistent<256, 8>(s, d, n); }
