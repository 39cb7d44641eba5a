package dev.forge.primitives;

/**
 * Maps every element type onto integers whose order is the element order, the one ordering all primitives share.
 *
 * <p>Floating-point values follow {@link Double#compare}: -Infinity < negative numbers < -0.0 < +0.0 < positive numbers
 * < +Infinity < NaN, and all NaNs are one value (the canonical NaN). Sorting, min/max, argmin/argmax and top-k all
 * use this order, so a GPU kernel that uses the same bit transforms agrees bit for bit.
 */
public final class TotalOrder {

    private TotalOrder() {
    }

    /** A signed long that compares like {@code value} under the total order. */
    public static long signedKeyOfFloat64(double value) {
        long bits = Double.doubleToLongBits(value); // canonicalizes NaN so every NaN sorts last
        return bits ^ ((bits >> 63) >>> 1);
    }

    public static double float64OfSignedKey(long key) {
        return Double.longBitsToDouble(key ^ ((key >> 63) >>> 1));
    }

    /** A signed int that compares like {@code value} under the total order. */
    public static int signedKeyOfFloat32(float value) {
        int bits = Float.floatToIntBits(value);
        return bits ^ ((bits >> 31) >>> 1);
    }

    public static float float32OfSignedKey(int key) {
        return Float.intBitsToFloat(key ^ ((key >> 31) >>> 1));
    }

    /**
     * The element's bits (in the low {@code 8 * byteSize} bits of a long) mapped to an unsigned 64-bit key whose
     * unsigned order is the element order; 32-bit types occupy only the low 32 bits of the key.
     */
    public static long unsignedKey(ElementType type, long rawBits) {
        return switch (type) {
            case INT32 -> (((int) rawBits) ^ 0x8000_0000L) & 0xFFFF_FFFFL;
            case UINT32 -> rawBits & 0xFFFF_FFFFL;
            case INT64 -> rawBits ^ Long.MIN_VALUE;
            case UINT64 -> rawBits;
            case FLOAT32 -> (signedKeyOfFloat32(Float.intBitsToFloat((int) rawBits)) ^ 0x8000_0000L) & 0xFFFF_FFFFL;
            case FLOAT64 -> signedKeyOfFloat64(Double.longBitsToDouble(rawBits)) ^ Long.MIN_VALUE;
        };
    }

    /** The inverse of {@link #unsignedKey}: the raw element bits (NaNs come back canonical). */
    public static long rawBitsOfUnsignedKey(ElementType type, long key) {
        return switch (type) {
            case INT32 -> (key ^ 0x8000_0000L) & 0xFFFF_FFFFL;
            case UINT32 -> key & 0xFFFF_FFFFL;
            case INT64 -> key ^ Long.MIN_VALUE;
            case UINT64 -> key;
            case FLOAT32 -> Float.floatToRawIntBits(float32OfSignedKey((int) (key ^ 0x8000_0000L))) & 0xFFFF_FFFFL;
            case FLOAT64 -> Double.doubleToRawLongBits(float64OfSignedKey(key ^ Long.MIN_VALUE));
        };
    }
}
