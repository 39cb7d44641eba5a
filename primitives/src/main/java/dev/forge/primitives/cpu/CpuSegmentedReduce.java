package dev.forge.primitives.cpu;

import static dev.forge.primitives.cpu.Segments.LONG;

import dev.forge.primitives.ElementType;
import dev.forge.primitives.ReduceOperator;
import dev.forge.primitives.SegmentedSumOrder;
import dev.forge.primitives.TotalOrder;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * Segmented reduce (one result per segment given by offsets) and reduce-by-key (one result per run of equal
 * consecutive keys) over INT32, INT64, FLOAT32 or FLOAT64 values; each result has the values' type.
 *
 * <p>Small segments are grouped into tasks of about one morsel of elements, so a million tiny segments cost no more
 * than one pass; a segment larger than {@link #HUGE_SEGMENT} elements is itself reduced by all threads. Integer sums
 * wrap in two's complement (use {@link CpuReduce} for an exact total). Floating sums add in the order of a
 * {@link SegmentedSumOrder} ({@link SegmentedSumOrder#GPU} unless given), the order the GPU kernels follow, so the
 * two agree bit for bit; a NaN sum is the canonical NaN, because which payload survives depends on operand order.
 * MIN and MAX use the {@link TotalOrder}. An empty segment gets the operator's identity: 0, the type's largest value
 * (NaN) for MIN, its smallest (-Infinity) for MAX.
 */
public final class CpuSegmentedReduce {

    static final long HUGE_SEGMENT = 4 * Morsels.DEFAULT_SIZE;

    private final CpuWorkers workers;
    private final SegmentedSumOrder sumOrder;

    public CpuSegmentedReduce(CpuWorkers workers) {
        this(workers, SegmentedSumOrder.GPU);
    }

    /** Adds floating-point values in {@code sumOrder}: a GPU kernel built with other tile sizes needs its own. */
    public CpuSegmentedReduce(CpuWorkers workers, SegmentedSumOrder sumOrder) {
        this.workers = workers;
        this.sumOrder = sumOrder;
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
        Segments.requireCapacity(results, segmentCount, valueType.byteSize(), "results");
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
            Segments.requireCapacity(results, runCount, valueType.byteSize(), "results");
            new CpuGather(workers).gather(keys, keyType, runStarts.asSlice(0, 8 * runCount), ElementType.INT64,
                    uniqueKeys);
            reduceSegments(values, valueType, runStarts, runCount, n, operator, results);
            return runCount;
        }
    }

    private static void requireValueType(ElementType valueType) {
        switch (valueType) {
            case INT32, INT64, FLOAT32, FLOAT64 -> {
            }
            case UINT32, UINT64 -> throw new IllegalArgumentException(
                    "valueType must be INT32, INT64, FLOAT32 or FLOAT64, got " + valueType);
        }
    }

    /** Reduces one range of values; the same object serves every thread. */
    private interface RangeReducer {
        long reduce(MemorySegment values, long start, long end);
    }

    private void reduceSegments(MemorySegment values, ElementType valueType, MemorySegment offsets, long segmentCount,
                                long n, ReduceOperator operator, MemorySegment results) {
        int width = valueType.byteSize();
        boolean floatingSum = operator == ReduceOperator.SUM
                && (valueType == ElementType.FLOAT32 || valueType == ElementType.FLOAT64);
        HierarchicalSum sum = floatingSum ? new HierarchicalSum(sumOrder, valueType) : null;
        ExactReduction exact = floatingSum ? null : new ExactReduction(valueType, operator);
        RangeReducer reducer = floatingSum ? sum::sum : exact::reduce;

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
                Segments.setRawBits(results, width, s, reducer.reduce(values, start, end));
            }
        });
        for (long s : hugeSegments) {
            long start = offsets.getAtIndex(LONG, s);
            long end = offsets.getAtIndex(LONG, s + 1);
            long result = floatingSum ? hugeSum(values, start, end, sum) : hugeExact(values, start, end, exact);
            Segments.setRawBits(results, width, s, result);
        }
    }

    /** A huge floating sum: the pieces of the tiles it touches in parallel, then those added in order. */
    private long hugeSum(MemorySegment values, long start, long end, HierarchicalSum sum) {
        long tile = sum.tileSize();
        long firstTile = start / tile;
        long tileCount = (end - 1) / tile - firstTile + 1;
        long[] pieces = new long[Math.toIntExact(tileCount)];
        Morsels chunks = new Morsels(tileCount, Math.max(1, Morsels.DEFAULT_SIZE / tile));
        workers.forEach(chunks.count(), c -> {
            for (long t = chunks.start(c); t < chunks.end(c); t++) {
                long tileStart = (firstTile + t) * tile;
                pieces[(int) t] = sum.tilePiece(values, Math.max(start, tileStart), Math.min(end, tileStart + tile));
            }
        });
        return sum.foldTilePieces(pieces);
    }

    /** A huge order-independent reduction: morsel partials in parallel, then combined. */
    private long hugeExact(MemorySegment values, long start, long end, ExactReduction exact) {
        Morsels morsels = Morsels.of(end - start);
        long[] partial = new long[morsels.count()];
        workers.forEach(morsels.count(), m -> partial[m] = exact.reduce(values, start + morsels.start(m),
                start + morsels.end(m)));
        long result = exact.identity();
        for (long value : partial) {
            result = exact.combine(result, value);
        }
        return result;
    }
}
