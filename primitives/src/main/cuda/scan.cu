// Inclusive and exclusive prefix sums over int32, int64, float32 and float64 in a single pass (launched by
// GpuScan.java). Each block scans one tile with CUB's block-level load, scan and store, then learns the sum of
// everything before its tile by decoupled look-back: every tile publishes its own sum as soon as it knows it, and
// its inclusive prefix once it knows that, so a tile only waits for the nearest predecessor that has published a
// prefix, and the input is read once and written once. Tiles take their index from a counter in launch order, so
// every tile a block waits on is already running. Integer sums wrap like Java's (unsigned accumulators make the
// wrap defined); float32 accumulates in double and is rounded once per element. Floating results may differ in the
// last bits from run to run: which predecessor's prefix a tile finds first depends on timing.
#include <cub/block/block_load.cuh>
#include <cub/block/block_scan.cuh>
#include <cub/block/block_store.cuh>
#include <cuda/atomic>

constexpr int THREADS = 256;

// What a tile has published: nothing yet, the sum of its own elements, or the sum of everything up to its end.
enum TileStatus : int { NOTHING = 0, AGGREGATE = 1, PREFIX = 2 };

template <typename T>
struct ScanShape {
    static constexpr int ITEMS = sizeof(T) == 4 ? 16 : 8;  // 64 bytes per thread
    static constexpr int TILE = THREADS * ITEMS;
};

// Warp-wide sum of one value per lane in lane order, result in every lane.
template <typename A>
__device__ __forceinline__ A warp_sum(A value) {
#pragma unroll
    for (int delta = 1; delta < 32; delta *= 2) {
        A other = __shfl_down_sync(0xffffffffu, value, delta);
        if ((threadIdx.x % 32) + delta < 32) {
            value += other;
        }
    }
    return __shfl_sync(0xffffffffu, value, 0);
}

// Run by warp 0 of tile `tile` > 0: the sum of all elements before the tile. Lane i looks at predecessor
// `window - i`; the window moves back 32 tiles at a time until one of them has published its prefix.
template <typename A>
__device__ __forceinline__ A look_back(long long tile, int* status, const A* aggregates, const A* prefixes) {
    const int lane = threadIdx.x % 32;
    A before = A(0);
    for (long long window = tile - 1;; window -= 32) {
        const long long predecessor = window - lane;
        int state = PREFIX;
        A value = A(0);
        if (predecessor >= 0) {
            cuda::atomic_ref<int, cuda::thread_scope_device> flag(status[predecessor]);
            while ((state = flag.load(cuda::memory_order_acquire)) == NOTHING) {
            }
            value = state == PREFIX ? prefixes[predecessor] : aggregates[predecessor];
        }
        const unsigned int prefixLanes = __ballot_sync(0xffffffffu, state == PREFIX);
        const int stop = prefixLanes ? __ffs(prefixLanes) - 1 : 32;  // nearest predecessor with a prefix
        before += warp_sum(lane <= stop ? value : A(0));
        if (prefixLanes) {
            return before;
        }
    }
}

template <typename T, typename A, bool INCLUSIVE>
__device__ __forceinline__ void scan_tile(const T* input, T* output, long long count, unsigned int* nextTile,
                                          int* status, A* aggregates, A* prefixes) {
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

    if (threadIdx.x == 0) {
        cuda::atomic_ref<int, cuda::thread_scope_device> flag(status[tile]);
        if (tile == 0) {
            prefixes[0] = aggregate;
            flag.store(PREFIX, cuda::memory_order_release);
        } else {
            aggregates[tile] = aggregate;
            flag.store(AGGREGATE, cuda::memory_order_release);
        }
    }
    if (tile > 0 && threadIdx.x < 32) {
        const A before = look_back(tile, status, aggregates, prefixes);
        if (threadIdx.x == 0) {
            sharedBefore = before;
            prefixes[tile] = before + aggregate;
            cuda::atomic_ref<int, cuda::thread_scope_device>(status[tile]).store(PREFIX, cuda::memory_order_release);
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

// Launch with THREADS threads and one block per tile; nextTile and status (one int per tile) zeroed first.
#define FORGE_SCAN_KERNEL(NAME, T, A, INCLUSIVE)                                                            \
    extern "C" __global__ void __launch_bounds__(THREADS)                                                   \
        NAME(const T* input, T* output, long long count, unsigned int* nextTile, int* status, A* aggregates, \
             A* prefixes) {                                                                                 \
        scan_tile<T, A, INCLUSIVE>(input, output, count, nextTile, status, aggregates, prefixes);           \
    }

FORGE_SCAN_KERNEL(scan_inclusive_sum_int32, int, unsigned int, true)
FORGE_SCAN_KERNEL(scan_inclusive_sum_int64, long long, unsigned long long, true)
FORGE_SCAN_KERNEL(scan_inclusive_sum_float32, float, double, true)
FORGE_SCAN_KERNEL(scan_inclusive_sum_float64, double, double, true)
FORGE_SCAN_KERNEL(scan_exclusive_sum_int32, int, unsigned int, false)
FORGE_SCAN_KERNEL(scan_exclusive_sum_int64, long long, unsigned long long, false)
FORGE_SCAN_KERNEL(scan_exclusive_sum_float32, float, double, false)
FORGE_SCAN_KERNEL(scan_exclusive_sum_float64, double, double, false)
