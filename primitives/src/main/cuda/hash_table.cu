// Builds and probes the join hash table of hash_table.cuh, launched by GpuHashTable.java.
//
// Build: GpuRadixSort first sorts the build keys with their row numbers (hash_table_row_numbers), so the rows of each
// key sit together in ascending order: that sorted row array is the table's row array. Then the first entry of each
// run of equal keys claims a slot for its key (hash_table_insert_keys*) and the last entry of the run, once every
// key is in, finds that slot and writes the run's length (hash_table_count_keys*), or the row itself for a key held
// by one row. Every key is inserted once, by one thread, so claiming a slot needs no wait for another thread's key.
//
// Probe: hash_table_count_matches* writes each probe row's match count (1 for an unmatched row of a left outer join)
// and where its matches are; GpuScan turns the counts into inclusive ends in place; hash_table_write_matches writes
// every row's pairs from there, in probe row order and, within a row, ascending build row order, so the output is the
// same from run to run. Semi and anti joins flag each probe row (hash_table_flag_matches*), scan the flags and write
// the positions of the flagged rows (hash_table_emit_rows).
#include "hash_table.cuh"

constexpr int THREADS = 256;
// A slot claimed by hash_table_insert_keys whose count hash_table_count_keys has not written yet: not empty.
constexpr unsigned int CLAIMED_COUNT = 0xffffffffu;
// Where a left outer join's unmatched probe row has its one pair: the build row is -1.
constexpr unsigned int NO_ROW = 0xffffffffu;
// A probe row with more matches than this has them written by its whole warp rather than by its own thread.
constexpr unsigned long long THREAD_MATCHES = 8;

__device__ __forceinline__ long long first_index() {
    return static_cast<long long>(blockIdx.x) * blockDim.x + threadIdx.x;
}

__device__ __forceinline__ long long grid_stride() { return static_cast<long long>(gridDim.x) * blockDim.x; }

// rows[i] = i: the values sorted along with the build keys.
extern "C" __global__ void __launch_bounds__(THREADS) hash_table_row_numbers(unsigned int* rows, long long count) {
    for (long long i = first_index(); i < count; i += grid_stride()) {
        rows[i] = static_cast<unsigned int>(i);
    }
}

template <typename K>
__device__ __forceinline__ void insert_keys(const K* sortedKeys, long long count, HashSlot* slots,
                                            unsigned long long mask) {
    for (long long i = first_index(); i < count; i += grid_stride()) {
        const K key = sortedKeys[i];
        if (i > 0 && sortedKeys[i - 1] == key) {
            continue;  // not the first of its run
        }
        unsigned long long slot = hash_mix(key) & mask;
        while (atomicCAS(&slots[slot].count, 0u, CLAIMED_COUNT) != 0u) {
            slot = (slot + 1) & mask;
        }
        slots[slot].key = key;
        slots[slot].rows = static_cast<unsigned int>(i);  // where the run starts, until hash_table_count_keys
    }
}

template <typename K>
__device__ __forceinline__ void count_keys(const K* sortedKeys, const unsigned int* sortedRows, long long count,
                                           HashSlot* slots, unsigned long long mask) {
    for (long long i = first_index(); i < count; i += grid_stride()) {
        const K key = sortedKeys[i];
        if (i + 1 < count && sortedKeys[i + 1] == key) {
            continue;  // not the last of its run
        }
        // The key is in (the insert launch came first) and nothing before it on its walk is empty.
        unsigned long long slot = hash_mix(key) & mask;
        while (slots[slot].key != key || slots[slot].count == 0u) {
            slot = (slot + 1) & mask;
        }
        const unsigned int start = slots[slot].rows;
        const unsigned int rows = static_cast<unsigned int>(i) + 1u - start;
        slots[slot].count = rows;
        if (rows == 1u) {
            slots[slot].rows = sortedRows[i];
        }
    }
}

// matchEnds[i] = the number of pairs probe row i produces; matchRows[i] = HashMatches::rows of its key, or NO_ROW for
// an unmatched row that keeps one pair (keepUnmatched: left outer join).
template <typename K>
__device__ __forceinline__ void count_matches(HashTableView table, const K* probeKeys, long long count,
                                              int keepUnmatched, unsigned long long* matchEnds,
                                              unsigned int* matchRows) {
    for (long long i = first_index(); i < count; i += grid_stride()) {
        const HashMatches matches = hash_table_find(table, probeKeys[i]);
        if (matches.count == 0u && keepUnmatched) {
            matchEnds[i] = 1;
            matchRows[i] = NO_ROW;
        } else {
            matchEnds[i] = matches.count;
            matchRows[i] = matches.rows;
        }
    }
}

// flags[i] = 1 when probe row i has a match and matched is set, or has none and matched is not; else 0.
template <typename K>
__device__ __forceinline__ void flag_matches(HashTableView table, const K* probeKeys, long long count, int matched,
                                             unsigned long long* flags) {
    for (long long i = first_index(); i < count; i += grid_stride()) {
        const bool found = hash_table_find(table, probeKeys[i]).count != 0u;
        flags[i] = found == (matched != 0) ? 1 : 0;
    }
}

