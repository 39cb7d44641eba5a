package dev.forge.primitives.cpu;

import static dev.forge.primitives.cpu.Segments.DOUBLE;
import static dev.forge.primitives.cpu.Segments.FLOAT;
import static dev.forge.primitives.cpu.Segments.INT;
import static dev.forge.primitives.cpu.Segments.LONG;

import dev.forge.primitives.ElementType;
import dev.forge.primitives.ReduceOperator;
import dev.forge.primitives.TotalOrder;
import java.lang.foreign.MemorySegment;

/**
 * The reductions whose result does not depend on the order of the values: wrapping integer sums, and MIN and MAX in
 * the {@link TotalOrder} (floating-point results come back with NaN canonical, as the order knows one NaN). Values
 * and results travel as raw bits in a long, 4-byte types in the low 32 bits.
 */
final class ExactReduction {

    private static final long LOW_32_BITS = 0xFFFF_FFFFL;

    private final ElementType type;
    private final ReduceOperator operator;

    ExactReduction(ElementType type, ReduceOperator operator) {
        if (operator == ReduceOperator.SUM && (type == ElementType.FLOAT32 || type == ElementType.FLOAT64)) {
            throw new IllegalArgumentException("floating-point sums depend on the order: use HierarchicalSum");
        }
        this.type = type;
        this.operator = operator;
    }

    /** The result of an empty range: 0, the type's largest value (NaN) for MIN, its smallest (-Infinity) for MAX. */
    long identity() {
        return switch (type) {
            case INT32 -> switch (operator) {
                case SUM -> 0L;
                case MIN -> Integer.MAX_VALUE & LOW_32_BITS;
                case MAX -> Integer.MIN_VALUE & LOW_32_BITS;
            };
            case INT64 -> switch (operator) {
                case SUM -> 0L;
                case MIN -> Long.MAX_VALUE;
                case MAX -> Long.MIN_VALUE;
            };
            case FLOAT32 -> Float.floatToRawIntBits(operator == ReduceOperator.MIN ? Float.NaN : Float.NEGATIVE_INFINITY)
                    & LOW_32_BITS;
            case FLOAT64 -> Double.doubleToRawLongBits(operator == ReduceOperator.MIN ? Double.NaN
                    : Double.NEGATIVE_INFINITY);
            case UINT32, UINT64 -> throw new IllegalArgumentException("no segmented reduction over " + type);
        };
    }

    /** Reduces values[start, end). */
    long reduce(MemorySegment values, long start, long end) {
        return switch (type) {
            case INT32 -> {
                int result = (int) identity();
                for (long i = start; i < end; i++) {
                    result = combineInt(result, values.getAtIndex(INT, i));
                }
                yield result & LOW_32_BITS;
            }
            case INT64 -> {
                long result = identity();
                for (long i = start; i < end; i++) {
                    result = combineLong(result, values.getAtIndex(LONG, i));
                }
                yield result;
            }
            case FLOAT32 -> {
                int key = TotalOrder.signedKeyOfFloat32(Float.intBitsToFloat((int) identity()));
                for (long i = start; i < end; i++) {
                    key = combineInt(key, TotalOrder.signedKeyOfFloat32(values.getAtIndex(FLOAT, i)));
                }
                yield Float.floatToRawIntBits(TotalOrder.float32OfSignedKey(key)) & LOW_32_BITS;
            }
            case FLOAT64 -> {
                long key = TotalOrder.signedKeyOfFloat64(Double.longBitsToDouble(identity()));
                for (long i = start; i < end; i++) {
                    key = combineLong(key, TotalOrder.signedKeyOfFloat64(values.getAtIndex(DOUBLE, i)));
                }
                yield Double.doubleToRawLongBits(TotalOrder.float64OfSignedKey(key));
            }
            case UINT32, UINT64 -> throw new IllegalArgumentException("no segmented reduction over " + type);
        };
    }

    /** Combines two results of {@link #reduce} (in any order: the result is the same). */
    long combine(long a, long b) {
        return switch (type) {
            case INT32 -> combineInt((int) a, (int) b) & LOW_32_BITS;
            case INT64 -> combineLong(a, b);
            case FLOAT32 -> Float.floatToRawIntBits(TotalOrder.float32OfSignedKey(combineInt(
                    TotalOrder.signedKeyOfFloat32(Float.intBitsToFloat((int) a)),
                    TotalOrder.signedKeyOfFloat32(Float.intBitsToFloat((int) b))))) & LOW_32_BITS;
            case FLOAT64 -> Double.doubleToRawLongBits(TotalOrder.float64OfSignedKey(combineLong(
                    TotalOrder.signedKeyOfFloat64(Double.longBitsToDouble(a)),
                    TotalOrder.signedKeyOfFloat64(Double.longBitsToDouble(b)))));
            case UINT32, UINT64 -> throw new IllegalArgumentException("no segmented reduction over " + type);
        };
    }

    private int combineInt(int a, int b) {
        return switch (operator) {
            case SUM -> a + b;
            case MIN -> Math.min(a, b);
            case MAX -> Math.max(a, b);
        };
    }

    private long combineLong(long a, long b) {
        return switch (operator) {
            case SUM -> a + b;
            case MIN -> Math.min(a, b);
            case MAX -> Math.max(a, b);
        };
    }
}
