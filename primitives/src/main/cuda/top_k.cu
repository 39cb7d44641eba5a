// Top-k: the k smallest or largest elements (k up to 4096) under the TotalOrder, with their indices, sorted best
// first, ties going to the smaller index, as CpuTopK defines it; launched by GpuTopK.java.
//
// Radix select over a composite key: the element's order key (radix_sort_keys.cuh; complemented for the largest)
// above its index, so that every element is distinct and "smaller composite" means "better". Each level looks at the
// next 11 bits of the composite: a histogram of that digit over the elements still in question shows which digit
// value B holds the k-th best; elements with a smaller digit are winners (appended to a list), those with digit B
// stay in question, the others drop out. The first level's histogram is a pass of its own; after that each level's
// filter pass also counts the next digit of the elements it keeps, and the block that finishes last picks the next
// B, so every level is one launch. While more elements are in question than the candidate buffers hold, a level
// reads the input again; once they fit, the filter copies them to a buffer and later levels read only that. When at
// most finalCapacity remain (or the composite is used up), the winners and the remaining candidates are ranked
// against each other, and those ranked below outCount are written out. Typical data takes two passes over the
// input; data whose top bits are all alike takes one more per level that leaves too many candidates.
#include "radix_sort_keys.cuh"

#ifdef __CUDACC__
// A counter other blocks added to with atomics: read past this multiprocessor's L1.
__device__ __forceinline__ unsigned long long read_counter(const unsigned long long* counter) { return __ldcg(counter); }
#endif

namespace top_k {

constexpr int THREADS = 256;
constexpr int DIGIT_BITS = 11;
constexpr int BINS = 1 << DIGIT_BITS;
constexpr int ITEMS = 4;                        // elements per thread per round
constexpr int ROUND = THREADS * ITEMS;
constexpr int STAGE = 2 * ROUND;                // a block's staged candidates: room for one more round
constexpr int MAX_LEVELS = (64 + 64 + DIGIT_BITS - 1) / DIGIT_BITS;
constexpr int RANK_CHUNK = 256;                 // elements compared per block of the rank kernel

// Where a level reads from and writes to.
enum Source : int { FROM_INPUT = 0, FROM_BUFFER_0 = 1, FROM_BUFFER_1 = 2 };

struct Candidate {
    unsigned long long key;    // the order key (the best has the smallest)
    unsigned long long index;  // the element's position
};

// What the levels tell each other, in device memory zeroed before the first launch.
struct State {
    unsigned long long prefixHigh;  // the composite's bits decided by earlier levels, right-aligned
    unsigned long long prefixLow;
    unsigned long long remaining;   // winners still to take among the elements in question
    unsigned long long inQuestion;  // elements in question after this level's pick
    unsigned long long winnerCount;
    unsigned long long candidateCount[2];
    int decidedBits;       // composite bits the prefix fixes, before this level's digit
    int bin;               // this level's digit value B
    int source;            // where this level's filter reads (Source)
    int writeCandidates;   // this level's filter copies the elements left in question to buffer `target`
    int target;            // 0 or 1
    int last;              // after this level's filter, the rank runs
    int stopped;           // the last level's filter has run: later filters do nothing
    unsigned int finishedBlocks[MAX_LEVELS + 1];  // per launch, for the block that finishes last
};

// Where each level's digit lies in the composite (key bits above index bits), computed from key and index in 64-bit
// halves, since the composite can take up to 128 bits.
struct Geometry {
    int compositeBits;  // key bits + index bits
    int indexBits;

