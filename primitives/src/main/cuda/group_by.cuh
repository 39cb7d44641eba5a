// The pieces of a hash group-by (group_by.cu, launched by GpuGroupBy.java) that a generated query kernel can also
// aggregate with: the column and table descriptions, a find-or-insert over open-addressing group tables (in global
// or shared memory), and folding a row, or a whole group's accumulators, into a group's accumulator record
// (group_accumulators.cuh).
//
// A group table slot is 1 + keyCount words: the state word (EMPTY, CLAIMED while its inserter writes the keys, DEAD
// when the inserter found the group limit reached, or FIRST_GROUP + the group number), then the keys, widened to 64
// bits. An inserter claims an empty slot with a compare-and-swap, takes the next group number, writes the keys and
// publishes the number with a release store; a thread that finds the slot claimed waits for that. Slots are never
// freed, so a walk from a key's home slot passes every slot its key may be in. Group numbers are dense: each group's
// accumulator record sits at number * recordBytes.
#pragma once

#include "group_accumulators.cuh"
#include "hash_mix.cuh"

constexpr int MAX_KEY_COLUMNS = 8;
constexpr int MAX_AGGREGATES = 32;

constexpr unsigned long long SLOT_EMPTY = 0;
constexpr unsigned long long SLOT_CLAIMED = 1;
constexpr unsigned long long SLOT_DEAD = 2;
constexpr unsigned long long FIRST_GROUP = 3;
constexpr long long NO_GROUP = -1;

// An aggregate's operation: function * 4 + value type (as GpuGroupByLayout encodes it).
enum AggregateFunctionCode : int { FUNCTION_COUNT = 0, FUNCTION_SUM = 1, FUNCTION_MIN = 2, FUNCTION_MAX = 3 };
enum ValueTypeCode : int { VALUE_INT32 = 0, VALUE_INT64 = 1, VALUE_FLOAT32 = 2, VALUE_FLOAT64 = 3 };

// The input of a group-by, passed to kernels by value; GpuGroupByLayout writes it field by field. Every field is 8
// bytes, so the layout has no padding to agree on.
struct GroupByColumns {
    long long rowCount;
    long long keyCount;        // 1 to MAX_KEY_COLUMNS
    long long aggregateCount;  // 0 to MAX_AGGREGATES
    long long recordBytes;     // one group's accumulators: its first row, then each aggregate's words
    const void* keys[MAX_KEY_COLUMNS];
    long long keyBytes[MAX_KEY_COLUMNS];  // 4 (INT32) or 8 (INT64)
    const void* values[MAX_AGGREGATES];
    long long operations[MAX_AGGREGATES];  // function * 4 + value type
    long long offsets[MAX_AGGREGATES];     // of each aggregate's accumulator in a record, in bytes
};

// The global group table and its groups, passed by value; every field is 8 bytes.
struct GroupByTable {
    unsigned long long* slots;      // (mask + 1) slots of 1 + keyCount words
    unsigned long long mask;        // slot count - 1
    unsigned long long maxGroups;   // the records (and dense keys) there is room for
    unsigned char* records;         // maxGroups records of recordBytes, zeroed before the aggregation
    unsigned long long* groupKeys;  // keyCount columns of maxGroups keys: group g's key c at c * maxGroups + g
    unsigned long long* counters;   // [0]: groups created; [1]: non-zero once a row found no room
};

#ifdef __CUDACC__
// A table's state words are read with acquire loads and published with release stores, and keys are read with
// relaxed (strong) loads, which never see a stale L1 line: a thread that read a slot while it was empty and reads it
// again once published sees the keys. Generic addresses, so the same helpers serve shared-memory tables.
__device__ __forceinline__ unsigned long long acquire_load(const unsigned long long* word) {
    unsigned long long value;
    asm volatile("ld.acquire.gpu.u64 %0, [%1];" : "=l"(value) : "l"(word) : "memory");
    return value;
}

__device__ __forceinline__ unsigned long long relaxed_load(const unsigned long long* word) {
    unsigned long long value;
    asm volatile("ld.relaxed.gpu.u64 %0, [%1];" : "=l"(value) : "l"(word) : "memory");
    return value;
}