// Writes the pairs of every probe row: row i's go to [matchEnds[i - 1], matchEnds[i]) (matchEnds is the inclusive
// scan of hash_table_count_matches' counts). A row with few matches writes them itself; the rows of a warp with
// many matches are then written one after another by the whole warp, consecutive lanes on consecutive pairs, so one
// heavily duplicated key does not leave one thread writing millions of pairs while its warp waits.
extern "C" __global__ void __launch_bounds__(THREADS)
    hash_table_write_matches(const unsigned int* tableRows, const unsigned long long* matchEnds,
                             const unsigned int* matchRows, long long count, long long* leftRows,
                             long long* rightRows) {
    const int lane = static_cast<int>(threadIdx.x % 32);
    const long long warpStart = static_cast<long long>(blockIdx.x) * blockDim.x + (threadIdx.x - lane);
    // Every lane of a warp takes the same trips through this loop, so the ballots and shuffles see all 32 lanes.
    for (long long base = warpStart; base < count; base += grid_stride()) {
        const long long i = base + lane;
        unsigned long long start = 0;
        unsigned long long pairs = 0;
        unsigned int rows = 0;
        if (i < count) {
            start = i == 0 ? 0 : matchEnds[i - 1];
            pairs = matchEnds[i] - start;
            rows = matchRows[i];
        }
        if (pairs == 1) {
            leftRows[start] = i;
            rightRows[start] = rows == NO_ROW ? -1LL : static_cast<long long>(rows);
        } else if (pairs <= THREAD_MATCHES) {
            for (unsigned long long j = 0; j < pairs; ++j) {
                leftRows[start + j] = i;
                rightRows[start + j] = tableRows[rows + j];
            }
        }
        unsigned int crowded = __ballot_sync(0xffffffffu, pairs > THREAD_MATCHES);
        while (crowded != 0u) {
            const int owner = __ffs(crowded) - 1;
            crowded &= crowded - 1u;
            const unsigned long long ownerStart = __shfl_sync(0xffffffffu, start, owner);
            const unsigned long long ownerPairs = __shfl_sync(0xffffffffu, pairs, owner);
            const unsigned int ownerRows = __shfl_sync(0xffffffffu, rows, owner);
            for (unsigned long long j = lane; j < ownerPairs; j += 32) {
                leftRows[ownerStart + j] = base + owner;
                rightRows[ownerStart + j] = tableRows[ownerRows + j];
            }
        }
    }
}

// rows[...] = every i whose flag is set, in ascending order; *rowCount = how many (matchEnds: the inclusive scan of
// hash_table_flag_matches' flags). The caller zeroes *rowCount first, for an empty probe side.
extern "C" __global__ void __launch_bounds__(THREADS)
    hash_table_emit_rows(const unsigned long long* flagEnds, long long count, long long* rows,
                         unsigned long long* rowCount) {
    for (long long i = first_index(); i < count; i += grid_stride()) {
        const unsigned long long before = i == 0 ? 0 : flagEnds[i - 1];
        if (flagEnds[i] != before) {
            rows[before] = i;
        }
        if (i == count - 1) {
            *rowCount = flagEnds[i];
        }
    }
}

// Launch with THREADS threads and any grid (the loops stride over it); keys are 32- or 64-bit raw bits.
#define FORGE_HASH_TABLE_KERNELS(BITS, K)                                                                            \
    extern "C" __global__ void __launch_bounds__(THREADS) hash_table_insert_keys##BITS(                              \
        const K* sortedKeys, long long count, HashSlot* slots, unsigned long long mask) {                           \
        insert_keys<K>(sortedKeys, count, slots, mask);                                                             \
    }                                                                                                               \
    extern "C" __global__ void __launch_bounds__(THREADS) hash_table_count_keys##BITS(                               \
        const K* sortedKeys, const unsigned int* sortedRows, long long count, HashSlot* slots,                      \
        unsigned long long mask) {                                                                                  \
        count_keys<K>(sortedKeys, sortedRows, count, slots, mask);                                                  \
    }                                                                                                               \
    extern "C" __global__ void __launch_bounds__(THREADS) hash_table_count_matches_keys##BITS(                       \
        const HashSlot* slots, const unsigned int* rows, unsigned long long mask, const K* probeKeys,               \
        long long count, int keepUnmatched, unsigned long long* matchEnds, unsigned int* matchRows) {               \
        count_matches<K>(HashTableView{slots, rows, mask}, probeKeys, count, keepUnmatched, matchEnds, matchRows);  \
    }                                                                                                               \
    extern "C" __global__ void __launch_bounds__(THREADS) hash_table_flag_matches_keys##BITS(                        \
        const HashSlot* slots, const unsigned int* rows, unsigned long long mask, const K* probeKeys,               \
        long long count, int matched, unsigned long long* flags) {                                                  \
        flag_matches<K>(HashTableView{slots, rows, mask}, probeKeys, count, matched, flags);                        \
    }

FORGE_HASH_TABLE_KERNELS(32, unsigned int)
FORGE_HASH_TABLE_KERNELS(64, unsigned long long)