    __device__ int keyBits() const { return compositeBits - indexBits; }
    __device__ int shift(int level) const {
        const int low = compositeBits - (level + 1) * DIGIT_BITS;
        return low > 0 ? low : 0;
    }
    __device__ int width(int level) const { return compositeBits - level * DIGIT_BITS - shift(level); }
    __device__ int digit(unsigned long long key, unsigned long long index, int level) const {
        const int low = shift(level);
        const unsigned long long mask = (1ull << width(level)) - 1;
        if (low >= indexBits) {
            return static_cast<int>((key >> (low - indexBits)) & mask);
        }
        if (low + width(level) <= indexBits) {
            return static_cast<int>((index >> low) & mask);
        }
        return static_cast<int>(((key << (indexBits - low)) | (index >> low)) & mask);
    }
};

// The composite's bits decided before a level, split into the key's part and the index's, so that testing an
// element takes a shift and a comparison or two.
struct Prefix {
    int decidedBits;
    bool testsIndex;              // the decided bits reach into the index
    int keyShift;                 // key >> keyShift must equal keyPart
    unsigned long long keyPart;
    int indexShift;               // and, if testsIndex, index >> indexShift must equal indexPart
    unsigned long long indexPart;

    __device__ Prefix(const Geometry& geometry, int decided, unsigned __int128 prefix)
        : decidedBits(decided), testsIndex(decided > geometry.keyBits()), keyShift(0), keyPart(0), indexShift(0),
          indexPart(0) {
        if (decided == 0) {
            return;
        }
        if (!testsIndex) {
            keyShift = geometry.keyBits() - decided;
            keyPart = static_cast<unsigned long long>(prefix);
        } else {
            const int indexDecided = decided - geometry.keyBits();
            keyPart = static_cast<unsigned long long>(prefix >> indexDecided);
            indexShift = geometry.indexBits - indexDecided;
            indexPart = static_cast<unsigned long long>(prefix) & ((1ull << indexDecided) - 1);
        }
    }

