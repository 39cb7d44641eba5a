package dev.forge.primitives.gpu;

import java.util.Arrays;

/**
 * The radix sort's tuning policy as compiled into its kernels (radix_sort_policy.cuh is the one place it is set;
 * {@link GpuRadixSort} reads it from the loaded module): block widths, keys per thread, and the histogram's grid cap.
 */
public record GpuRadixSortPolicy(int digitBits, int threads, int itemsFor4ByteKeys, int itemsFor8ByteKeys,
        int histogramThreads, int histogramItems, int histogramBlocksPerMultiprocessor) {

    /** How many words kernel {@code radix_sort_read_policy} writes. */
    static final int WORDS = 7;

    public GpuRadixSortPolicy {
        if (digitBits != 8 || threads <= 0 || threads % 32 != 0 || itemsFor4ByteKeys <= 0 || itemsFor8ByteKeys <= 0
                || histogramThreads <= 0 || histogramThreads % 32 != 0 || histogramItems <= 0
                || histogramBlocksPerMultiprocessor <= 0) {
            throw new IllegalArgumentException("not a usable radix sort policy: " + digitBits + "-bit digits, "
                    + threads + " threads x " + itemsFor4ByteKeys + "/" + itemsFor8ByteKeys + " keys, histogram "
                    + histogramThreads + " threads x " + histogramItems + ", " + histogramBlocksPerMultiprocessor
                    + " blocks per multiprocessor");
        }
    }

    /** The policy from the words kernel {@code radix_sort_read_policy} writes, in its order. */
    static GpuRadixSortPolicy fromWords(int[] words) {
        if (words.length != WORDS) {
            throw new IllegalArgumentException("a radix sort policy has " + WORDS + " words, got " + Arrays.toString(words));
        }
        return new GpuRadixSortPolicy(words[0], words[1], words[2], words[3], words[4], words[5], words[6]);
    }

    public int radix() {
        return 1 << digitBits;
    }

    /** Keys per onesweep tile (one block's share of a pass). */
    public int tileSize(int keyBytes) {
        return threads * (keyBytes == 4 ? itemsFor4ByteKeys : itemsFor8ByteKeys);
    }
}
