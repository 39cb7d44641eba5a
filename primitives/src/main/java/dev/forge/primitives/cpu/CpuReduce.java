package dev.forge.primitives.cpu;

import static dev.forge.primitives.cpu.Segments.DOUBLE;
import static dev.forge.primitives.cpu.Segments.FLOAT;
import static dev.forge.primitives.cpu.Segments.INT;
import static dev.forge.primitives.cpu.Segments.LONG;

import dev.forge.primitives.ElementType;
import dev.forge.primitives.Int128;
import dev.forge.primitives.TotalOrder;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Whole-input reductions (sum, min, max, count, argmin, argmax) over int32, int64, float32 and float64 elements.
 *
 * <p>Sums are exact for integers: int32 sums come back as a long, int64 sums as an {@link Int128}. Floating sums use
 * a fixed summation shape (four strided accumulators per morsel, morsel sums added as a balanced tree), so they are
 * the same from run to run and for any thread count; float32 values are summed in double precision. Min, max,
 * argmin and argmax use the {@link TotalOrder} (NaN is the largest value, -0.0 is below +0.0); on ties argmin and
 * argmax return the first index. The min of an empty input is the type's largest value in that order (NaN for
 * floats), the max its smallest, and argmin/argmax of an empty input is -1.
 */
public final class CpuReduce {

    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Long> LONGS_HALF_OF_INTS =
            VectorSpecies.of(long.class, INTS.vectorShape());
    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();

    private final CpuWorkers workers;

    public CpuReduce(CpuWorkers workers) {
        this.workers = workers;
    }

    public long count(MemorySegment values, ElementType type) {
        return type.elementCount(values, "values");
    }

    public long sumInt32(MemorySegment values) {
        Morsels morsels = Morsels.of(Segments.count(values, ElementType.INT32, "values"));
        long[] partial = new long[morsels.count()];
        workers.forEach(morsels.count(), m -> partial[m] = sumInt32(values, morsels.start(m), morsels.end(m)));
        long total = 0;
        for (long sum : partial) {
            total += sum; // exact: 2^31 elements of at most 2^31 each fit in 2^62
        }
        return total;
    }

    public Int128 sumInt64(MemorySegment values) {
        Morsels morsels = Morsels.of(Segments.count(values, ElementType.INT64, "values"));
        Int128[] partial = new Int128[morsels.count()];
        workers.forEach(morsels.count(), m -> partial[m] = sumInt64(values, morsels.start(m), morsels.end(m)));
        Int128 total = Int128.ZERO;
        for (Int128 sum : partial) {
            total = total.plus(sum);
        }
        return total;
    }

    public double sumFloat32(MemorySegment values) {
        Morsels morsels = Morsels.of(Segments.count(values, ElementType.FLOAT32, "values"));
        double[] partial = new double[morsels.count()];
        workers.forEach(morsels.count(), m -> partial[m] = sumFloat32(values, morsels.start(m), morsels.end(m)));
        return canonical(pairwiseSum(partial, 0, partial.length));
    }

    public double sumFloat64(MemorySegment values) {
        Morsels morsels = Morsels.of(Segments.count(values, ElementType.FLOAT64, "values"));
        double[] partial = new double[morsels.count()];
        workers.forEach(morsels.count(), m -> partial[m] = sumFloat64(values, morsels.start(m), morsels.end(m)));
        return canonical(pairwiseSum(partial, 0, partial.length));
    }

    public int minInt32(MemorySegment values) {
        return (int) TotalOrder.rawBitsOfUnsignedKey(ElementType.INT32,
                extremeKey(values, ElementType.INT32, false));
    }

    public int maxInt32(MemorySegment values) {
        return (int) TotalOrder.rawBitsOfUnsignedKey(ElementType.INT32, extremeKey(values, ElementType.INT32, true));
    }

    public long minInt64(MemorySegment values) {
        return TotalOrder.rawBitsOfUnsignedKey(ElementType.INT64, extremeKey(values, ElementType.INT64, false));
    }

    public long maxInt64(MemorySegment values) {
        return TotalOrder.rawBitsOfUnsignedKey(ElementType.INT64, extremeKey(values, ElementType.INT64, true));
    }

    public float minFloat32(MemorySegment values) {
        return Float.intBitsToFloat((int) TotalOrder.rawBitsOfUnsignedKey(ElementType.FLOAT32,
                extremeKey(values, ElementType.FLOAT32, false)));
    }

    public float maxFloat32(MemorySegment values) {
        return Float.intBitsToFloat((int) TotalOrder.rawBitsOfUnsignedKey(ElementType.FLOAT32,
                extremeKey(values, ElementType.FLOAT32, true)));
    }

    public double minFloat64(MemorySegment values) {
        return Double.longBitsToDouble(TotalOrder.rawBitsOfUnsignedKey(ElementType.FLOAT64,
                extremeKey(values, ElementType.FLOAT64, false)));
    }

