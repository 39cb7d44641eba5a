// The tile geometry of the segmented kernels (run_length.cu and segmented_reduce.cu): how wide a block is and how
// many consecutive values each thread holds. It also fixes the order in which segmented sums add floating-point
// values (SegmentedSumOrder.java, whose GPU constant must equal the values here), so retuning it changes floating
// sums in their last bits. GpuRunLength and GpuSegmentedReduce read it from the module (kernels *_read_policy).
#pragma once

namespace segment_policy {

#ifndef FORGE_SEGMENTS_SMALL_TILES
constexpr int THREADS = 256;
constexpr int ITEMS_4_BYTE = 16;  // 64 bytes of values per thread, as in scan.cu and select.cu
constexpr int ITEMS_8_BYTE = 8;
#else
// The CPU emulation's tiles (src/test/emulation): the same code over three warps and a few values per thread, so
// that its tests cross many groups, warps and tiles in seconds. Never set for a GPU build.
constexpr int THREADS = 96;
constexpr int ITEMS_4_BYTE = 3;
constexpr int ITEMS_8_BYTE = 2;
#endif

constexpr int WARPS = THREADS / 32;

// How many words write_policy writes: SegmentPolicy.java reads them in this order.
constexpr int POLICY_WORDS = 3;

template <int BYTES>
struct Tile {
    static_assert(BYTES == 4 || BYTES == 8, "4- or 8-byte elements");
    static constexpr int ITEMS = BYTES == 4 ? ITEMS_4_BYTE : ITEMS_8_BYTE;
    static constexpr int SIZE = THREADS * ITEMS;
};

__device__ __forceinline__ void write_policy(int* words) {
    words[0] = THREADS;
    words[1] = ITEMS_4_BYTE;
    words[2] = ITEMS_8_BYTE;
}

// A thread's flags for its items, plus one for the item after them, fit one 32-bit word.
static_assert(ITEMS_4_BYTE < 32 && ITEMS_8_BYTE < 32, "at most 31 items per thread");
static_assert(THREADS % 32 == 0 && WARPS <= 32, "whole warps, at most 32 of them");

}  // namespace segment_policy
