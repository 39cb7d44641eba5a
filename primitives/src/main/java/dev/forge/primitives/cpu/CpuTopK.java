package dev.forge.primitives.cpu;

import static dev.forge.primitives.cpu.Segments.LONG;

import dev.forge.primitives.ElementType;
import dev.forge.primitives.SortOrder;
import dev.forge.primitives.TotalOrder;
import java.lang.foreign.MemorySegment;

/**
 * Top-k selection: the k smallest ({@link SortOrder#ASCENDING}) or largest ({@link SortOrder#DESCENDING}) elements
 * under the {@link TotalOrder}, with their indices, sorted in that order; among equal values the smaller index comes
 * first (and wins a place at the cut-off).
 *
 * <p>Each thread keeps a bounded heap of its best k candidates for a chunk of the input, rejecting most elements with
 * one comparison against the heap's worst; the chunk heaps are then merged. The answer is a function of the input
 * alone, so it is the same for any thread count.
 */
public final class CpuTopK {

    public static final int MAX_K = 4096;

    private final CpuWorkers workers;

    public CpuTopK(CpuWorkers workers) {
        this.workers = workers;
    }

    /**
     * Writes the top {@code min(k, n)} values to {@code topValues} (same type as {@code values}) and their indices
     * to {@code topIndices} (INT64); returns how many were written.
     */
    public int topK(MemorySegment values, ElementType type, int k, SortOrder order, MemorySegment topValues,
                    MemorySegment topIndices) {
        if (k < 0 || k > MAX_K) {
            throw new IllegalArgumentException("k must be between 0 and " + MAX_K + ", got " + k);
        }
        long n = Segments.count(values, type, "values");
        int resultCount = (int) Math.min(k, n);
        Segments.requireCapacity(topValues, resultCount, type.byteSize(), "topValues");
        Segments.requireCapacity(topIndices, resultCount, 8, "topIndices");
        if (resultCount == 0) {
            return 0;
        }
        // every element becomes an unsigned rank key, smaller is better, so one heap type serves both orders
        long flip = switch (order) {
            case ASCENDING -> 0L;
            case DESCENDING -> -1L;
        };
        int width = type.byteSize();
        long chunkSize = Math.max(Morsels.DEFAULT_SIZE,
                (n + 4L * workers.parallelism() - 1) / (4L * workers.parallelism()));
        Morsels chunks = new Morsels(n, chunkSize);
        BoundedHeap[] heaps = new BoundedHeap[chunks.count()];
        workers.forEach(chunks.count(), c -> {
            BoundedHeap heap = new BoundedHeap(resultCount);
            for (long i = chunks.start(c); i < chunks.end(c); i++) {
                long key = TotalOrder.unsignedKey(type, Segments.rawBits(values, width, i)) ^ flip;
                heap.offer(key, i);
            }
            heaps[c] = heap;
        });
        BoundedHeap merged = new BoundedHeap(resultCount);
        for (BoundedHeap heap : heaps) {
            for (int j = 0; j < heap.size; j++) {
                merged.offer(heap.keys[j], heap.indices[j]);
            }
        }
        merged.sortBestFirst();
        for (int j = 0; j < resultCount; j++) {
            long index = merged.indices[j];
            Segments.setRawBits(topValues, width, j, Segments.rawBits(values, width, index));
            topIndices.setAtIndex(LONG, j, index);
        }
        return resultCount;
    }

    /** A max-heap on (key unsigned, index) holding the best {@code capacity} pairs seen; the root is the worst kept. */
    private static final class BoundedHeap {
        final long[] keys;
        final long[] indices;
        int size;

        BoundedHeap(int capacity) {
            keys = new long[capacity];
            indices = new long[capacity];
        }

        void offer(long key, long index) {
            if (size < keys.length) {
                keys[size] = key;
                indices[size] = index;
                siftUp(size++);
            } else if (worse(keys[0], indices[0], key, index)) {
                keys[0] = key;
                indices[0] = index;
                siftDown(0, size);
            }
        }

        /** Heap sort in place: repeatedly moves the worst to the end, leaving the array best first. */
        void sortBestFirst() {
            for (int end = size - 1; end > 0; end--) {
                swap(0, end);
                siftDown(0, end);
            }
        }

        private static boolean worse(long keyA, long indexA, long keyB, long indexB) {
            int byKey = Long.compareUnsigned(keyA, keyB);
            return byKey > 0 || (byKey == 0 && indexA > indexB);
        }

        private void siftUp(int position) {
            while (position > 0) {
                int parent = (position - 1) >>> 1;
                if (!worse(keys[position], indices[position], keys[parent], indices[parent])) {
                    return;
                }
                swap(position, parent);
                position = parent;
            }
        }

        private void siftDown(int position, int end) {
            while (true) {
                int worst = position;
                int left = 2 * position + 1;
                int right = left + 1;
                if (left < end && worse(keys[left], indices[left], keys[worst], indices[worst])) {
                    worst = left;
                }
                if (right < end && worse(keys[right], indices[right], keys[worst], indices[worst])) {
                    worst = right;
                }
                if (worst == position) {
                    return;
                }
                swap(position, worst);
                position = worst;
            }
        }

        private void swap(int a, int b) {
            long key = keys[a];
            keys[a] = keys[b];
            keys[b] = key;
            long index = indices[a];
            indices[a] = indices[b];
            indices[b] = index;
        }
    }
}