    public double maxFloat64(MemorySegment values) {
        return Double.longBitsToDouble(TotalOrder.rawBitsOfUnsignedKey(ElementType.FLOAT64,
                extremeKey(values, ElementType.FLOAT64, true)));
    }

    /** The first index of the smallest element in the total order, or -1 for an empty input. */
    public long argMin(MemorySegment values, ElementType type) {
        return argExtreme(values, type, false);
    }

    /** The first index of the largest element in the total order (the first NaN if any), or -1 for an empty input. */
    public long argMax(MemorySegment values, ElementType type) {
        return argExtreme(values, type, true);
    }

    /** The min or max as an unsigned total-order key; integer min/max take the vector path. */
    private long extremeKey(MemorySegment values, ElementType type, boolean largest) {
        Morsels morsels = Morsels.of(Segments.count(values, type, "values"));
        long identity = largest ? smallestKey(type) : largestKey(type);
        long[] partial = new long[morsels.count()];
        workers.forEach(morsels.count(), m -> partial[m] = switch (type) {
            case INT32 -> TotalOrder.unsignedKey(type, extremeInt32(values, morsels.start(m), morsels.end(m), largest));
            case INT64 -> TotalOrder.unsignedKey(type, extremeInt64(values, morsels.start(m), morsels.end(m), largest));
            case UINT32, UINT64, FLOAT32, FLOAT64 -> extremeKeyScalar(values, type, morsels.start(m), morsels.end(m),
                    largest);
        });
        long result = identity;
        for (long key : partial) {
            result = largest ? maxUnsigned(result, key) : minUnsigned(result, key);
        }
        return result;
    }

    private static long smallestKey(ElementType type) {
        return switch (type) {
            case INT32, UINT32, INT64, UINT64 -> 0;
            case FLOAT32 -> TotalOrder.unsignedKey(type, Float.floatToIntBits(Float.NEGATIVE_INFINITY));
            case FLOAT64 -> TotalOrder.unsignedKey(type, Double.doubleToLongBits(Double.NEGATIVE_INFINITY));
        };
    }

    private static long largestKey(ElementType type) {
        return switch (type) {
            case INT32, UINT32 -> 0xFFFF_FFFFL;
            case INT64, UINT64 -> -1L;
            case FLOAT32 -> TotalOrder.unsignedKey(type, Float.floatToIntBits(Float.NaN));
            case FLOAT64 -> TotalOrder.unsignedKey(type, Double.doubleToLongBits(Double.NaN));
        };
    }

    private long argExtreme(MemorySegment values, ElementType type, boolean largest) {
        Morsels morsels = Morsels.of(Segments.count(values, type, "values"));
        long[] partialIndex = new long[morsels.count()];
        workers.forEach(morsels.count(), m -> {
            long best = morsels.start(m);
            long bestKey = key(values, type, best);
            for (long i = best + 1; i < morsels.end(m); i++) {
                long key = key(values, type, i);
                if (largest ? Long.compareUnsigned(key, bestKey) > 0 : Long.compareUnsigned(key, bestKey) < 0) {
                    best = i;
                    bestKey = key;
                }
            }
            partialIndex[m] = best;
        });
        long best = -1;
        long bestKey = 0;
        for (long index : partialIndex) {
            long key = key(values, type, index);
            // strict comparison: an earlier morsel keeps a tie, so the first index wins
            if (best < 0 || (largest ? Long.compareUnsigned(key, bestKey) > 0 : Long.compareUnsigned(key, bestKey) < 0)) {
                best = index;
                bestKey = key;
            }
        }
        return best;
    }

    private static long key(MemorySegment values, ElementType type, long index) {
        return TotalOrder.unsignedKey(type, Segments.rawBits(values, type.byteSize(), index));
    }

    private static long extremeKeyScalar(MemorySegment values, ElementType type, long start, long end,
                                         boolean largest) {
        long result = key(values, type, start);
        for (long i = start + 1; i < end; i++) {
            long key = key(values, type, i);
            result = largest ? maxUnsigned(result, key) : minUnsigned(result, key);
        }
        return result;
    }

    private static long maxUnsigned(long a, long b) {
        return Long.compareUnsigned(a, b) >= 0 ? a : b;
    }

    private static long minUnsigned(long a, long b) {
        return Long.compareUnsigned(a, b) <= 0 ? a : b;
    }

    private static int extremeInt32(MemorySegment values, long start, long end, boolean largest) {
        VectorOperators.Binary operator = largest ? VectorOperators.MAX : VectorOperators.MIN;
        IntVector accumulator = IntVector.broadcast(INTS, values.getAtIndex(INT, start));
        long i = start;
        for (long vectorEnd = end - INTS.length(); i <= vectorEnd; i += INTS.length()) {
            accumulator = accumulator.lanewise(operator, IntVector.fromMemorySegment(INTS, values, i * 4, NATIVE));
        }
        int result = accumulator.reduceLanes(largest ? VectorOperators.MAX : VectorOperators.MIN);
        for (; i < end; i++) {
            int value = values.getAtIndex(INT, i);
            result = largest ? Math.max(result, value) : Math.min(result, value);
        }
        return result;
    }

