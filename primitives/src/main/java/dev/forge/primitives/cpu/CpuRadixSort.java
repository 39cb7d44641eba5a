package dev.forge.primitives.cpu;

import static dev.forge.primitives.cpu.Segments.INT;
import static dev.forge.primitives.cpu.Segments.LONG;

import dev.forge.primitives.ElementType;
import dev.forge.primitives.SortOrder;
import dev.forge.primitives.TotalOrder;
import java.lang.foreign.MemorySegment;

/**
 * Stable least-significant-digit radix sort of keys, key-value pairs and argsort, for every {@link ElementType}, in
 * either direction of the {@link TotalOrder} (so -0.0 sorts before +0.0 and NaNs, which come out canonical, after
 * +Infinity when ascending).
 *
 * <p>Keys are mapped to unsigned integers that order like the keys; the sort subtracts the smallest of them and
 * sorts only the 8-bit digits the remaining range needs, skipping any pass whose digit is the same for every key;
 * when that range fits in 32 bits (all 32-bit key types, and narrow 64-bit ranges) it sorts int offsets instead.
 * Each pass counts digits per morsel, turns the counts into per-morsel write offsets (digit-major, morsel-minor,
 * which keeps the sort stable) and scatters the morsels in parallel. Inputs hold at most 2^31 - 16 elements.
 */
public final class CpuRadixSort {

    private static final int DIGIT_BITS = 8;
    private static final int RADIX = 1 << DIGIT_BITS;
    private static final int MAX_ELEMENTS = Integer.MAX_VALUE - 16;

    private final CpuWorkers workers;

    public CpuRadixSort(CpuWorkers workers) {
        this.workers = workers;
    }

    /** Writes {@code keys} in sorted order to {@code sortedKeys} (which may be {@code keys}). */
    public void sortKeys(MemorySegment keys, ElementType keyType, SortOrder order, MemorySegment sortedKeys) {
        int n = elementCount(keys, keyType);
        Segments.requireCapacity(sortedKeys, n, keyType.byteSize(), "sortedKeys");
        long[] orderedKeys = orderedKeys(keys, keyType, order);
        long[] sorted = sort(orderedKeys, null).keys();
        writeKeys(sorted, keyType, order, sortedKeys);
    }

    /**
     * Sorts {@code keys} and moves each value with its key; values are INT32 or INT64 (any 4- or 8-byte payload,
     * typically row indices). The outputs may be the inputs.
     */
    public void sortPairs(MemorySegment keys, ElementType keyType, MemorySegment values, ElementType valueType,
                          SortOrder order, MemorySegment sortedKeys, MemorySegment sortedValues) {
        int n = elementCount(keys, keyType);
        Segments.requireSameCount(n, Segments.count(values, valueType, "values"), "values");
        Segments.requireCapacity(sortedKeys, n, keyType.byteSize(), "sortedKeys");
        Segments.requireCapacity(sortedValues, n, valueType.byteSize(), "sortedValues");
        long[] orderedKeys = orderedKeys(keys, keyType, order);
        if (valueType.byteSize() == 4) {
            int[] payload = values.asSlice(0, 4L * n).toArray(INT);
            Sorted sorted = sort(orderedKeys, payload);
            writeKeys(sorted.keys(), keyType, order, sortedKeys);
            MemorySegment.copy(sorted.payload(), 0, sortedValues, INT, 0, n);
        } else {
            // 8-byte values ride along as row numbers and are gathered once at the end
            Sorted sorted = sort(orderedKeys, identity(n));
            writeKeys(sorted.keys(), keyType, order, sortedKeys);
            int[] rows = sorted.payload();
            Morsels morsels = Morsels.of(n);
            long[] gathered = new long[n];
            workers.forEach(morsels.count(), m -> {
                for (int i = (int) morsels.start(m); i < morsels.end(m); i++) {
                    gathered[i] = values.getAtIndex(LONG, rows[i]);
                }
            });
            MemorySegment.copy(gathered, 0, sortedValues, LONG, 0, n);
        }
    }

    /** Writes the permutation that sorts {@code keys} (stable) to {@code indices}, as INT32 or INT64 row numbers. */
    public void argsort(MemorySegment keys, ElementType keyType, SortOrder order, MemorySegment indices,
                        ElementType indexType) {
        int n = elementCount(keys, keyType);
        requireIndexType(indexType);
        Segments.requireCapacity(indices, n, indexType.byteSize(), "indices");
        int[] rows = sort(orderedKeys(keys, keyType, order), identity(n)).payload();
        if (indexType == ElementType.INT32) {
            MemorySegment.copy(rows, 0, indices, INT, 0, n);
        } else {
            Morsels morsels = Morsels.of(n);
            workers.forEach(morsels.count(), m -> {
                for (long i = morsels.start(m); i < morsels.end(m); i++) {
                    indices.setAtIndex(LONG, i, rows[(int) i]);
                }
            });
        }
    }

