// The hash every Forge hash table uses on its (widened) keys: the murmur3 64-bit finalizer, under which every key bit
// moves every hash bit, so the low bits pick slots well even for keys that differ only in their high bits.
#pragma once

__device__ __forceinline__ unsigned long long hash_mix(unsigned long long key) {
    key ^= key >> 33;
    key *= 0xff51afd7ed558ccdULL;
    key ^= key >> 33;
    key *= 0xc4ceb9fe1a85ec53ULL;
    key ^= key >> 33;
    return key;
}