    private static long extremeInt64(MemorySegment values, long start, long end, boolean largest) {
        VectorOperators.Binary operator = largest ? VectorOperators.MAX : VectorOperators.MIN;
        LongVector accumulator = LongVector.broadcast(LONGS, values.getAtIndex(LONG, start));
        long i = start;
        for (long vectorEnd = end - LONGS.length(); i <= vectorEnd; i += LONGS.length()) {
            accumulator = accumulator.lanewise(operator, LongVector.fromMemorySegment(LONGS, values, i * 8, NATIVE));
        }
        long result = accumulator.reduceLanes(largest ? VectorOperators.MAX : VectorOperators.MIN);
        for (; i < end; i++) {
            long value = values.getAtIndex(LONG, i);
            result = largest ? Math.max(result, value) : Math.min(result, value);
        }
        return result;
    }

    private static long sumInt32(MemorySegment values, long start, long end) {
        LongVector accumulator = LongVector.zero(LONGS_HALF_OF_INTS);
        long i = start;
        for (long vectorEnd = end - INTS.length(); i <= vectorEnd; i += INTS.length()) {
            IntVector vector = IntVector.fromMemorySegment(INTS, values, i * 4, NATIVE);
            accumulator = accumulator
                    .add(vector.convertShape(VectorOperators.I2L, LONGS_HALF_OF_INTS, 0))
                    .add(vector.convertShape(VectorOperators.I2L, LONGS_HALF_OF_INTS, 1));
        }
        long sum = accumulator.reduceLanes(VectorOperators.ADD);
        for (; i < end; i++) {
            sum += values.getAtIndex(INT, i);
        }
        return sum;
    }

    /**
     * Sums one morsel exactly: each value splits into a signed high half and an unsigned low half, and each half's
     * sum fits in a long for any morsel below 2^31 elements, so no carry has to be tracked per element.
     */
    private static Int128 sumInt64(MemorySegment values, long start, long end) {
        LongVector highs = LongVector.zero(LONGS);
        LongVector lows = LongVector.zero(LONGS);
        long i = start;
        for (long vectorEnd = end - LONGS.length(); i <= vectorEnd; i += LONGS.length()) {
            LongVector vector = LongVector.fromMemorySegment(LONGS, values, i * 8, NATIVE);
            highs = highs.add(vector.lanewise(VectorOperators.ASHR, 32));
            lows = lows.add(vector.and(0xFFFF_FFFFL));
        }
        long highSum = highs.reduceLanes(VectorOperators.ADD);
        long lowSum = lows.reduceLanes(VectorOperators.ADD);
        for (; i < end; i++) {
            long value = values.getAtIndex(LONG, i);
            highSum += value >> 32;
            lowSum += value & 0xFFFF_FFFFL;
        }
        return new Int128(highSum >> 32, highSum << 32).plus(new Int128(0, lowSum));
    }

    private static double sumFloat32(MemorySegment values, long start, long end) {
        double a = 0, b = 0, c = 0, d = 0;
        long i = start;
        for (; i + 4 <= end; i += 4) {
            a += values.getAtIndex(FLOAT, i);
            b += values.getAtIndex(FLOAT, i + 1);
            c += values.getAtIndex(FLOAT, i + 2);
            d += values.getAtIndex(FLOAT, i + 3);
        }
        for (; i < end; i++) {
            a += values.getAtIndex(FLOAT, i);
        }
        return (a + b) + (c + d);
    }

    private static double sumFloat64(MemorySegment values, long start, long end) {
        double a = 0, b = 0, c = 0, d = 0;
        long i = start;
        for (; i + 4 <= end; i += 4) {
            a += values.getAtIndex(DOUBLE, i);
            b += values.getAtIndex(DOUBLE, i + 1);
            c += values.getAtIndex(DOUBLE, i + 2);
            d += values.getAtIndex(DOUBLE, i + 3);
        }
        for (; i < end; i++) {
            a += values.getAtIndex(DOUBLE, i);
        }
        return (a + b) + (c + d);
    }

    /** Which NaN payload survives an add depends on operand order, which the JIT may swap: return the canonical one. */
    private static double canonical(double sum) {
        return sum != sum ? Double.NaN : sum;
    }

    /** Adds morsel sums as a balanced tree: error grows with log(morsels), and the shape depends only on the count. */
    static double pairwiseSum(double[] values, int from, int to) {
        if (to - from == 0) {
            return 0;
        }
        if (to - from == 1) {
            return values[from];
        }
        int middle = (from + to) >>> 1;
        return pairwiseSum(values, from, middle) + pairwiseSum(values, middle, to);
    }
}
