package dev.forge.primitives.cpu;

import static dev.forge.primitives.cpu.Segments.DOUBLE;
import static dev.forge.primitives.cpu.Segments.LONG;

import dev.forge.primitives.ElementType;
import dev.forge.primitives.ReduceOperator;
import dev.forge.primitives.TotalOrder;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * Segmented reduce (one result per segment given by offsets) and reduce-by-key (one result per run of equal
 * consecutive keys) over INT64 or FLOAT64 values.
 *
 * <p>Small segments are grouped into tasks of about one morsel of elements, so a million tiny segments cost no more
 * than one pass; a segment larger than {@link #HUGE_SEGMENT} elements is itself reduced by all threads. Integer sums
 * wrap in two's complement (use {@link CpuReduce#sumInt64} for an exact total); floating sums follow a fixed order
 * (left to right in small segments, morsel partials as a balanced tree in huge ones) and a NaN sum is the canonical
 * NaN, because the JIT may swap the operands of an add and so the payload that survives; MIN and MAX use the
 * {@link TotalOrder}. An empty segment gets the operator's identity: 0, the type's largest value (NaN) for MIN, its
 * smallest (-Infinity) for MAX.
 */
public final class CpuSegmentedReduce {

    static final long HUGE_SEGMENT = 4 * Morsels.DEFAULT_SIZE;

    private final CpuWorkers workers;

    public CpuSegmentedReduce(CpuWorkers workers) {
        this.workers = workers;
    }

    /**
     * Reduces {@code values[offsets[s] .. offsets[s + 1])} into {@code results[s]} for every segment {@code s}; the
     * INT64 {@code offsets} hold one more entry than there are segments and never decrease.
     */
    public void segmentedReduce(MemorySegment values, ElementType valueType, MemorySegment offsets,
                                ReduceOperator operator, MemorySegment results) {
        requireValueType(valueType);
        long n = Segments.count(values, valueType, "values");
        long offsetCount = Segments.count(offsets, ElementType.INT64, "offsets");
        if (offsetCount == 0) {
            throw new IllegalArgumentException("offsets must hold at least one entry (segment count + 1), got none");
        }
        long segmentCount = offsetCount - 1;
        Segments.requireCapacity(results, segmentCount, 8, "results");
        reduceSegments(values, valueType, offsets, segmentCount, n, operator, results);
    }

    /**
     * Writes one key per run of equal consecutive keys (bitwise equality, any key type) to {@code uniqueKeys} and the
     * reduction of the run's values to {@code results}; returns the number of runs.
     */
    public long reduceByKey(MemorySegment keys, ElementType keyType, MemorySegment values, ElementType valueType,
                            ReduceOperator operator, MemorySegment uniqueKeys, MemorySegment results) {
        requireValueType(valueType);
        long n = Segments.count(keys, keyType, "keys");
        Segments.requireSameCount(n, Segments.count(values, valueType, "values"), "values");
        try (Arena scratch = Arena.ofShared()) {
            MemorySegment runStarts = scratch.allocate(8 * (n + 1), 8);
            long runCount = new CpuRunLength(workers).runOffsets(keys, keyType.byteSize(), runStarts);
            Segments.requireCapacity(uniqueKeys, runCount, keyType.byteSize(), "uniqueKeys");
            Segments.requireCapacity(results, runCount, 8, "results");
            new CpuGather(workers).gather(keys, keyType, runStarts.asSlice(0, 8 * runCount), ElementType.INT64,
                    uniqueKeys);
            reduceSegments(values, valueType, runStarts, runCount, n, operator, results);
            return runCount;
        }
    }

    private static void requireValueType(ElementType valueType) {
        if (valueType != ElementType.INT64 && valueType != ElementType.FLOAT64) {
            throw new IllegalArgumentException("valueType must be INT64 or FLOAT64, got " + valueType);
        }
    }

    private void reduceSegments(MemorySegment values, ElementType valueType, MemorySegment offsets, long segmentCount,
                                long n, ReduceOperator operator, MemorySegment results) {
        // tasks of consecutive small segments, cut after about one morsel of elements or segments
        List<long[]> smallTasks = new ArrayList<>();
        List<Long> hugeSegments = new ArrayList<>();
        long taskStart = 0;
        long taskElements = 0;
        long previousEnd = segmentCount == 0 ? 0 : offsets.getAtIndex(LONG, 0);
        if (previousEnd < 0) {
            throw new IllegalArgumentException("offsets[0] = " + previousEnd + " is negative");
        }
        for (long s = 0; s < segmentCount; s++) {
            long end = offsets.getAtIndex(LONG, s + 1);
            if (end < previousEnd || end > n) {
                throw new IllegalArgumentException("offsets[" + (s + 1) + "] = " + end + " must lie in ["
                        + previousEnd + ", " + n + "]: offsets never decrease and stay within values");
            }
            long length = end - previousEnd;
            previousEnd = end;
            if (length > HUGE_SEGMENT) {
                if (taskStart < s) {
                    smallTasks.add(new long[] {taskStart, s});
                }
                hugeSegments.add(s);
                taskStart = s + 1;
                taskElements = 0;
                continue;
            }
            taskElements += length + 1;
            if (taskElements >= Morsels.DEFAULT_SIZE) {
                smallTasks.add(new long[] {taskStart, s + 1});
                taskStart = s + 1;
                taskElements = 0;
            }
        }
        if (taskStart < segmentCount) {
            smallTasks.add(new long[] {taskStart, segmentCount});
        }
        workers.forEach(smallTasks.size(), t -> {
            for (long s = smallTasks.get(t)[0]; s < smallTasks.get(t)[1]; s++) {
                long start = offsets.getAtIndex(LONG, s);
                long end = offsets.getAtIndex(LONG, s + 1);
                results.setAtIndex(LONG, s, reduceRange(values, valueType, operator, start, end));
            }
        });
        for (long s : hugeSegments) {
            long start = offsets.getAtIndex(LONG, s);
            Morsels morsels = Morsels.of(offsets.getAtIndex(LONG, s + 1) - start);
            long[] partial = new long[morsels.count()];
            workers.forEach(morsels.count(), m -> partial[m] = reduceRange(values, valueType, operator,
                    start + morsels.start(m), start + morsels.end(m)));
            results.setAtIndex(LONG, s, combineTree(partial, 0, partial.length, valueType, operator));
        }
    }

    /** Reduces values[start, end) left to right; doubles travel as their raw bits. */
    private static long reduceRange(MemorySegment values, ElementType valueType, ReduceOperator operator, long start,
                                    long end) {
        if (valueType == ElementType.INT64) {
            long result = identity(valueType, operator);
            switch (operator) {
                case SUM -> {
                    for (long i = start; i < end; i++) {
                        result += values.getAtIndex(LONG, i);
                    }
                }
                case MIN -> {
                    for (long i = start; i < end; i++) {
                        result = Math.min(result, values.getAtIndex(LONG, i));
                    }
                }
                case MAX -> {
                    for (long i = start; i < end; i++) {
                        result = Math.max(result, values.getAtIndex(LONG, i));
                    }
                }
            }
            return result;
        }
        return switch (operator) {
            case SUM -> {
                double sum = 0;
                for (long i = start; i < end; i++) {
                    sum += values.getAtIndex(DOUBLE, i);
                }
                yield Double.doubleToLongBits(sum); // canonical NaN: payloads depend on operand order
            }
            case MIN, MAX -> {
                long key = TotalOrder.signedKeyOfFloat64(Double.longBitsToDouble(identity(valueType, operator)));
                for (long i = start; i < end; i++) {
                    long candidate = TotalOrder.signedKeyOfFloat64(values.getAtIndex(DOUBLE, i));
                    key = operator == ReduceOperator.MIN ? Math.min(key, candidate) : Math.max(key, candidate);
                }
                yield Double.doubleToRawLongBits(TotalOrder.float64OfSignedKey(key));
            }
        };
    }

    private static long combine(long a, long b, ElementType valueType, ReduceOperator operator) {
        if (valueType == ElementType.INT64) {
            return switch (operator) {
                case SUM -> a + b;
                case MIN -> Math.min(a, b);
                case MAX -> Math.max(a, b);
            };
        }
        double x = Double.longBitsToDouble(a);
        double y = Double.longBitsToDouble(b);
        return switch (operator) {
            case SUM -> Double.doubleToLongBits(x + y);
            case MIN -> Double.compare(x, y) <= 0 ? a : b;
            case MAX -> Double.compare(x, y) >= 0 ? a : b;
        };
    }

    private static long combineTree(long[] partial, int from, int to, ElementType valueType, ReduceOperator operator) {
        if (to - from == 1) {
            return partial[from];
        }
        int middle = (from + to) >>> 1;
        return combine(combineTree(partial, from, middle, valueType, operator),
                combineTree(partial, middle, to, valueType, operator), valueType, operator);
    }

    static long identity(ElementType valueType, ReduceOperator operator) {
        if (valueType == ElementType.INT64) {
            return switch (operator) {
                case SUM -> 0L;
                case MIN -> Long.MAX_VALUE;
                case MAX -> Long.MIN_VALUE;
            };
        }
        return switch (operator) {
            case SUM -> Double.doubleToRawLongBits(0.0);
            case MIN -> Double.doubleToRawLongBits(Double.NaN);
            case MAX -> Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY);
        };
    }
}
