// Inclusive and exclusive prefix sums over int32, int64, float32 and float64 in a single pass (launched by
// GpuScan.java). Each block scans one tile with CUB's block-level load, scan and store, then learns the sum of
// everything before its tile by decoupled look-back (decoupled_look_back.cuh): every tile publishes its own sum as
// soon as it knows it, and its inclusive prefix once it knows that, so a tile only waits for the nearest predecessor
// that has published a prefix, and the input is read once and written once. Tiles take their index from a counter
// in launch order, so every tile a block waits on is already running. Integer sums wrap like Java's (unsigned
// accumulators make the wrap defined); float32 accumulates in double and is rounded once per element. Floating
// results may differ in the last bits from run to run: which predecessor's prefix a tile finds first depends on
// timing.
#include <cub/block/block_load.cuh>
#include <cub/block/block_scan.cuh>
#include <cub/block/block_store.cuh>

#include "decoupled_look_back.cuh"

constexpr int THREADS = 256;

template <typename T>
struct ScanShape {
    static constexpr int ITEMS = sizeof(T) == 4 ? 16 : 8;  // 64 bytes per thread
    static constexpr int TILE = THREADS * ITEMS;
};

template <typename A, int BYTES = sizeof(A)>
struct TileState;

// The bits of a sum and back, without taking addresses (which would put the value on the stack).
__device__ __forceinline__ long long bits_of(double value) { return __double_as_longlong(value); }
__device__ __forceinline__ long long bits_of(unsigned long long value) { return static_cast<long long>(value); }
__device__ __forceinline__ void from_bits(long long bits, double& value) { value = __longlong_as_double(bits); }
__device__ __forceinline__ void from_bits(long long bits, unsigned long long& value) {
    value = static_cast<unsigned long long>(bits);
}

template <typename A>
struct TileState<A, 4> {
    unsigned long long* words;

    __device__ explicit TileState(void* scratch) : words(static_cast<unsigned long long*>(scratch)) {}

    __device__ void publish(long long tile, TileStatus status, A value) {
        static_assert(sizeof(A) == 4 && A(-1) > A(0), "4-byte sums are unsigned int");
        const unsigned long long word = (static_cast<unsigned long long>(status) << 32) | value;
        store_word(words + tile, word);
    }

    // Waits until `tile` has published something; returns its status and sum.
    __device__ TileStatus wait(long long tile, A& value) {
        unsigned long long seen;
        while (((seen = load_word(words + tile)) >> 32) == NOTHING) {
        }
        value = static_cast<A>(seen);
        return static_cast<TileStatus>(seen >> 32);
    }
};

template <typename A>
struct TileState<A, 8> {
    longlong2* words;

    __device__ explicit TileState(void* scratch) : words(static_cast<longlong2*>(scratch)) {}

    __device__ void publish(long long tile, TileStatus status, A value) {
        store_word(words + tile, make_longlong2(status, bits_of(value)));
    }

    __device__ TileStatus wait(long long tile, A& value) {
        longlong2 seen;
        while ((seen = load_word(words + tile)).x == NOTHING) {
        }
        from_bits(seen.y, value);
        return static_cast<TileStatus>(seen.x);
    }
};

template <typename T, typename A, bool INCLUSIVE>
__device__ __forceinline__ void scan_tile(const T* input, T* output, long long count, unsigned int* nextTile,
                                          void* tileState) {
    constexpr int ITEMS = ScanShape<T>::ITEMS;
    constexpr int TILE = ScanShape<T>::TILE;
    using Load = cub::BlockLoad<T, THREADS, ITEMS, cub::BLOCK_LOAD_WARP_TRANSPOSE>;
    using Store = cub::BlockStore<T, THREADS, ITEMS, cub::BLOCK_STORE_WARP_TRANSPOSE>;
    using Scan = cub::BlockScan<A, THREADS, cub::BLOCK_SCAN_WARP_SCANS>;
    __shared__ union {
        typename Load::TempStorage load;
        typename Store::TempStorage store;
        typename Scan::TempStorage scan;
    } temp;
    __shared__ long long sharedTile;
    __shared__ A sharedBefore;

    if (threadIdx.x == 0) {
        sharedTile = atomicAdd(nextTile, 1u);
    }
    __syncthreads();
    const long long tile = sharedTile;
    const long long begin = tile * TILE;
    const int valid = count - begin < TILE ? static_cast<int>(count - begin) : TILE;

    T items[ITEMS];
    if (valid == TILE) {
        Load(temp.load).Load(input + begin, items);
    } else {
        Load(temp.load).Load(input + begin, items, valid, T(0));
    }
    __syncthreads();
    A values[ITEMS];
#pragma unroll
    for (int i = 0; i < ITEMS; ++i) {
        values[i] = static_cast<A>(items[i]);
    }
    A exclusive[ITEMS];
    A aggregate;
    Scan(temp.scan).ExclusiveSum(values, exclusive, aggregate);

    TileState<A> state(tileState);
    if (threadIdx.x == 0) {
        state.publish(tile, tile == 0 ? PREFIX : AGGREGATE, aggregate);
    }
    if (tile > 0 && threadIdx.x < 32) {
        const A before = look_back<A>(tile, state);
        if (threadIdx.x == 0) {
            sharedBefore = before;
            state.publish(tile, PREFIX, before + aggregate);
        }
    }
    __syncthreads();
    const A before = tile > 0 ? sharedBefore : A(0);
#pragma unroll
    for (int i = 0; i < ITEMS; ++i) {
        items[i] = static_cast<T>(INCLUSIVE ? before + (exclusive[i] + values[i]) : before + exclusive[i]);
    }
    __syncthreads();  // the shared temp storage is reused by the store
    if (valid == TILE) {
        Store(temp.store).Store(output + begin, items);
    } else {
        Store(temp.store).Store(output + begin, items, valid);
    }
}

// Launch with THREADS threads and one block per tile; nextTile and the tile state (one word per tile: 8 bytes for
// int32, 16 for the others) zeroed first.
#define FORGE_SCAN_KERNEL(NAME, T, A, INCLUSIVE)                                                            \
    extern "C" __global__ void __launch_bounds__(THREADS)                                                   \
        NAME(const T* input, T* output, long long count, unsigned int* nextTile, void* tileState) {          \
        scan_tile<T, A, INCLUSIVE>(input, output, count, nextTile, tileState);                              \
    }

FORGE_SCAN_KERNEL(scan_inclusive_sum_int32, int, unsigned int, true)
FORGE_SCAN_KERNEL(scan_inclusive_sum_int64, long long, unsigned long long, true)
FORGE_SCAN_KERNEL(scan_inclusive_sum_float32, float, double, true)
FORGE_SCAN_KERNEL(scan_inclusive_sum_float64, double, double, true)
FORGE_SCAN_KERNEL(scan_exclusive_sum_int32, int, unsigned int, false)
FORGE_SCAN_KERNEL(scan_exclusive_sum_int64, long long, unsigned long long, false)
FORGE_SCAN_KERNEL(scan_exclusive_sum_float32, float, double, false)
FORGE_SCAN_KERNEL(scan_exclusive_sum_float64, double, double, false)