    __device__ bool matches(unsigned long long key, unsigned long long index) const {
        return decidedBits == 0 ||
               ((key >> keyShift) == keyPart && (!testsIndex || (index >> indexShift) == indexPart));
    }
};

__device__ __forceinline__ bool better(const Candidate& a, const Candidate& b) {
    return a.key < b.key || (a.key == b.key && a.index < b.index);
}

// Adds one to bin `digit` of a shared histogram for the lanes where `counted`. Where every counted lane of the warp
// has the same digit (skewed or all-equal data), one lane adds for all of them; otherwise each lane adds its own,
// with no __match_any_sync per element. Warps with nothing to count skip.
__device__ __forceinline__ void count_digit(unsigned int* histogram, int digit, bool counted) {
    const unsigned int counting = __ballot_sync(0xffffffffu, counted);
    if (counting == 0) {
        return;
    }
    const int leader = __ffs(counting) - 1;
    const int first = __shfl_sync(0xffffffffu, digit, leader);
    if (__all_sync(0xffffffffu, !counted || digit == first)) {
        if (static_cast<int>(threadIdx.x % 32) == leader) {
            atomicAdd(&histogram[first], static_cast<unsigned int>(__popc(counting)));
        }
    } else if (counted) {
        atomicAdd(&histogram[digit], 1u);
    }
}

// Appends `item` for the lanes where `taken` to list[*count ...] with one atomic per warp.
__device__ __forceinline__ void append(Candidate* list, unsigned long long* count, const Candidate& item, bool taken) {
    const unsigned int lanes = __ballot_sync(0xffffffffu, taken);
    if (lanes == 0) {
        return;
    }
    const int lane = static_cast<int>(threadIdx.x % 32);
    const int leader = __ffs(lanes) - 1;
    unsigned long long base = 0;
    if (lane == leader) {
        base = atomicAdd(count, static_cast<unsigned long long>(__popc(lanes)));
    }
    base = __shfl_sync(0xffffffffu, base, leader);
    if (taken) {
        list[base + __popc(lanes & ((1u << lane) - 1u))] = item;
    }
}

__device__ __forceinline__ void flush_histogram(const unsigned int* shared, unsigned long long* global) {
    for (int bin = static_cast<int>(threadIdx.x); bin < BINS; bin += THREADS) {
        if (shared[bin] != 0) {
            atomicAdd(&global[bin], static_cast<unsigned long long>(shared[bin]));
        }
    }
}

// Whether this block is the last of the launch to get here; all of its threads must call it.
__device__ __forceinline__ bool finished_last(unsigned int* finishedBlocks) {
    __shared__ int last;
    __threadfence();  // this block's histogram and list writes reach L2 before it counts as finished
    __syncthreads();
    if (threadIdx.x == 0) {
        last = atomicAdd(finishedBlocks, 1u) == gridDim.x - 1;
    }
    __syncthreads();
    if (last) {
        __threadfence();
    }
    return last;
}

// Run by the whole of the last block of the launch before `level`: picks the level's digit value from its histogram
// and decides where the level reads and writes.
__device__ __forceinline__ void pick(State* state, const unsigned long long* histogram, int level, int levels,
                                     unsigned long long capacity, unsigned long long finalCapacity) {
    constexpr int PER_THREAD = BINS / THREADS;
    __shared__ unsigned long long threadTotals[THREADS];
    __shared__ int chosenBin;
    __shared__ unsigned long long chosenBefore;
    __shared__ unsigned long long chosenCount;
    unsigned long long counts[PER_THREAD];
    unsigned long long total = 0;
#pragma unroll
    for (int i = 0; i < PER_THREAD; ++i) {
        counts[i] = read_counter(histogram + threadIdx.x * PER_THREAD + i);
        total += counts[i];
    }
    threadTotals[threadIdx.x] = total;
    __syncthreads();
    const unsigned long long remaining = state->remaining;
    unsigned long long before = 0;
    for (int t = 0; t < static_cast<int>(threadIdx.x); ++t) {
        before += threadTotals[t];
    }
    for (int i = 0; i < PER_THREAD; ++i) {
        if (before < remaining && remaining <= before + counts[i]) {
            chosenBin = static_cast<int>(threadIdx.x) * PER_THREAD + i;
            chosenBefore = before;
            chosenCount = counts[i];
        }
        before += counts[i];
    }
    __syncthreads();
    if (threadIdx.x == 0) {
        const int previousWrote = level > 0 && state->writeCandidates;
        state->source = level == 0 ? FROM_INPUT : previousWrote ? FROM_BUFFER_0 + state->target : FROM_INPUT;
        state->bin = chosenBin;
        state->remaining = remaining - chosenBefore;
        state->inQuestion = chosenCount;
        state->writeCandidates = chosenCount <= capacity;
        state->target = state->source == FROM_BUFFER_0 ? 1 : 0;
        state->last = chosenCount <= finalCapacity || level == levels - 1;
        if (state->writeCandidates) {
            state->candidateCount[state->target] = 0;
        }
    }
}

template <typename K>
__device__ __forceinline__ void load_round(const K* values, long long first, long long count, K (&items)[ITEMS]) {
#pragma unroll
    for (int j = 0; j < ITEMS; ++j) {
        const long long position = first + static_cast<long long>(j) * THREADS;
        items[j] = position < count ? values[position] : K(0);
    }
}

// Level 0: the histogram of the composite's top digit over every element; the last block picks.
template <typename K>
__device__ __forceinline__ void histogram_top_digit(const K* values, long long count, int kind, int descending,
                                                    Geometry geometry, unsigned long long* histograms,
                                                    State* state, int levels, unsigned long long outCount,
                                                    unsigned long long capacity, unsigned long long finalCapacity) {
    __shared__ unsigned int histogram[BINS];
    for (int bin = static_cast<int>(threadIdx.x); bin < BINS; bin += THREADS) {
        histogram[bin] = 0;
    }
    __syncthreads();
    const long long stride = static_cast<long long>(gridDim.x) * ROUND;
    for (long long base = static_cast<long long>(blockIdx.x) * ROUND; base < count; base += stride) {
        K items[ITEMS];
        load_round(values, base + threadIdx.x, count, items);
#pragma unroll
        for (int j = 0; j < ITEMS; ++j) {
            const long long position = base + threadIdx.x + static_cast<long long>(j) * THREADS;
            const unsigned long long key = ordered_key(items[j], kind, descending != 0);
            const int digit = geometry.digit(key, static_cast<unsigned long long>(position), 0);
            count_digit(histogram, digit, position < count);
        }
    }
    __syncthreads();
    flush_histogram(histogram, histograms);
    if (finished_last(&state->finishedBlocks[0])) {
        if (threadIdx.x == 0) {
            state->remaining = outCount;
        }
        __syncthreads();
        pick(state, histograms, 0, levels, capacity, finalCapacity);
    }
}

// One level: winners out, the elements left in question to the other buffer (when they fit), the next digit of
// those counted; the last block picks the next level, or stops the levels.
template <typename K>
__device__ __forceinline__ void filter_level(const K* values, long long count, int kind, int descending,
                                             Geometry geometry, int level, int levels,
                                             unsigned long long* histograms, State* state, Candidate* winners,
                                             Candidate* buffer0, Candidate* buffer1, unsigned long long capacity,
                                             unsigned long long finalCapacity) {
    __shared__ unsigned int histogram[BINS];
    __shared__ Candidate staged[STAGE];
    __shared__ unsigned long long stagedCount;
    __shared__ unsigned long long stagedBase;
    if (state->stopped) {
        return;  // uniform: written by an earlier launch
    }
    const int source = state->source;
    const int bin = state->bin;
    const bool writeCandidates = state->writeCandidates != 0;
    const bool countNext = !state->last;
    const int decidedBits = state->decidedBits;
    const unsigned __int128 prefix = (static_cast<unsigned __int128>(state->prefixHigh) << 64) | state->prefixLow;
    const Prefix decided(geometry, decidedBits, prefix);
    Candidate* target = state->target == 0 ? buffer0 : buffer1;
    unsigned long long* targetCount = &state->candidateCount[state->target];
    const Candidate* fromBuffer = source == FROM_BUFFER_0 ? buffer0 : buffer1;
    const long long sourceCount = source == FROM_INPUT ? count
                                                       : static_cast<long long>(state->candidateCount[source - 1]);
    for (int b = static_cast<int>(threadIdx.x); b < BINS; b += THREADS) {
        histogram[b] = 0;
    }
    if (threadIdx.x == 0) {
        stagedCount = 0;
    }
    __syncthreads();
    const long long stride = static_cast<long long>(gridDim.x) * ROUND;
    for (long long base = static_cast<long long>(blockIdx.x) * ROUND; base < sourceCount; base += stride) {
        K items[ITEMS];
        if (source == FROM_INPUT) {
            load_round(values, base + threadIdx.x, count, items);
        }
#pragma unroll
        for (int j = 0; j < ITEMS; ++j) {
            const long long position = base + threadIdx.x + static_cast<long long>(j) * THREADS;
            Candidate element{0, 0};
            bool inQuestion = position < sourceCount;
            if (inQuestion) {
                if (source == FROM_INPUT) {
                    element = {ordered_key(items[j], kind, descending != 0), static_cast<unsigned long long>(position)};
                } else {
                    element = fromBuffer[position];
                }
            }
            if (source == FROM_INPUT) {
                inQuestion = inQuestion && decided.matches(element.key, element.index);
            }
            const int digit = geometry.digit(element.key, element.index, level);
            append(winners, &state->winnerCount, element, inQuestion && digit < bin);
            const bool stays = inQuestion && digit == bin;
            if (writeCandidates) {
                const unsigned int lanes = __ballot_sync(0xffffffffu, stays);
                if (lanes != 0) {
                    const int lane = static_cast<int>(threadIdx.x % 32);
                    const int leader = __ffs(lanes) - 1;
                    unsigned long long slot = 0;
                    if (lane == leader) {
                        slot = atomicAdd(&stagedCount, static_cast<unsigned long long>(__popc(lanes)));
                    }
                    slot = __shfl_sync(0xffffffffu, slot, leader);
                    if (stays) {
                        staged[slot + __popc(lanes & ((1u << lane) - 1u))] = element;
                    }
                }
            }
            if (countNext) {
                count_digit(histogram, stays ? geometry.digit(element.key, element.index, level + 1) : 0, stays);
            }
        }
        if (writeCandidates) {
            __syncthreads();
            if (stagedCount > STAGE - ROUND) {  // the next round might not fit: move them out
                if (threadIdx.x == 0) {
                    stagedBase = atomicAdd(targetCount, stagedCount);
                }
                __syncthreads();
                for (int i = static_cast<int>(threadIdx.x); i < static_cast<int>(stagedCount); i += THREADS) {
                    target[stagedBase + i] = staged[i];
                }
                __syncthreads();
                if (threadIdx.x == 0) {
                    stagedCount = 0;
                }
                __syncthreads();
            }
        }
    }
    __syncthreads();
    if (writeCandidates && stagedCount > 0) {
        if (threadIdx.x == 0) {
            stagedBase = atomicAdd(targetCount, stagedCount);
        }
        __syncthreads();
        for (int i = static_cast<int>(threadIdx.x); i < static_cast<int>(stagedCount); i += THREADS) {
            target[stagedBase + i] = staged[i];
        }
    }
    if (countNext) {
        flush_histogram(histogram, histograms + static_cast<long long>(level + 1) * BINS);
    }
    if (finished_last(&state->finishedBlocks[level + 1])) {
        if (!countNext) {
            if (threadIdx.x == 0) {
                state->stopped = 1;
            }
            return;
        }
        if (threadIdx.x == 0) {
            const int width = geometry.width(level);
            const unsigned __int128 extended = (prefix << width) | static_cast<unsigned int>(bin);
            state->prefixHigh = static_cast<unsigned long long>(extended >> 64);
            state->prefixLow = static_cast<unsigned long long>(extended);
            state->decidedBits = decidedBits + width;
        }
        __syncthreads();
        pick(state, histograms + static_cast<long long>(level + 1) * BINS, level + 1, levels, capacity,
             finalCapacity);
    }
}

// The winners, then the last level's candidates.
__device__ __forceinline__ Candidate final_element(const State* state, const Candidate* winners,
                                                   const Candidate* buffer0, const Candidate* buffer1,
                                                   unsigned long long g) {
    const unsigned long long winnerCount = state->winnerCount;
    if (g < winnerCount) {
        return winners[g];
    }
    return (state->target == 0 ? buffer0 : buffer1)[g - winnerCount];
}

__device__ __forceinline__ unsigned long long final_count(const State* state) {
    return state->winnerCount + state->candidateCount[state->target];
}

// ranks[g] += how many elements of one chunk beat element g. Block b compares the elements of block b % blocks with
// chunk b / blocks, where `blocks` covers the elements THREADS at a time (RANK_CHUNK is THREADS).
__device__ __forceinline__ void rank_final(const State* state, const Candidate* winners, const Candidate* buffer0,
                                           const Candidate* buffer1, unsigned int* ranks, int blocks) {
    static_assert(RANK_CHUNK == THREADS, "a chunk per block of elements");
    __shared__ Candidate chunk[RANK_CHUNK];
    const unsigned long long total = final_count(state);
    const unsigned long long chunkStart = static_cast<unsigned long long>(blockIdx.x / blocks) * RANK_CHUNK;
    if (chunkStart >= total) {
        return;  // uniform over the block
    }
    const int chunkSize = total - chunkStart < RANK_CHUNK ? static_cast<int>(total - chunkStart) : RANK_CHUNK;
    for (int i = static_cast<int>(threadIdx.x); i < chunkSize; i += THREADS) {
        chunk[i] = final_element(state, winners, buffer0, buffer1, chunkStart + i);
    }
    __syncthreads();
    const unsigned long long g = static_cast<unsigned long long>(blockIdx.x % blocks) * THREADS + threadIdx.x;
    if (g >= total) {
        return;
    }
    const Candidate mine = final_element(state, winners, buffer0, buffer1, g);
    unsigned int beaten = 0;
    for (int i = 0; i < chunkSize; ++i) {
        beaten += better(chunk[i], mine) ? 1u : 0u;
    }
    if (beaten != 0) {
        atomicAdd(&ranks[g], beaten);
    }
}

template <typename K>
__device__ __forceinline__ void write_top(const K* values, const State* state, const Candidate* winners,
                                          const Candidate* buffer0, const Candidate* buffer1,
                                          const unsigned int* ranks, unsigned long long outCount, K* topValues,
                                          long long* topIndices) {
    const unsigned long long g = static_cast<unsigned long long>(blockIdx.x) * THREADS + threadIdx.x;
    if (g >= final_count(state) || ranks[g] >= outCount) {
        return;
    }
    const Candidate mine = final_element(state, winners, buffer0, buffer1, g);
    topValues[ranks[g]] = values[mine.index];  // the element's own bits: a NaN keeps its payload
    topIndices[ranks[g]] = static_cast<long long>(mine.index);
}

}  // namespace top_k

