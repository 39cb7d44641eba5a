package dev.forge.primitives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HalfFloatsTest {

    /**
     * An independent rounding: {@code x} to the nearest value with {@code precision} significant bits and normal
     * exponents from {@code minExponent} to {@code maxExponent}, ties to even ({@code Math.rint}), in double, where
     * every float and every result is exact; beyond the largest finite value, infinity.
     */
    private static float reference(float x, int precision, int minExponent, int maxExponent) {
        if (Float.isNaN(x) || Float.isInfinite(x) || x == 0) {
            return x;
        }
        int exponent = Math.max(Math.getExponent((double) x), minExponent);
        double quantum = Math.scalb(1.0, exponent - (precision - 1));
        double rounded = Math.rint(x / quantum) * quantum;
        double largest = Math.scalb(2 - Math.scalb(1.0, 1 - precision), maxExponent);
        if (Math.abs(rounded) > largest) {
            return x > 0 ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY;
        }
        return (float) rounded;
    }

    private static void assertBothRoundLikeTheReference(float x) {
        float float16 = HalfFloats.fromFloat16(HalfFloats.toFloat16(x));
        float bfloat16 = HalfFloats.fromBFloat16(HalfFloats.toBFloat16(x));
        float expected16 = reference(x, 11, -14, 15);
        float expectedB16 = reference(x, 8, -126, 127);
        if (!sameValue(float16, expected16) || !sameValue(bfloat16, expectedB16)) {
            throw new AssertionError("0x" + Integer.toHexString(Float.floatToRawIntBits(x)) + " (" + x + "): FP16 "
                    + float16 + " expected " + expected16 + ", BF16 " + bfloat16 + " expected " + expectedB16);
        }
    }

    /** The same bits, signs of zero included; any NaN for a NaN (payloads are not specified). */
    private static boolean sameValue(float actual, float expected) {
        return Float.isNaN(expected) ? Float.isNaN(actual) : Float.floatToRawIntBits(actual) == Float.floatToRawIntBits(expected);
    }

    @Test
    void knownFloat16Values() {
        assertThat(HalfFloats.toFloat16(1.0f)).isEqualTo((short) 0x3C00);
        assertThat(HalfFloats.toFloat16(-2.0f)).isEqualTo((short) 0xC000);
        assertThat(HalfFloats.toFloat16(0.1f)).isEqualTo((short) 0x2E66);
        assertThat(HalfFloats.toFloat16(65504f)).isEqualTo((short) 0x7BFF);
        assertThat(HalfFloats.toFloat16(65519.99f)).as("just below the tie").isEqualTo((short) 0x7BFF);
        assertThat(HalfFloats.toFloat16(65520f)).as("the tie goes to the even infinity").isEqualTo((short) 0x7C00);
        assertThat(HalfFloats.toFloat16(0x1p-24f)).as("smallest subnormal").isEqualTo((short) 0x0001);
        assertThat(HalfFloats.toFloat16(0x1p-25f)).as("half of it: a tie, to even zero").isEqualTo((short) 0x0000);
        assertThat(HalfFloats.toFloat16(0x1.8p-24f)).as("1.5 subnormal quanta: a tie, to even 2").isEqualTo((short) 0x0002);
        assertThat(HalfFloats.toFloat16(-0.0f)).isEqualTo((short) 0x8000);
        assertThat(Float.isNaN(HalfFloats.fromFloat16(HalfFloats.toFloat16(Float.NaN)))).isTrue();
        assertThat(HalfFloats.fromFloat16((short) 0x7BFF)).isEqualTo(65504f);
    }

    @Test
    void knownBFloat16Values() {
        assertThat(HalfFloats.toBFloat16(1.0f)).isEqualTo((short) 0x3F80);
        assertThat(HalfFloats.toBFloat16(1 + 0x1p-8f)).as("tie, to even 0x3F80").isEqualTo((short) 0x3F80);
        assertThat(HalfFloats.toBFloat16(1 + 0x3p-8f)).as("tie, to even 0x3F82").isEqualTo((short) 0x3F82);
        assertThat(HalfFloats.toBFloat16(1 + 0x1p-8f + 0x1p-23f)).as("just above the tie").isEqualTo((short) 0x3F81);
        assertThat(HalfFloats.toBFloat16(0.1f)).isEqualTo((short) 0x3DCD);
        assertThat(HalfFloats.toBFloat16(Float.MAX_VALUE)).as("rounds past the largest bfloat16").isEqualTo((short) 0x7F80);
        assertThat(HalfFloats.toBFloat16(Float.intBitsToFloat(0x7F7F7FFF))).isEqualTo((short) 0x7F7F);
        assertThat(HalfFloats.toBFloat16(Float.NEGATIVE_INFINITY)).isEqualTo((short) 0xFF80);
        assertThat(HalfFloats.toBFloat16(-0.0f)).isEqualTo((short) 0x8000);
        assertThat(HalfFloats.toBFloat16(Float.MIN_VALUE)).as("float subnormals round too").isEqualTo((short) 0x0000);
        short nanWithLowPayload = HalfFloats.toBFloat16(Float.intBitsToFloat(0x7F800001));
        assertThat(Float.isNaN(HalfFloats.fromBFloat16(nanWithLowPayload))).as("stays NaN, never infinity").isTrue();
        assertThat(HalfFloats.toBFloat16(Float.intBitsToFloat(0xFFC00000))).isEqualTo((short) 0xFFC0);
        assertThat(HalfFloats.fromBFloat16((short) 0xC0A0)).isEqualTo(-5.0f);
    }

    @Test
    void everyHalfDecodesToAFloatThatEncodesBackToIt() {
        for (int bits = 0; bits < 1 << 16; bits++) {
            short half = (short) bits;
            float float16 = HalfFloats.fromFloat16(half);
            float bfloat16 = HalfFloats.fromBFloat16(half);
            if (Float.isNaN(float16)) {
                assertThat(Float.isNaN(HalfFloats.fromFloat16(HalfFloats.toFloat16(float16)))).isTrue();
            } else {
                assertThat(HalfFloats.toFloat16(float16)).as("FP16 0x%04X", bits).isEqualTo(half);
                assertThat(float16).isEqualTo(Float.float16ToFloat(half));
            }
            if (Float.isNaN(bfloat16)) {
                assertThat(Float.isNaN(HalfFloats.fromBFloat16(HalfFloats.toBFloat16(bfloat16)))).isTrue();
            } else {
                assertThat(HalfFloats.toBFloat16(bfloat16)).as("BF16 0x%04X", bits).isEqualTo(half);
            }
        }
    }

    @Test
    void floatsNextToEveryRoundingBoundaryRoundLikeTheReference() {
        // every sign, exponent and leading fraction bits, with the dropped bits just below, at and above half way
        int[] float16Tails = {0, 1, 0x0FFF, 0x1000, 0x1001, 0x1FFF};
        for (int high = 0; high < 1 << 19; high++) {
            for (int tail : float16Tails) {
                assertBothRoundLikeTheReference(Float.intBitsToFloat(high << 13 | tail));
            }
        }
        int[] bfloat16Tails = {0, 1, 0x7FFF, 0x8000, 0x8001, 0xFFFF};
        for (int high = 0; high < 1 << 16; high++) {
            for (int tail : bfloat16Tails) {
                assertBothRoundLikeTheReference(Float.intBitsToFloat(high << 16 | tail));
            }
        }
    }

    @Test
    void randomFloatsAcrossTheHalfRangeRoundLikeTheReference() {
        SplittableRandom random = new SplittableRandom(2026);
        for (int i = 0; i < 2_000_000; i++) {
            float x = (float) Math.scalb(random.nextDouble(1, 2) * (random.nextBoolean() ? 1 : -1), random.nextInt(-30, 18));
            assertBothRoundLikeTheReference(x);
            assertBothRoundLikeTheReference(Float.intBitsToFloat(random.nextInt()));
        }
    }

    @Test
    void bulkConversionsMatchTheScalarOnesAndCheckSizes() {
        try (Arena arena = Arena.ofConfined()) {
            float[] values = {1.0f, -0.1f, 65520f, 0x1p-25f, Float.NaN, 3.14159f};
            MemorySegment floats = arena.allocateFrom(ValueLayout.JAVA_FLOAT, values);
            for (MatrixPrecision precision : new MatrixPrecision[] {MatrixPrecision.FP16, MatrixPrecision.BF16}) {
                MemorySegment halves = arena.allocate(2L * values.length);
                HalfFloats.encode(floats, halves, precision);
                MemorySegment back = arena.allocate(4L * values.length);
                HalfFloats.decode(halves, back, precision);
                for (int i = 0; i < values.length; i++) {
                    assertThat(Float.floatToRawIntBits(back.getAtIndex(ValueLayout.JAVA_FLOAT, i)))
                            .as(precision + " element " + i)
                            .isEqualTo(Float.floatToRawIntBits(HalfFloats.roundTo(precision, values[i])));
                }
                assertThatThrownBy(() -> HalfFloats.encode(floats, arena.allocate(2L * values.length - 2), precision))
                        .hasMessageContaining("needs room for 6");
            }
            assertThatThrownBy(() -> HalfFloats.encode(floats, arena.allocate(64), MatrixPrecision.TF32))
                    .hasMessageContaining("TF32 inputs are float32");
        }
    }
}
