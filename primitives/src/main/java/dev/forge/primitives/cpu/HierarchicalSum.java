package dev.forge.primitives.cpu;

import static dev.forge.primitives.cpu.Segments.DOUBLE;
import static dev.forge.primitives.cpu.Segments.FLOAT;

import dev.forge.primitives.ElementType;
import dev.forge.primitives.SegmentedSumOrder;
import java.lang.foreign.MemorySegment;

/**
 * Floating-point sums of a range of positions in the order {@link SegmentedSumOrder} defines: left to right from
 * +0.0 within each group, then over the groups of a warp span, the spans of a tile, and the tiles. Results come back
 * as raw bits with NaN canonical, since which NaN payload survives depends on operand order.
 */
final class HierarchicalSum {

    /** Levels up to a tile piece: values in a group, groups in a warp span, warp spans in a tile. */
    private static final int TILE_LEVEL = 3;

    private final long[] spans;
    private final boolean singlePrecision;

    HierarchicalSum(SegmentedSumOrder order, ElementType valueType) {
        long group = order.groupSize(valueType);
        this.spans = new long[] {1, group, order.warpSpan(valueType), order.tileSize(valueType)};
        this.singlePrecision = switch (valueType) {
            case FLOAT32 -> true;
            case FLOAT64 -> false;
            default -> throw new IllegalArgumentException("hierarchical sums are for FLOAT32 and FLOAT64, not " + valueType);
        };
    }

    long tileSize() {
        return spans[TILE_LEVEL];
    }

    /** The sum of values[start, end), as raw bits (FLOAT32 in the low 32 bits). */
    long sum(MemorySegment values, long start, long end) {
        return singlePrecision ? bitsOf(sumFloat32(values, start, end, TILE_LEVEL + 1))
                : bitsOf(sumFloat64(values, start, end, TILE_LEVEL + 1));
    }

    /** The sum of values[start, end), which lies inside one tile, as a tile piece (raw bits, NaN not canonical). */
    long tilePiece(MemorySegment values, long start, long end) {
        return singlePrecision ? Float.floatToRawIntBits(sumFloat32(values, start, end, TILE_LEVEL)) & 0xFFFF_FFFFL
                : Double.doubleToRawLongBits(sumFloat64(values, start, end, TILE_LEVEL));
    }

    /** Adds tile pieces (from {@link #tilePiece}) left to right from +0.0, as {@link #sum} does over tiles. */
    long foldTilePieces(long[] pieces) {
        if (singlePrecision) {
            float total = 0;
            for (long piece : pieces) {
                total += Float.intBitsToFloat((int) piece);
            }
            return bitsOf(total);
        }
        double total = 0;
        for (long piece : pieces) {
            total += Double.longBitsToDouble(piece);
        }
        return bitsOf(total);
    }

    /** Folds the pieces of [start, end) cut at multiples of spans[level - 1]; level 1 adds single values. */
    private double sumFloat64(MemorySegment values, long start, long end, int level) {
        if (level == 1) {
            double total = 0;
            for (long i = start; i < end; i++) {
                total += values.getAtIndex(DOUBLE, i);
            }
            return total;
        }
        long span = spans[level - 1];
        double total = 0;
        for (long pieceStart = start; pieceStart < end; ) {
            long pieceEnd = Math.min(end, (pieceStart / span + 1) * span);
            total += sumFloat64(values, pieceStart, pieceEnd, level - 1);
            pieceStart = pieceEnd;
        }
        return total;
    }

    private float sumFloat32(MemorySegment values, long start, long end, int level) {
        if (level == 1) {
            float total = 0;
            for (long i = start; i < end; i++) {
                total += values.getAtIndex(FLOAT, i);
            }
            return total;
        }
        long span = spans[level - 1];
        float total = 0;
        for (long pieceStart = start; pieceStart < end; ) {
            long pieceEnd = Math.min(end, (pieceStart / span + 1) * span);
            total += sumFloat32(values, pieceStart, pieceEnd, level - 1);
            pieceStart = pieceEnd;
        }
        return total;
    }

    private static long bitsOf(double sum) {
        return Double.doubleToLongBits(sum);
    }

    private static long bitsOf(float sum) {
        return Float.floatToIntBits(sum) & 0xFFFF_FFFFL;
    }
}
