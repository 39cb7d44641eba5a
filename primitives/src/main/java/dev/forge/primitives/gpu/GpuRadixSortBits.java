package dev.forge.primitives.gpu;

import dev.forge.primitives.ElementType;
import dev.forge.primitives.TotalOrder;

/**
 * The bits of the order-preserving key (see {@link TotalOrder#unsignedKey}) that a radix sort looks at: bits
 * {@code beginBit} (inclusive) to {@code endBit} (exclusive), counted from the least significant. Keys that differ
 * only outside the range count as equal and keep their input order. A sort over fewer bits makes fewer passes:
 * {@link #forRange} gives the narrowest range that still sorts every key between a known minimum and maximum.
 */
public record GpuRadixSortBits(int beginBit, int endBit) {

    public GpuRadixSortBits {
        if (beginBit < 0 || endBit < beginBit || endBit > 64) {
            throw new IllegalArgumentException("a radix sort bit range needs 0 <= beginBit <= endBit <= 64; got ["
                    + beginBit + ", " + endBit + ")");
        }
    }

    /** Every bit of the key type: a full sort. */
    public static GpuRadixSortBits allOf(ElementType keyType) {
        return new GpuRadixSortBits(0, 8 * keyType.byteSize());
    }

    /**
     * The bits that can differ between keys lying between {@code minRawBits} and {@code maxRawBits} (the keys' own
     * bits in the low bits of a long, as the CPU twin reads them) under the total order: every bit from the lowest up
     * to the highest bit in which the two ordered keys differ, since all keys in between share the bits above it.
     */
    public static GpuRadixSortBits forRange(ElementType keyType, long minRawBits, long maxRawBits) {
        long min = TotalOrder.unsignedKey(keyType, minRawBits);
        long max = TotalOrder.unsignedKey(keyType, maxRawBits);
        if (Long.compareUnsigned(min, max) > 0) {
            throw new IllegalArgumentException("the minimum key (raw bits 0x" + Long.toHexString(minRawBits)
                    + ") orders after the maximum (0x" + Long.toHexString(maxRawBits) + ") as " + keyType
                    + ": pass the smallest key first");
        }
        return new GpuRadixSortBits(0, 64 - Long.numberOfLeadingZeros(min ^ max));
    }

    public static GpuRadixSortBits forInt32Range(int min, int max) {
        return forRange(ElementType.INT32, min, max);
    }

    public static GpuRadixSortBits forInt64Range(long min, long max) {
        return forRange(ElementType.INT64, min, max);
    }

    public static GpuRadixSortBits forFloat32Range(float min, float max) {
        return forRange(ElementType.FLOAT32, Float.floatToRawIntBits(min) & 0xFFFF_FFFFL,
                Float.floatToRawIntBits(max) & 0xFFFF_FFFFL);
    }

    public static GpuRadixSortBits forFloat64Range(double min, double max) {
        return forRange(ElementType.FLOAT64, Double.doubleToRawLongBits(min), Double.doubleToRawLongBits(max));
    }

    /** How many 8-bit digit places cover the range. */
    public int digitPlaces(int digitBits) {
        return (endBit - beginBit + digitBits - 1) / digitBits;
    }

    void requireFits(ElementType keyType) {
        if (endBit > 8 * keyType.byteSize()) {
            throw new IllegalArgumentException("bit range [" + beginBit + ", " + endBit + ") is wider than a "
                    + keyType + " key (" + 8 * keyType.byteSize() + " bits)");
        }
    }
}
