// Kernels for `forge info --bench`: the device's copy bandwidth and the cost of a launch.

// Each block copies one tile of THREADS * UNROLL 16-byte vectors. A thread issues all UNROLL loads before its
// first store, so enough bytes are in flight to saturate HBM; consecutive threads touch consecutive vectors.
constexpr int THREADS = 256;
constexpr int UNROLL = 4;

template <bool STREAMING>
__device__ __forceinline__ void copy_tile(const int4* __restrict__ source, int4* __restrict__ destination,
                                          unsigned long long count) {
    const unsigned long long tile = static_cast<unsigned long long>(blockIdx.x) * (THREADS * UNROLL);
    if (tile + THREADS * UNROLL <= count) {
        int4 values[UNROLL];
#pragma unroll
        for (int u = 0; u < UNROLL; ++u) {
            const unsigned long long index = tile + u * THREADS + threadIdx.x;
            values[u] = STREAMING ? __ldcs(source + index) : source[index];
        }
#pragma unroll
        for (int u = 0; u < UNROLL; ++u) {
            const unsigned long long index = tile + u * THREADS + threadIdx.x;
            if (STREAMING) {
                __stcs(destination + index, values[u]);
            } else {
                destination[index] = values[u];
            }
        }
    } else {
        for (unsigned long long index = tile + threadIdx.x; index < count; index += THREADS) {
            destination[index] = source[index];
        }
    }
}

// Launch with THREADS threads and ceil(count / (THREADS * UNROLL)) blocks.
extern "C" __global__ void __launch_bounds__(THREADS) copy_int4(const int4* __restrict__ source,
                                                               int4* __restrict__ destination,
                                                               unsigned long long count) {
    copy_tile<false>(source, destination, count);
}

// The same with evict-first cache hints: data touched once should not displace anything in L2.
extern "C" __global__ void __launch_bounds__(THREADS) copy_int4_streaming(const int4* __restrict__ source,
                                                                         int4* __restrict__ destination,
                                                                         unsigned long long count) {
    copy_tile<true>(source, destination, count);
}

// Does nothing: launching it measures the launch path alone.
extern "C" __global__ void empty() {}