__device__ __forceinline__ void release_store(unsigned long long* word, unsigned long long value) {
    asm volatile("st.release.gpu.u64 [%0], %1;" : : "l"(word), "l"(value) : "memory");
}

// Called while a thread waits for another to publish a slot; nothing to do on the GPU (the emulation switches
// threads here).
__device__ __forceinline__ void table_spin_pause() {}

// The dynamic shared memory of a block, for its own group table.
__device__ __forceinline__ unsigned long long* block_shared_words() {
    extern __shared__ unsigned long long sharedWords[];
    return sharedWords;
}
#endif

// The key columns of one row, widened to 64 bits (INT32 sign-extended), and their hash.
struct GroupKey {
    unsigned long long keys[MAX_KEY_COLUMNS];
    unsigned long long hash;
};

__device__ __forceinline__ unsigned long long hash_group_key(const unsigned long long* keys, int keyCount) {
    unsigned long long hash = hash_mix(keys[0]);
    for (int c = 1; c < keyCount; ++c) {
        hash = hash_mix(hash * 0x9e3779b97f4a7c15ULL + keys[c]);
    }
    return hash;
}

__device__ __forceinline__ GroupKey row_key(const GroupByColumns& columns, long long row) {
    GroupKey key;
    const int keyCount = static_cast<int>(columns.keyCount);
    for (int c = 0; c < keyCount; ++c) {
        key.keys[c] = columns.keyBytes[c] == 4
                          ? static_cast<unsigned long long>(static_cast<long long>(static_cast<const int*>(columns.keys[c])[row]))
                          : static_cast<unsigned long long>(static_cast<const long long*>(columns.keys[c])[row]);
    }
    key.hash = hash_group_key(key.keys, keyCount);
    return key;
}

// The group of `key` in a table of mask + 1 slots, created if new: its number, or NO_GROUP when creating it would
// pass groupLimit (counted in *groupCounter). When denseKeys is not null, a new group's keys are also written there
// (key c of group g at c * denseStride + g). Visits each slot at most once.
__device__ __forceinline__ long long find_or_insert_group(unsigned long long* slots, unsigned long long mask,
                                                          int keyCount, const GroupKey& key,
                                                          unsigned long long* groupCounter,
                                                          unsigned long long groupLimit,
                                                          unsigned long long* denseKeys,
                                                          unsigned long long denseStride) {
    const unsigned long long slotWords = 1 + static_cast<unsigned long long>(keyCount);
    unsigned long long slot = key.hash & mask;
    for (unsigned long long visited = 0; visited <= mask; ++visited, slot = (slot + 1) & mask) {
        unsigned long long* entry = slots + slot * slotWords;
        unsigned long long state = acquire_load(entry);
        if (state == SLOT_EMPTY) {
            if (relaxed_load(groupCounter) >= groupLimit) {
                return NO_GROUP;  // full: claim nothing, so that full tables keep their empty slots
            }
            state = atomicCAS(entry, SLOT_EMPTY, SLOT_CLAIMED);
            if (state == SLOT_EMPTY) {
                const unsigned long long group = atomicAdd(groupCounter, 1ULL);
                if (group >= groupLimit) {
                    release_store(entry, SLOT_DEAD);
                    return NO_GROUP;
                }
                for (int c = 0; c < keyCount; ++c) {
                    entry[1 + c] = key.keys[c];
                    if (denseKeys != nullptr) {
                        denseKeys[c * denseStride + group] = key.keys[c];
                    }
                }
                release_store(entry, FIRST_GROUP + group);
                return static_cast<long long>(group);
            }
        }
        while (state == SLOT_CLAIMED) {
            table_spin_pause();
            state = acquire_load(entry);
        }
        if (state == SLOT_DEAD) {
            continue;
        }
        bool same = true;
        for (int c = 0; c < keyCount && same; ++c) {
            same = relaxed_load(entry + 1 + c) == key.keys[c];
        }
        if (same) {
            return static_cast<long long>(state - FIRST_GROUP);
        }
    }
    return NO_GROUP;
}

