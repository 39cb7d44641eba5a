// Gather (output[i] = values[indices[i]]) and scatter (output[indices[i]] = values[i]) with int32 or int64 indices,
// launched by GpuGather.java. Elements move as raw bits (4 or 8 bytes), so float NaN payloads and -0.0 survive.
// An index outside its target is never followed: gather writes zero bits for it, scatter writes nothing, and both
// record the smallest position holding such an index in *firstOutOfBounds (all ones, read as -1, when none).
constexpr int THREADS = 256;
constexpr int ITEMS = 4;  // independent indices per thread, so several loads are in flight

template <typename Bits, typename Index>
__device__ __forceinline__ void gather(const Bits* values, long long valueCount, const Index* indices, long long count,
                                       Bits* output, unsigned long long* firstOutOfBounds) {
    const long long first = static_cast<long long>(blockIdx.x) * THREADS * ITEMS + threadIdx.x;
#pragma unroll
    for (int item = 0; item < ITEMS; ++item) {
        const long long position = first + static_cast<long long>(item) * THREADS;
        if (position < count) {
            // a negative index turns into a huge unsigned one, so one comparison checks both bounds
            const unsigned long long source = static_cast<unsigned long long>(static_cast<long long>(indices[position]));
            if (source < static_cast<unsigned long long>(valueCount)) {
                output[position] = values[source];
            } else {
                output[position] = Bits(0);
                atomicMin(firstOutOfBounds, static_cast<unsigned long long>(position));
            }
        }
    }
}

template <typename Bits, typename Index>
__device__ __forceinline__ void scatter(const Bits* values, const Index* indices, long long count, Bits* output,
                                        long long outputCount, unsigned long long* firstOutOfBounds) {
    const long long first = static_cast<long long>(blockIdx.x) * THREADS * ITEMS + threadIdx.x;
#pragma unroll
    for (int item = 0; item < ITEMS; ++item) {
        const long long position = first + static_cast<long long>(item) * THREADS;
        if (position < count) {
            const unsigned long long target = static_cast<unsigned long long>(static_cast<long long>(indices[position]));
            if (target < static_cast<unsigned long long>(outputCount)) {
                output[target] = values[position];
            } else {
                atomicMin(firstOutOfBounds, static_cast<unsigned long long>(position));
            }
        }
    }
}

// Launch with THREADS threads and one block per THREADS * ITEMS indices; *firstOutOfBounds set to all ones first.
#define FORGE_GATHER_KERNELS(TYPE_NAME, BITS, INDEX_NAME, INDEX)                                                   \
    extern "C" __global__ void __launch_bounds__(THREADS)                                                          \
        gather_##TYPE_NAME##_by_##INDEX_NAME(const BITS* values, long long valueCount, const INDEX* indices,       \
                                             long long count, BITS* output, unsigned long long* firstOutOfBounds) { \
        gather(values, valueCount, indices, count, output, firstOutOfBounds);                                      \
    }                                                                                                              \
    extern "C" __global__ void __launch_bounds__(THREADS)                                                          \
        scatter_##TYPE_NAME##_by_##INDEX_NAME(const BITS* values, const INDEX* indices, long long count,           \
                                              BITS* output, long long outputCount,                                 \
                                              unsigned long long* firstOutOfBounds) {                              \
        scatter(values, indices, count, output, outputCount, firstOutOfBounds);                                    \
    }

FORGE_GATHER_KERNELS(int32, unsigned int, int32, int)
FORGE_GATHER_KERNELS(int32, unsigned int, int64, long long)
FORGE_GATHER_KERNELS(int64, unsigned long long, int32, int)
FORGE_GATHER_KERNELS(int64, unsigned long long, int64, long long)
FORGE_GATHER_KERNELS(float32, unsigned int, int32, int)
FORGE_GATHER_KERNELS(float32, unsigned int, int64, long long)
FORGE_GATHER_KERNELS(float64, unsigned long long, int32, int)
FORGE_GATHER_KERNELS(float64, unsigned long long, int64, long long)
