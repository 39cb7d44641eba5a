// Kernels for `forge info --bench`: the device's copy bandwidth and the cost of a launch.

// Each thread keeps UNROLL independent 16-byte loads in flight before storing, which is what it takes to
// saturate HBM with a grid of only a few blocks per multiprocessor.
constexpr int UNROLL = 4;

extern "C" __global__ void copy_int4(const int4* __restrict__ source, int4* __restrict__ destination,
                                     unsigned long long count) {
    const unsigned long long threads = static_cast<unsigned long long>(gridDim.x) * blockDim.x;
    unsigned long long index = static_cast<unsigned long long>(blockIdx.x) * blockDim.x + threadIdx.x;
    for (; index + (UNROLL - 1) * threads < count; index += UNROLL * threads) {
        int4 values[UNROLL];
#pragma unroll
        for (int u = 0; u < UNROLL; ++u) {
            values[u] = source[index + u * threads];
        }
#pragma unroll
        for (int u = 0; u < UNROLL; ++u) {
            destination[index + u * threads] = values[u];
        }
    }
    for (; index < count; index += threads) {
        destination[index] = source[index];
    }
}

// Does nothing: launching it measures the launch path alone.
extern "C" __global__ void empty() {}
