// The join hash table of GpuHashTable (built by hash_table.cu) and the device functions that probe it, for the probe
// kernels there and for generated query kernels: open addressing with linear probing over 16-byte slots, one slot
// per distinct build key, at most half of the slots in use. A probe reads one slot for a miss or a key held by one
// build row (the slot holds the row itself), and one more read per further row of a duplicated key.
#pragma once

#include "hash_mix.cuh"

// One distinct build key: its raw bits (a 32-bit key zero-extended), how many build rows hold it (0: an empty slot),
// and where they are: the row itself when the count is 1, otherwise the index of the first of `count` consecutive
// entries of the table's row array, which lists the rows of each key together, in ascending order.
struct __align__(16) HashSlot {
    unsigned long long key;
    unsigned int count;
    unsigned int rows;
};

// What a probe needs: the slots (a power of two of them) and the row array, both read-only once built.
struct HashTableView {
    const HashSlot* slots;
    const unsigned int* rows;
    unsigned long long mask;  // slot count - 1
};

// The build rows holding one probe key; count 0 when there are none.
struct HashMatches {
    unsigned int count;
    unsigned int rows;
};

// Walks from the key's home slot to its slot or to the first empty one; a table never more than half full always
// has an empty slot, so the walk ends.
__device__ __forceinline__ HashMatches hash_table_find(const HashTableView& table, unsigned long long key) {
    unsigned long long slot = hash_mix(key) & table.mask;
    for (;;) {
        const HashSlot found = table.slots[slot];
        if (found.count == 0) {
            return HashMatches{0, 0};
        }
        if (found.key == key) {
            return HashMatches{found.count, found.rows};
        }
        slot = (slot + 1) & table.mask;
    }
}

// The j-th (0 <= j < matches.count) build row holding the key, in ascending row order.
__device__ __forceinline__ unsigned int hash_table_match(const HashTableView& table, const HashMatches& matches,
                                                         unsigned int j) {
    return matches.count == 1 ? matches.rows : table.rows[matches.rows + j];
}
