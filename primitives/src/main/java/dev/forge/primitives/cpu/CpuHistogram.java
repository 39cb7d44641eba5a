package dev.forge.primitives.cpu;

import static dev.forge.primitives.cpu.Segments.DOUBLE;
import static dev.forge.primitives.cpu.Segments.FLOAT;
import static dev.forge.primitives.cpu.Segments.INT;
import static dev.forge.primitives.cpu.Segments.LONG;

import dev.forge.primitives.ElementType;
import dev.forge.primitives.Histogram;
import java.lang.foreign.MemorySegment;
import java.math.BigInteger;
import java.util.function.LongUnaryOperator;

/**
 * Histograms with even bins over [lower, upper) (2 to 65,536 bins) or with custom sorted bin edges; values outside
 * every bin, and NaNs, are dropped and counted.
 *
 * <p>Integer bins are exact: value {@code x} goes to bin {@code floor((x - lower) * binCount / (upper - lower))}
 * computed without overflow. Floating bins use {@code floor((x - lower) * (binCount / (upper - lower)))} in double
 * precision, clamped to the last bin, the formula the GPU kernel uses too. With custom edges, bin {@code k} holds
 * {@code edges[k] <= x < edges[k + 1]} (numeric comparison, so -0.0 equals +0.0). Each thread counts into its own
 * bins and the counts are added, so the result is exact for any thread count.
 */
public final class CpuHistogram {

    public static final int MIN_BINS = 2;
    public static final int MAX_BINS = 65_536;

    private static final int NO_BIN = -1;

    private final CpuWorkers workers;

    public CpuHistogram(CpuWorkers workers) {
        this.workers = workers;
    }

    /** Even bins over integer values (INT32 or INT64), exact for any range. */
    public Histogram evenBins(MemorySegment values, ElementType type, int binCount, long lower, long upper) {
        requireBinCount(binCount);
        if (lower >= upper) {
            throw new IllegalArgumentException("lower (" + lower + ") must be below upper (" + upper + ")");
        }
        // bin k starts at lower + ceil(k * range / binCount); exact edges let a double estimate be corrected
        BigInteger range = BigInteger.valueOf(upper).subtract(BigInteger.valueOf(lower));
        long[] edges = new long[binCount + 1];
        for (int k = 0; k <= binCount; k++) {
            BigInteger[] quotient = range.multiply(BigInteger.valueOf(k)).divideAndRemainder(BigInteger.valueOf(binCount));
            BigInteger ceiling = quotient[1].signum() == 0 ? quotient[0] : quotient[0].add(BigInteger.ONE);
            edges[k] = BigInteger.valueOf(lower).add(ceiling).longValueExact();
        }
        double scale = binCount / range.doubleValue();
        LongUnaryOperator binOf = x -> {
            if (x < lower || x >= upper) {
                return NO_BIN;
            }
            long offset = x - lower; // unsigned: the range may exceed Long.MAX_VALUE
            double unsignedOffset = offset >= 0 ? offset : offset + 0x1p64;
            long bin = Math.min(binCount - 1, (long) (unsignedOffset * scale));
            while (x < edges[(int) bin]) {
                bin--;
            }
            while (x >= edges[(int) bin + 1]) {
                bin++;
            }
            return bin;
        };
        return count(values, integerType(type), binCount, binOf);
    }

    /** Even bins over floating values (FLOAT32 or FLOAT64). */
    public Histogram evenBins(MemorySegment values, ElementType type, int binCount, double lower, double upper) {
        requireBinCount(binCount);
        if (!(lower < upper) || Double.isInfinite(lower) || Double.isInfinite(upper)) {
            throw new IllegalArgumentException("lower (" + lower + ") and upper (" + upper
                    + ") must be finite with lower below upper");
        }
        double scale = binCount / (upper - lower);
        return countFloating(values, floatingType(type), binCount, x -> {
            if (!(x >= lower && x < upper)) {
                return NO_BIN; // also drops NaN
            }
            return Math.min(binCount - 1, (int) ((x - lower) * scale));
        });
    }

    /** Bins between strictly increasing integer {@code edges} (INT32 or INT64 values). */
    public Histogram customBins(MemorySegment values, ElementType type, long[] edges) {
        requireEdgeCount(edges.length);
        for (int k = 1; k < edges.length; k++) {
            if (edges[k] <= edges[k - 1]) {
                throw new IllegalArgumentException("edges must increase strictly, but edges[" + k + "] = " + edges[k]
                        + " follows " + edges[k - 1]);
            }
        }
        int binCount = edges.length - 1;
        return count(values, integerType(type), binCount, x -> {
            int low = 0;
            int high = edges.length - 1;
            if (x < edges[0] || x >= edges[high]) {
                return NO_BIN;
            }
            while (high - low > 1) { // invariant: edges[low] <= x < edges[high]
                int middle = (low + high) >>> 1;
                if (x >= edges[middle]) {
                    low = middle;
                } else {
                    high = middle;
                }
            }
            return low;
        });
    }