    /** Sorts a copy of {@code keys}: the array convenience form of {@link #sortKeys}. */
    public long[] sortedInt64(long[] keys, SortOrder order) {
        long[] sorted = keys.clone();
        MemorySegment segment = MemorySegment.ofArray(sorted);
        sortKeys(segment, ElementType.INT64, order, segment);
        return sorted;
    }

    private static void requireIndexType(ElementType indexType) {
        if (indexType != ElementType.INT32 && indexType != ElementType.INT64) {
            throw new IllegalArgumentException("indexType must be INT32 or INT64, got " + indexType);
        }
    }

    private static int elementCount(MemorySegment keys, ElementType keyType) {
        long n = Segments.count(keys, keyType, "keys");
        if (n > MAX_ELEMENTS) {
            throw new IllegalArgumentException("keys holds " + n + " elements; the CPU sort handles at most "
                    + MAX_ELEMENTS + ": sort partitions of the input and merge them");
        }
        return (int) n;
    }

    private static int[] identity(int n) {
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        return rows;
    }

    /** The keys as unsigned integers whose ascending order is the requested order. */
    private long[] orderedKeys(MemorySegment keys, ElementType keyType, SortOrder order) {
        int n = (int) Segments.count(keys, keyType, "keys");
        long[] ordered = new long[n];
        Morsels morsels = Morsels.of(n);
        long flip = switch (order) {
            case ASCENDING -> 0L;
            case DESCENDING -> -1L;
        };
        int width = keyType.byteSize();
        workers.forEach(morsels.count(), m -> {
            for (int i = (int) morsels.start(m); i < morsels.end(m); i++) {
                ordered[i] = TotalOrder.unsignedKey(keyType, Segments.rawBits(keys, width, i)) ^ flip;
            }
        });
        return ordered;
    }

    private void writeKeys(long[] sorted, ElementType keyType, SortOrder order, MemorySegment output) {
        long flip = switch (order) {
            case ASCENDING -> 0L;
            case DESCENDING -> -1L;
        };
        int width = keyType.byteSize();
        Morsels morsels = Morsels.of(sorted.length);
        workers.forEach(morsels.count(), m -> {
            for (int i = (int) morsels.start(m); i < morsels.end(m); i++) {
                Segments.setRawBits(output, width, i, TotalOrder.rawBitsOfUnsignedKey(keyType, sorted[i] ^ flip));
            }
        });
    }

    private record Sorted(long[] keys, int[] payload) {
    }

    /** Sorts unsigned {@code keys} (and {@code payload}, when not null) stably; may return the scratch arrays. */
    private Sorted sort(long[] keys, int[] payload) {
        int n = keys.length;
        Morsels morsels = Morsels.of(n);
        int morselCount = morsels.count();
        long[] partialMin = new long[morselCount];
        long[] partialMax = new long[morselCount];
        workers.forEach(morselCount, m -> {
            long min = -1L;
            long max = 0L;
            for (int i = (int) morsels.start(m); i < morsels.end(m); i++) {
                if (Long.compareUnsigned(keys[i], min) < 0) {
                    min = keys[i];
                }
                if (Long.compareUnsigned(keys[i], max) > 0) {
                    max = keys[i];
                }
            }
            partialMin[m] = min;
            partialMax[m] = max;
        });
        long min = -1L;
        long max = 0L;
        for (int m = 0; m < morselCount; m++) {
            min = Long.compareUnsigned(partialMin[m], min) < 0 ? partialMin[m] : min;
            max = Long.compareUnsigned(partialMax[m], max) > 0 ? partialMax[m] : max;
        }
        if (n <= 1 || min == max) {
            return new Sorted(keys, payload);
        }
        int significantBits = 64 - Long.numberOfLeadingZeros(max - min);
        if (significantBits <= 32) {
            return sortNarrow(keys, payload, min, significantBits);
        }
        long[] sourceKeys = keys;
        long[] targetKeys = new long[n];
        int[] sourcePayload = payload;
        int[] targetPayload = payload == null ? null : new int[n];
        int[][] counts = new int[morselCount][];
        for (int shift = 0; shift < significantBits; shift += DIGIT_BITS) {
            final int digitShift = shift;
            final long base = min;
            final long[] from = sourceKeys;
            workers.forEach(morselCount, m -> {
                int[] histogram = new int[RADIX];
                for (int i = (int) morsels.start(m); i < morsels.end(m); i++) {
                    histogram[(int) (((from[i] - base) >>> digitShift) & (RADIX - 1))]++;
                }
                counts[m] = histogram;
            });
            if (digitIsConstant(counts, n)) {
                continue;
            }
            toWriteOffsets(counts);
            final long[] to = targetKeys;
            final int[] fromPayload = sourcePayload;
            final int[] toPayload = targetPayload;
            workers.forEach(morselCount, m -> {
                int[] next = counts[m];
                for (int i = (int) morsels.start(m); i < morsels.end(m); i++) {
                    long key = from[i];
                    int position = next[(int) (((key - base) >>> digitShift) & (RADIX - 1))]++;
                    to[position] = key;
                    if (fromPayload != null) {
                        toPayload[position] = fromPayload[i];
                    }
                }
            });
            targetKeys = sourceKeys;
            sourceKeys = to;
            targetPayload = sourcePayload;
            sourcePayload = toPayload;
        }
        return new Sorted(sourceKeys, sourcePayload);
    }

