// Hash group-by (COUNT, SUM, MIN, MAX over int32, int64, float32 and float64 values; one to MAX_KEY_COLUMNS int32 or
// int64 key columns; any number of groups), launched by GpuGroupBy.java:
//   1. group_by_largest_exponent_*: for each floating SUM, the largest exponent of its column, which sets the grid of
//      its fixed-point accumulators (group_accumulators.cuh);
//   2. group_by_aggregate: each block first aggregates into a table of its own in shared memory; the rows of groups
//      that find no room there (a block that meets many groups) go to the global table, and at the end the block
//      folds its shared groups into the global ones. Every accumulator takes only atomic adds, maxes and ors, so the
//      result does not depend on which block or row came first;
//   3. the host reads the number of groups, then group_by_first_rows and an argsort order the groups by their first
//      row, and group_by_write_groups writes keys and finished results in that order (first appearance, as the CPU
//      twin's few-groups plan gives them).
#include "group_by.cuh"

constexpr int THREADS = 256;

// The output columns, in the order of the key columns and of the aggregates; every field is 8 bytes.
struct GroupByOutputs {
    void* keys[MAX_KEY_COLUMNS];
    void* results[MAX_AGGREGATES];
};

__device__ __forceinline__ long long first_index() {
    return static_cast<long long>(blockIdx.x) * blockDim.x + threadIdx.x;
}

__device__ __forceinline__ long long grid_stride() { return static_cast<long long>(gridDim.x) * blockDim.x; }

// *largest = the largest biased exponent (subnormals count as 1) among the finite values, and among what it held.
template <typename T>
__device__ __forceinline__ void largest_exponent(const T* values, long long count, unsigned int* largest) {
    __shared__ unsigned int blockLargest;
    if (threadIdx.x == 0) {
        blockLargest = 0;
    }
    __syncthreads();
    unsigned int mine = 0;
    for (long long i = first_index(); i < count; i += grid_stride()) {
        const int exponent = biased_exponent(static_cast<double>(values[i]));
        if (exponent != 0x7ff && static_cast<unsigned int>(exponent) > mine) {
            mine = static_cast<unsigned int>(exponent);
        }
    }
    if (mine != 0) {
        atomicMax(&blockLargest, mine);
    }
    __syncthreads();
    if (threadIdx.x == 0 && blockLargest != 0) {
        atomicMax(largest, blockLargest);
    }
}

extern "C" __global__ void __launch_bounds__(THREADS)
    group_by_largest_exponent_float32(const float* values, long long count, unsigned int* largest) {
    largest_exponent(values, count, largest);
}

extern "C" __global__ void __launch_bounds__(THREADS)
    group_by_largest_exponent_float64(const double* values, long long count, unsigned int* largest) {
    largest_exponent(values, count, largest);
}

// The global group of `key`, created if new; NO_GROUP (and the overflow flag set) when maxGroups groups exist.
__device__ __forceinline__ long long global_group(const GroupByTable& table, int keyCount, const GroupKey& key) {
    const long long group = find_or_insert_group(table.slots, table.mask, keyCount, key, &table.counters[0],
                                                 table.maxGroups, table.groupKeys, table.maxGroups);
    if (group == NO_GROUP) {
        atomicOr(&table.counters[1], 1ULL);
    }
    return group;
}

// Launch with THREADS threads, any grid, and 8 * localCapacity * (1 + keyCount) + (localCapacity / 2) * recordBytes
// bytes of dynamic shared memory (GpuGroupByLayout.sharedBytes): the block's own table of localCapacity slots (a
// power of two, or 0 for none) and the records of up to localCapacity / 2 groups. The table's slots, records and
// counters are zeroed first.
extern "C" __global__ void __launch_bounds__(THREADS)
    group_by_aggregate(GroupByColumns columns, GroupByTable table, const unsigned int* largestExponents,
                       long long localCapacity) {
    const int keyCount = static_cast<int>(columns.keyCount);
    const long long slotWords = 1 + keyCount;
    const long long recordBytes = columns.recordBytes;
    unsigned long long* localSlots = nullptr;
    unsigned char* localRecords = nullptr;
    const unsigned long long localLimit = static_cast<unsigned long long>(localCapacity / 2);
    __shared__ unsigned long long localGroups;
    if (localCapacity > 0) {
        localSlots = block_shared_words();
        localRecords = reinterpret_cast<unsigned char*>(localSlots + localCapacity * slotWords);
        const long long words = localCapacity * slotWords + static_cast<long long>(localLimit) * recordBytes / 8;
        for (long long w = threadIdx.x; w < words; w += blockDim.x) {
            localSlots[w] = 0;
        }
        if (threadIdx.x == 0) {
            localGroups = 0;
        }
        __syncthreads();
    }

    for (long long row = first_index(); row < columns.rowCount; row += grid_stride()) {
        const GroupKey key = row_key(columns, row);
        unsigned char* record = nullptr;
        if (localCapacity > 0) {
            const long long group = find_or_insert_group(localSlots, static_cast<unsigned long long>(localCapacity - 1),
                                                         keyCount, key, &localGroups, localLimit, nullptr, 0);
            if (group != NO_GROUP) {
                record = localRecords + group * recordBytes;
            }
        }
        if (record == nullptr) {
            const long long group = global_group(table, keyCount, key);
            if (group == NO_GROUP) {
                continue;  // the host sees the overflow flag and fails the call
            }
            record = table.records + group * recordBytes;
        }
        accumulate_row(record, columns, row, largestExponents);
    }

    if (localCapacity > 0) {
        __syncthreads();  // every row of the block is in its shared records
        for (long long slot = threadIdx.x; slot < localCapacity; slot += blockDim.x) {
            const unsigned long long* entry = localSlots + slot * slotWords;
            if (entry[0] < FIRST_GROUP) {
                continue;
            }
            GroupKey key;
            for (int c = 0; c < keyCount; ++c) {
                key.keys[c] = entry[1 + c];
            }
            key.hash = hash_group_key(key.keys, keyCount);
            const long long group = global_group(table, keyCount, key);
            if (group != NO_GROUP) {
                merge_record(table.records + group * recordBytes, localRecords + (entry[0] - FIRST_GROUP) * recordBytes,
                             columns);
            }
        }
    }
}

