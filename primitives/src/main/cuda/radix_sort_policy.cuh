// The tuning policy of the radix sort (radix_sort.cu): the one place that says how wide the blocks are and how many
// keys each thread holds. GpuRadixSort.java reads these values from the module (kernel radix_sort_policy) instead
// of repeating them, so retuning on the device means editing this file only.
#pragma once

namespace radix_sort_policy {

// Bits per digit: 256 counters per digit place. The ranking code assumes 8.
constexpr int DIGIT_BITS = 8;
constexpr int RADIX = 1 << DIGIT_BITS;

// Threads of one onesweep block (a multiple of 32, at least RADIX: thread d owns digit d in the look-back).
constexpr int THREADS = 256;
// Keys per thread in one onesweep tile. The tile's keys, or its values, pass through shared memory once, so
// THREADS * ITEMS * max(key bytes, value bytes) must stay under the 48 KiB of static shared memory with the
// per-warp digit counters (8 KiB at 8 warps) beside it.
#ifndef FORGE_RADIX_SORT_SMALL_TILES
constexpr int ITEMS_4_BYTE_KEYS = 16;
constexpr int ITEMS_8_BYTE_KEYS = 12;
#else
// The CPU emulation's tiles (src/test/emulation): the same code over a few keys per thread, so that its tests cross
// many tile boundaries in seconds. Never set for a GPU build.
constexpr int ITEMS_4_BYTE_KEYS = 3;
constexpr int ITEMS_8_BYTE_KEYS = 2;
#endif

// The upsweep histogram: block width, the fewest keys a thread counts (it loops over the input with a grid stride,
// so this only sizes the grid), and how many blocks per multiprocessor the grid is capped at.
constexpr int HISTOGRAM_THREADS = 256;
constexpr int HISTOGRAM_ITEMS = 16;
constexpr int HISTOGRAM_BLOCKS_PER_MULTIPROCESSOR = 4;

// The most digit places a sort has: 64-bit keys.
constexpr int MAX_DIGIT_PLACES = 64 / DIGIT_BITS;

template <int KEY_BYTES>
struct Tile {
    static constexpr int ITEMS = KEY_BYTES == 4 ? ITEMS_4_BYTE_KEYS : ITEMS_8_BYTE_KEYS;
    static constexpr int SIZE = THREADS * ITEMS;
};

static_assert(THREADS % 32 == 0 && THREADS >= RADIX && THREADS <= 1024, "onesweep block width");
static_assert(HISTOGRAM_THREADS % 32 == 0 && HISTOGRAM_THREADS >= RADIX, "histogram block width");
static_assert(DIGIT_BITS == 8, "the ranking matches 8 digit bits with 8 ballots");

}  // namespace radix_sort_policy
