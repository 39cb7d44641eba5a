package dev.forge.primitives.cpu;

/**
 * Fixed-size slices of an input, the unit of parallel work; their boundaries depend only on the element count, which
 * makes floating-point results and output orders independent of the number of threads.
 */
record Morsels(long elementCount, long morselSize) {

    /** 64 Ki elements: big enough to amortize a task, small enough to balance 2^20 elements over many cores. */
    static final long DEFAULT_SIZE = 1L << 16;

    static Morsels of(long elementCount) {
        return new Morsels(elementCount, DEFAULT_SIZE);
    }

    int count() {
        long count = (elementCount + morselSize - 1) / morselSize;
        if (count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("input of " + elementCount + " elements is too large to split");
        }
        return (int) count;
    }

    long start(int morsel) {
        return morsel * morselSize;
    }

    long end(int morsel) {
        return Math.min(elementCount, (morsel + 1) * morselSize);
    }
}