// firstRows[g] = the first row of group g (rows are fewer than 2^32), the key that orders groups by first appearance.
extern "C" __global__ void __launch_bounds__(THREADS)
    group_by_first_rows(const unsigned char* records, long long recordBytes, long long groupCount,
                        unsigned int* firstRows) {
    for (long long g = first_index(); g < groupCount; g += grid_stride()) {
        firstRows[g] = static_cast<unsigned int>(~*reinterpret_cast<const unsigned long long*>(records + g * recordBytes));
    }
}

// The value a MIN or MAX accumulator holds, written in the column's type (NaN canonical, as in the CPU twin).
__device__ __forceinline__ void write_extreme(void* column, long long position, int type, unsigned long long key) {
    const long long orderKey = static_cast<long long>(key ^ SIGN_BIT);
    switch (type) {
        case VALUE_INT32: static_cast<int*>(column)[position] = static_cast<int>(orderKey); break;
        case VALUE_INT64: static_cast<long long*>(column)[position] = orderKey; break;
        case VALUE_FLOAT32: {
            const double value = value_of_key(orderKey, 0.0);
            static_cast<float*>(column)[position] =
                value != value ? __int_as_float(0x7fc00000) : static_cast<float>(value);  // exact: it was a float
            break;
        }
        default: static_cast<double*>(column)[position] = value_of_key(orderKey, 0.0); break;
    }
}

// Writes output group o from group order[o]: its keys in their column types and each aggregate's finished result in
// the layout of the CPU twin's result columns (COUNT and int32 SUM: int64; int64 SUM: low word, then high word;
// floating SUM: float64; MIN and MAX: the value type).
extern "C" __global__ void __launch_bounds__(THREADS)
    group_by_write_groups(GroupByColumns columns, GroupByTable table, GroupByOutputs outputs,
                          const unsigned int* order, long long groupCount, const unsigned int* largestExponents) {
    const int keyCount = static_cast<int>(columns.keyCount);
    const int aggregateCount = static_cast<int>(columns.aggregateCount);
    for (long long o = first_index(); o < groupCount; o += grid_stride()) {
        const unsigned long long group = order[o];
        for (int c = 0; c < keyCount; ++c) {
            const unsigned long long key = table.groupKeys[c * table.maxGroups + group];
            if (columns.keyBytes[c] == 4) {
                static_cast<int*>(outputs.keys[c])[o] = static_cast<int>(key);
            } else {
                static_cast<unsigned long long*>(outputs.keys[c])[o] = key;
            }
        }
        const unsigned char* record = table.records + group * columns.recordBytes;
        for (int a = 0; a < aggregateCount; ++a) {
            const unsigned long long* words = reinterpret_cast<const unsigned long long*>(record + columns.offsets[a]);
            const int function = static_cast<int>(columns.operations[a] >> 2);
            const int type = static_cast<int>(columns.operations[a] & 3);
            void* column = outputs.results[a];
            if (function == FUNCTION_COUNT || (function == FUNCTION_SUM && type == VALUE_INT32)) {
                static_cast<unsigned long long*>(column)[o] = words[0];
            } else if (function == FUNCTION_SUM && type == VALUE_INT64) {
                static_cast<unsigned long long*>(column)[2 * o] = words[0];
                static_cast<unsigned long long*>(column)[2 * o + 1] = words[1];
            } else if (function == FUNCTION_SUM) {
                const int largest = static_cast<int>(largestExponents[a]);
                static_cast<double*>(column)[o] = finish_float_sum(words, largest < 1 ? 1 : largest);
            } else {
                write_extreme(column, o, type, function == FUNCTION_MAX ? words[0] : ~words[0]);
            }
        }
    }
}
