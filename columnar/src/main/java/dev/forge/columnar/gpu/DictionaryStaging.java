package dev.forge.columnar.gpu;

/**
 * How a dictionary decode kernel of {@code decode.cu} is launched: how many entries each CTA copies into shared
 * memory, the CTA size, and the dynamic shared memory that takes. A small dictionary is staged whole by CTAs of 256
 * threads, several per multiprocessor. A large one is staged as far as shared memory allows by one CTA of 1024
 * threads per multiprocessor, and codes past the staged part are read through the read-only cache: with 64K
 * entries about three quarters of the lookups stay in shared memory instead of all of them gathering from L2.
 *
 * @param stagedEntries the dictionary's first entries that each CTA copies to shared memory
 * @param threads threads per CTA
 * @param sharedMemoryBytes dynamic shared memory per CTA: the warps' code tiles, then the staged entries
 */
record DictionaryStaging(int stagedEntries, int threads, int sharedMemoryBytes) {
    /** Dictionaries of at most this many bytes are staged whole by small CTAs. */
    static final int SMALL_DICTIONARY_BYTES = 32 << 10;
    static final int SMALL_THREADS = 256;
    static final int LARGE_THREADS = 1024;
    /** Each warp's tile of codes: kPassItems 4-byte codes (warp_tiles.cuh). */
    static final int TILE_BYTES_PER_WARP = 8 * 32 * 4;

    /**
     * The staging for {@code entries} values of {@code valueBytes} each on a device whose CTAs may use up to
     * {@code sharedMemoryPerBlockOptIn} bytes of shared memory.
     */
    static DictionaryStaging plan(int entries, int valueBytes, int sharedMemoryPerBlockOptIn) {
        long dictionaryBytes = (long) entries * valueBytes;
        if (dictionaryBytes <= SMALL_DICTIONARY_BYTES) {
            return new DictionaryStaging(entries, SMALL_THREADS, tileBytes(SMALL_THREADS) + (int) dictionaryBytes);
        }
        int room = sharedMemoryPerBlockOptIn - tileBytes(LARGE_THREADS);
        if (room < 0) {
            throw new IllegalStateException("a " + LARGE_THREADS + "-thread dictionary CTA needs "
                    + tileBytes(LARGE_THREADS) + " bytes of shared memory for its tiles; the device allows "
                    + sharedMemoryPerBlockOptIn);
        }
        int staged = (int) Math.min(entries, room / valueBytes);
        return new DictionaryStaging(staged, LARGE_THREADS, tileBytes(LARGE_THREADS) + staged * valueBytes);
    }

    private static int tileBytes(int threads) {
        return threads / 32 * TILE_BYTES_PER_WARP;
    }
}
