package dev.forge.primitives;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Conversions between float and the two 16-bit formats of matrix inputs, rounding to nearest with ties to even:
 * IEEE binary16 (FP16) through the JDK's {@code Float.floatToFloat16}, and bfloat16 (BF16, the top half of a float)
 * here. Overflow becomes infinity, NaN stays NaN, signs of zero are kept; decoding is exact. Bulk conversions move
 * native-order elements between segments, as GPU uploads want them.
 */
public final class HalfFloats {
    private static final ValueLayout.OfShort HALF = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;

    private HalfFloats() {
    }

    public static short toFloat16(float value) {
        return Float.floatToFloat16(value);
    }

    public static float fromFloat16(short bits) {
        return Float.float16ToFloat(bits);
    }

    /**
     * The bfloat16 nearest to {@code value}: adding {@code 0x7FFF} plus the lowest kept bit to the float's bits and
     * cutting the low 16 rounds to nearest, ties to even, and a carry out of the fraction moves to the next binade or
     * to infinity exactly as rounding must. NaN keeps its sign and top payload bits and is made quiet, so it never
     * rounds into an infinity.
     */
    public static short toBFloat16(float value) {
        int bits = Float.floatToRawIntBits(value);
        if (Float.isNaN(value)) {
            return (short) ((bits >>> 16) | 0x0040);
        }
        int roundingIncrement = 0x7FFF + ((bits >>> 16) & 1);
        return (short) ((bits + roundingIncrement) >>> 16);
    }

    public static float fromBFloat16(short bits) {
        return Float.intBitsToFloat((bits & 0xFFFF) << 16);
    }

    /** {@code value} rounded to the input type of {@code precision} and back: what a product of that precision sees. */
    public static float roundTo(MatrixPrecision precision, float value) {
        return switch (precision) {
            case FP32, TF32 -> value;
            case FP16 -> fromFloat16(toFloat16(value));
            case BF16 -> fromBFloat16(toBFloat16(value));
        };
    }

    /**
     * Writes each float of {@code floats} into {@code halves} as the 2-byte input type of {@code precision} (FP16 or
     * BF16); {@code halves} must have room for them all.
     */
    public static void encode(MemorySegment floats, MemorySegment halves, MatrixPrecision precision) {
        long count = requireHalvesFor(floats.byteSize() / Float.BYTES, halves, precision, "halves");
        for (long i = 0; i < count; i++) {
            float value = floats.getAtIndex(FLOAT, i);
            halves.setAtIndex(HALF, i, precision == MatrixPrecision.FP16 ? toFloat16(value) : toBFloat16(value));
        }
    }

    /** Writes each 2-byte element of {@code halves} (of {@code precision}'s type) into {@code floats}, exactly. */
    public static void decode(MemorySegment halves, MemorySegment floats, MatrixPrecision precision) {
        long count = halves.byteSize() / 2;
        requireHalvesFor(count, halves, precision, "halves");
        if (floats.byteSize() < count * Float.BYTES) {
            throw new IllegalArgumentException("floats holds " + floats.byteSize() / Float.BYTES + " elements but needs"
                    + " room for " + count);
        }
        for (long i = 0; i < count; i++) {
            short bits = halves.getAtIndex(HALF, i);
            floats.setAtIndex(FLOAT, i, precision == MatrixPrecision.FP16 ? fromFloat16(bits) : fromBFloat16(bits));
        }
    }

    private static long requireHalvesFor(long count, MemorySegment halves, MatrixPrecision precision, String name) {
        if (!precision.halfInputs()) {
            throw new IllegalArgumentException(precision + " inputs are float32, not 2-byte halves");
        }
        if (halves.byteSize() < count * 2) {
            throw new IllegalArgumentException(name + " holds " + halves.byteSize() / 2 + " elements but needs room"
                    + " for " + count);
        }
        return count;
    }
}