// Launch order (GpuTopK.java): the state, histograms and ranks zeroed; top_k_histogram; top_k_filter for levels 0 to
// levels - 1; top_k_rank over blocks x blocks blocks; top_k_write over blocks blocks, where blocks * THREADS covers
// outCount + finalCapacity. All take THREADS threads; histogram and filter any grid. kind is the key kind of
// radix_sort_keys.cuh.
#define FORGE_TOP_K_KERNELS(BITS, K)                                                                               \
    extern "C" __global__ void __launch_bounds__(top_k::THREADS)                                                  \
        top_k_histogram_keys##BITS(const K* values, long long count, int kind, int descending, int compositeBits,  \
                                   int indexBits, int levels, unsigned long long outCount,                        \
                                   unsigned long long capacity, unsigned long long finalCapacity,                 \
                                   unsigned long long* histograms, top_k::State* state) {                         \
        top_k::histogram_top_digit(values, count, kind, descending, top_k::Geometry{compositeBits, indexBits},    \
                                   histograms, state, levels, outCount, capacity, finalCapacity);                 \
    }                                                                                                              \
    extern "C" __global__ void __launch_bounds__(top_k::THREADS)                                                  \
        top_k_filter_keys##BITS(const K* values, long long count, int kind, int descending, int compositeBits,     \
                                int indexBits, int level, int levels, unsigned long long capacity,                \
                                unsigned long long finalCapacity, unsigned long long* histograms,                 \
                                top_k::State* state, top_k::Candidate* winners, top_k::Candidate* buffer0,        \
                                top_k::Candidate* buffer1) {                                                      \
        top_k::filter_level(values, count, kind, descending, top_k::Geometry{compositeBits, indexBits}, level,    \
                            levels, histograms, state, winners, buffer0, buffer1, capacity, finalCapacity);       \
    }                                                                                                              \
    extern "C" __global__ void __launch_bounds__(top_k::THREADS)                                                  \
        top_k_write_keys##BITS(const K* values, const top_k::State* state, const top_k::Candidate* winners,       \
                               const top_k::Candidate* buffer0, const top_k::Candidate* buffer1,                  \
                               const unsigned int* ranks, unsigned long long outCount, K* topValues,              \
                               long long* topIndices) {                                                           \
        top_k::write_top(values, state, winners, buffer0, buffer1, ranks, outCount, topValues, topIndices);       \
    }

FORGE_TOP_K_KERNELS(32, unsigned int)
FORGE_TOP_K_KERNELS(64, unsigned long long)
#undef FORGE_TOP_K_KERNELS

extern "C" __global__ void __launch_bounds__(top_k::THREADS)
    top_k_rank(const top_k::State* state, const top_k::Candidate* winners, const top_k::Candidate* buffer0,
               const top_k::Candidate* buffer1, unsigned int* ranks, int blocks) {
    top_k::rank_final(state, winners, buffer0, buffer1, ranks, blocks);
}