    /** Bins between strictly increasing finite {@code edges} (FLOAT32 or FLOAT64 values). */
    public Histogram customBins(MemorySegment values, ElementType type, double[] edges) {
        requireEdgeCount(edges.length);
        for (int k = 0; k < edges.length; k++) {
            if (Double.isNaN(edges[k]) || (k > 0 && edges[k] <= edges[k - 1])) {
                throw new IllegalArgumentException("edges must increase strictly and not be NaN, but edges[" + k
                        + "] = " + edges[k]);
            }
        }
        int binCount = edges.length - 1;
        return countFloating(values, floatingType(type), binCount, x -> {
            int low = 0;
            int high = edges.length - 1;
            if (!(x >= edges[0] && x < edges[high])) {
                return NO_BIN;
            }
            while (high - low > 1) {
                int middle = (low + high) >>> 1;
                if (x >= edges[middle]) {
                    low = middle;
                } else {
                    high = middle;
                }
            }
            return low;
        });
    }

    private static void requireBinCount(int binCount) {
        if (binCount < MIN_BINS || binCount > MAX_BINS) {
            throw new IllegalArgumentException("binCount must be between " + MIN_BINS + " and " + MAX_BINS + ", got "
                    + binCount);
        }
    }

    private static void requireEdgeCount(int edgeCount) {
        if (edgeCount < 2 || edgeCount > MAX_BINS + 1) {
            throw new IllegalArgumentException("edges must hold between 2 and " + (MAX_BINS + 1)
                    + " entries (one more than the bins), got " + edgeCount);
        }
    }

    private static ElementType integerType(ElementType type) {
        return switch (type) {
            case INT32, INT64 -> type;
            case UINT32, UINT64, FLOAT32, FLOAT64 ->
                    throw new IllegalArgumentException("integer bins need INT32 or INT64 values, got " + type);
        };
    }

    private static ElementType floatingType(ElementType type) {
        return switch (type) {
            case FLOAT32, FLOAT64 -> type;
            case INT32, INT64, UINT32, UINT64 ->
                    throw new IllegalArgumentException("floating bins need FLOAT32 or FLOAT64 values, got " + type);
        };
    }

    /** Maps a value to its bin, or to {@link #NO_BIN}. */
    private interface DoubleBinner {
        int binOf(double value);
    }

    private Histogram count(MemorySegment values, ElementType type, int binCount, LongUnaryOperator binOf) {
        return countChunks(values, type, binCount, (counts, start, end) -> {
            long dropped = 0;
            for (long i = start; i < end; i++) {
                long value = type == ElementType.INT32 ? values.getAtIndex(INT, i) : values.getAtIndex(LONG, i);
                long bin = binOf.applyAsLong(value);
                if (bin == NO_BIN) {
                    dropped++;
                } else {
                    counts[(int) bin]++;
                }
            }
            return dropped;
        });
    }

    private Histogram countFloating(MemorySegment values, ElementType type, int binCount, DoubleBinner binner) {
        return countChunks(values, type, binCount, (counts, start, end) -> {
            long dropped = 0;
            for (long i = start; i < end; i++) {
                double value = type == ElementType.FLOAT32 ? values.getAtIndex(FLOAT, i) : values.getAtIndex(DOUBLE, i);
                int bin = binner.binOf(value);
                if (bin == NO_BIN) {
                    dropped++;
                } else {
                    counts[bin]++;
                }
            }
            return dropped;
        });
    }

    /** Counts one chunk into {@code counts} and returns how many values it dropped. */
    private interface ChunkCounter {
        long count(long[] counts, long start, long end);
    }

    private Histogram countChunks(MemorySegment values, ElementType type, int binCount, ChunkCounter counter) {
        long n = Segments.count(values, type, "values");
        // a few chunks per thread, not one per morsel: each chunk owns binCount counters
        long chunkSize = Math.max(Morsels.DEFAULT_SIZE, (n + 4L * workers.parallelism() - 1) / (4L * workers.parallelism()));
        Morsels chunks = new Morsels(n, chunkSize);
        long[][] counts = new long[chunks.count()][];
        long[] dropped = new long[chunks.count()];
        workers.forEach(chunks.count(), c -> {
            counts[c] = new long[binCount];
            dropped[c] = counter.count(counts[c], chunks.start(c), chunks.end(c));
        });
        long[] total = new long[binCount];
        long totalDropped = 0;
        for (int c = 0; c < chunks.count(); c++) {
            for (int bin = 0; bin < binCount; bin++) {
                total[bin] += counts[c][bin];
            }
            totalDropped += dropped[c];
        }
        return new Histogram(total, totalDropped);
    }
}