// Folds row `row` into a group's record: its first row (stored complemented: an atomic max keeps the smallest),
// then every aggregate. largestExponents[a] is the largest biased exponent of a floating SUM's column.
__device__ __forceinline__ void accumulate_row(unsigned char* record, const GroupByColumns& columns, long long row,
                                               const unsigned int* largestExponents) {
    atomicMax(reinterpret_cast<unsigned long long*>(record), ~static_cast<unsigned long long>(row));
    const int aggregateCount = static_cast<int>(columns.aggregateCount);
    for (int a = 0; a < aggregateCount; ++a) {
        unsigned long long* words = reinterpret_cast<unsigned long long*>(record + columns.offsets[a]);
        const int function = static_cast<int>(columns.operations[a] >> 2);
        const int type = static_cast<int>(columns.operations[a] & 3);
        if (function == FUNCTION_COUNT) {
            atomicAdd(words, 1ULL);
            continue;
        }
        const void* values = columns.values[a];
        long long integer = 0;
        double floating = 0.0;
        switch (type) {
            case VALUE_INT32: integer = static_cast<const int*>(values)[row]; break;
            case VALUE_INT64: integer = static_cast<const long long*>(values)[row]; break;
            case VALUE_FLOAT32: floating = static_cast<const float*>(values)[row]; break;
            default: floating = static_cast<const double*>(values)[row]; break;
        }
        const bool isFloating = type == VALUE_FLOAT32 || type == VALUE_FLOAT64;
        if (function == FUNCTION_SUM) {
            if (isFloating) {
                const int largest = static_cast<int>(largestExponents[a]);
                add_float(words, floating, largest < 1 ? 1 : largest);
            } else if (type == VALUE_INT32) {
                atomicAdd(words, static_cast<unsigned long long>(integer));  // exact: fewer than 2^31 rows
            } else {
                add_int64(words, integer);
            }
        } else {
            const unsigned long long key = isFloating ? extreme_key(floating) : extreme_key(integer);
            atomicMax(words, function == FUNCTION_MAX ? key : ~key);
        }
    }
}

// Folds one group's record (a block's shared-memory partial) into another's (the global group).
__device__ __forceinline__ void merge_record(unsigned char* target, const unsigned char* source,
                                             const GroupByColumns& columns) {
    const unsigned long long* first = reinterpret_cast<const unsigned long long*>(source);
    atomicMax(reinterpret_cast<unsigned long long*>(target), *first);
    const int aggregateCount = static_cast<int>(columns.aggregateCount);
    for (int a = 0; a < aggregateCount; ++a) {
        unsigned long long* into = reinterpret_cast<unsigned long long*>(target + columns.offsets[a]);
        const unsigned long long* from = reinterpret_cast<const unsigned long long*>(source + columns.offsets[a]);
        const int function = static_cast<int>(columns.operations[a] >> 2);
        const int type = static_cast<int>(columns.operations[a] & 3);
        if (function == FUNCTION_COUNT || (function == FUNCTION_SUM && type == VALUE_INT32)) {
            if (from[0] != 0) {
                atomicAdd(into, from[0]);
            }
        } else if (function == FUNCTION_SUM && type == VALUE_INT64) {
            const unsigned long long parts[2] = {from[0], from[1]};
            add_wide<2>(into, parts);
        } else if (function == FUNCTION_SUM) {
            const unsigned long long positive[MAGNITUDE_WORDS] = {from[0], from[1], from[2]};
            const unsigned long long negative[MAGNITUDE_WORDS] = {from[3], from[4], from[5]};
            add_wide<MAGNITUDE_WORDS>(into, positive);
            add_wide<MAGNITUDE_WORDS>(into + MAGNITUDE_WORDS, negative);
            if (from[2 * MAGNITUDE_WORDS] != 0) {
                atomicOr(into + 2 * MAGNITUDE_WORDS, from[2 * MAGNITUDE_WORDS]);
            }
        } else if (from[0] != 0) {
            atomicMax(into, from[0]);
        }
    }
}
