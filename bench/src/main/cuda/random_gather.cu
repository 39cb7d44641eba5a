// The random-gather ceiling of forge bench primitives (RandomGatherCeiling.java): how many independent random reads of
// 4 or 8 bytes per second the device serves from a table far larger than its L2 cache. A hash probe cannot beat it,
// since every probe reads at least one slot at a position its key's hash picks, so the benchmark reports probes per
// second as a fraction of it.
//
// Read i takes the entry at murmur3's 64-bit finalizer of (seed + i) masked to the table (a power of two of entries):
// nothing but the table is read, no index stream, and nothing is written but one word per thread, kept only when the
// folded values hit a value that never comes up in practice, so the compiler cannot drop the loads. Each thread keeps
// READS_IN_FLIGHT loads outstanding at once (independent addresses, then one fold), as a probe kernel over a tile
// of keys does.
constexpr int READS_IN_FLIGHT = 8;
constexpr unsigned long long NEVER = 0x9E3779B97F4A7C15ull;

__device__ __forceinline__ unsigned long long mix64(unsigned long long z) {
    z ^= z >> 33;
    z *= 0xFF51AFD7ED558CCDull;
    z ^= z >> 33;
    z *= 0xC4CEB9FE1A85EC53ull;
    return z ^ (z >> 33);
}

template <typename Entry>
__device__ __forceinline__ void gather(const Entry* __restrict__ table, unsigned long long mask,
                                       unsigned long long reads, unsigned long long seed,
                                       unsigned long long* __restrict__ sink) {
    const unsigned long long threads = static_cast<unsigned long long>(gridDim.x) * blockDim.x;
    const unsigned long long first = static_cast<unsigned long long>(blockIdx.x) * blockDim.x + threadIdx.x;
    const unsigned long long round = threads * READS_IN_FLIGHT;
    unsigned long long folded = 0;
    // Whole rounds: read k of the round at `base` is base + first + k * threads, so the rounds cover their reads
    // exactly once whatever the grid, and no bounds check comes between the loads.
    unsigned long long base = 0;
    for (; base + round <= reads; base += round) {
        Entry values[READS_IN_FLIGHT];
#pragma unroll
        for (int k = 0; k < READS_IN_FLIGHT; ++k) values[k] = table[mix64(seed + base + first + k * threads) & mask];
#pragma unroll
        for (int k = 0; k < READS_IN_FLIGHT; ++k) folded = folded * 31 + static_cast<unsigned long long>(values[k]);
    }
    for (unsigned long long read = base + first; read < reads; read += threads) {
        folded = folded * 31 + static_cast<unsigned long long>(table[mix64(seed + read) & mask]);
    }
    if (folded == NEVER) sink[first] = folded;
}

extern "C" __global__ void random_gather_4(const unsigned int* table, unsigned long long mask,
                                           unsigned long long reads, unsigned long long seed,
                                           unsigned long long* sink) {
    gather(table, mask, reads, seed, sink);
}

extern "C" __global__ void random_gather_8(const unsigned long long* table, unsigned long long mask,
                                           unsigned long long reads, unsigned long long seed,
                                           unsigned long long* sink) {
    gather(table, mask, reads, seed, sink);
}