    /**
     * Sorts keys whose range (max - min) fits in 32 bits, as int offsets from {@code min}: every 32-bit key type, and
     * 64-bit keys with a narrow range, move half the bytes per pass. Rewrites {@code keys} with the sorted keys.
     */
    private Sorted sortNarrow(long[] keys, int[] payload, long min, int significantBits) {
        int n = keys.length;
        Morsels morsels = Morsels.of(n);
        int morselCount = morsels.count();
        int[] offsets = new int[n];
        workers.forEach(morselCount, m -> {
            int end = (int) morsels.end(m);
            for (int i = (int) morsels.start(m); i < end; i++) {
                offsets[i] = (int) (keys[i] - min);
            }
        });
        int[] sourceKeys = offsets;
        int[] targetKeys = new int[n];
        int[] sourcePayload = payload;
        int[] targetPayload = payload == null ? null : new int[n];
        int[][] counts = new int[morselCount][];
        for (int shift = 0; shift < significantBits; shift += DIGIT_BITS) {
            final int digitShift = shift;
            final int[] from = sourceKeys;
            workers.forEach(morselCount, m -> {
                int[] histogram = new int[RADIX];
                int end = (int) morsels.end(m);
                for (int i = (int) morsels.start(m); i < end; i++) {
                    histogram[(from[i] >>> digitShift) & (RADIX - 1)]++;
                }
                counts[m] = histogram;
            });
            if (digitIsConstant(counts, n)) {
                continue;
            }
            toWriteOffsets(counts);
            final int[] to = targetKeys;
            final int[] fromPayload = sourcePayload;
            final int[] toPayload = targetPayload;
            workers.forEach(morselCount, m -> {
                int[] next = counts[m];
                int end = (int) morsels.end(m);
                if (fromPayload == null) {
                    for (int i = (int) morsels.start(m); i < end; i++) {
                        int key = from[i];
                        to[next[(key >>> digitShift) & (RADIX - 1)]++] = key;
                    }
                } else {
                    for (int i = (int) morsels.start(m); i < end; i++) {
                        int key = from[i];
                        int position = next[(key >>> digitShift) & (RADIX - 1)]++;
                        to[position] = key;
                        toPayload[position] = fromPayload[i];
                    }
                }
            });
            targetKeys = sourceKeys;
            sourceKeys = to;
            targetPayload = sourcePayload;
            sourcePayload = toPayload;
        }
        final int[] sorted = sourceKeys;
        workers.forEach(morselCount, m -> {
            int end = (int) morsels.end(m);
            for (int i = (int) morsels.start(m); i < end; i++) {
                keys[i] = min + (sorted[i] & 0xFFFF_FFFFL);
            }
        });
        return new Sorted(keys, sourcePayload);
    }

    /** Turns per-morsel digit counts into each morsel's first write position per digit: digit-major, so stable. */
    private static void toWriteOffsets(int[][] counts) {
        int running = 0;
        for (int digit = 0; digit < RADIX; digit++) {
            for (int[] histogram : counts) {
                int count = histogram[digit];
                histogram[digit] = running;
                running += count;
            }
        }
    }

    private static boolean digitIsConstant(int[][] counts, int n) {
        for (int digit = 0; digit < RADIX; digit++) {
            int total = 0;
            for (int[] histogram : counts) {
                total += histogram[digit];
            }
            if (total == n) {
                return true;
            }
            if (total != 0) {
                return false;
            }
        }
        return false;
    }
}
