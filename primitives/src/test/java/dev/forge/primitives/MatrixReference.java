package dev.forge.primitives;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Seeded matrix inputs and the obvious per-element formulas the matrix products are checked against, written from the
 * stored row-major layout alone (decoding halves with the JDK and a shift, not with {@link HalfFloats}).
 */
public final class MatrixReference {
    private MatrixReference() {
    }

    /**
     * {@code count} inputs of {@code precision}'s type: uniform in [-1, 1), one in eight scaled by 2^-6..2^6 so that
     * magnitudes mix; rounded to the type, never all zero.
     */
    public static MemorySegment randomInputs(Arena arena, MatrixPrecision precision, long count, long seed) {
        MemorySegment values = arena.allocate(Math.max(1, count * precision.inputBytes()), 16)
                .asSlice(0, count * precision.inputBytes());
        SplittableRandom random = new SplittableRandom(seed);
        for (long i = 0; i < count; i++) {
            float value = (float) (random.nextDouble(-1, 1) * (random.nextInt(8) == 0 ? Math.scalb(1.0, random.nextInt(-6, 7)) : 1));
            switch (precision) {
                case FP32, TF32 -> values.setAtIndex(ValueLayout.JAVA_FLOAT, i, value);
                case FP16 -> values.setAtIndex(ValueLayout.JAVA_SHORT, i, Float.floatToFloat16(value));
                case BF16 -> values.setAtIndex(ValueLayout.JAVA_SHORT, i,
                        (short) (Float.floatToRawIntBits(value) >>> 16)); // cut: any bfloat16 is a fine input
            }
        }
        return values;
    }

    /** float32 values, e.g. for a C that beta scales. */
    public static MemorySegment randomFloats(Arena arena, long count, long seed) {
        return randomInputs(arena, MatrixPrecision.FP32, count, seed);
    }

    public static float input(MemorySegment stored, MatrixPrecision precision, long index) {
        return switch (precision) {
            case FP32, TF32 -> stored.getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, index);
            case FP16 -> Float.float16ToFloat(stored.getAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, index));
            case BF16 -> Float.intBitsToFloat(stored.getAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, index) << 16);
        };
    }

    /** Element (i, p) of op(A). */
    public static float left(GemmShape shape, MatrixPrecision precision, MemorySegment a, int i, int p) {
        return input(a, precision, shape.transposeA() ? (long) p * shape.m() + i : (long) i * shape.k() + p);
    }

    /** Element (p, j) of op(B). */
    public static float right(GemmShape shape, MatrixPrecision precision, MemorySegment b, int p, int j) {
        return input(b, precision, shape.transposeB() ? (long) j * shape.k() + p : (long) p * shape.n() + j);
    }

    /** The plain loop: {@code acc = fma(a, b, acc)} in float, p ascending. */
    public static float fmaLoop(GemmShape shape, MatrixPrecision precision, MemorySegment a, MemorySegment b, int i, int j) {
        float sum = 0;
        for (int p = 0; p < shape.k(); p++) {
            sum = Math.fma(left(shape, precision, a, i, p), right(shape, precision, b, p, j), sum);
        }
        return sum;
    }

    /** The sum of products in double: each product of two floats is exact there. */
    public static double exact(GemmShape shape, MatrixPrecision precision, MemorySegment a, MemorySegment b, int i, int j) {
        double sum = 0;
        for (int p = 0; p < shape.k(); p++) {
            sum += (double) left(shape, precision, a, i, p) * right(shape, precision, b, p, j);
        }
        return sum;
    }

    /** {@code sum over p of |a_ip b_pj|}, what rounding errors of the sum are relative to. */
    public static double magnitude(GemmShape shape, MatrixPrecision precision, MemorySegment a, MemorySegment b, int i,
            int j) {
        double sum = 0;
        for (int p = 0; p < shape.k(); p++) {
            sum += Math.abs((double) left(shape, precision, a, i, p) * right(shape, precision, b, p, j));
        }
        return sum;
    }

    /** (GemmShape, MatrixPrecision) test arguments: each {m, n, k} with all four transposes, in every precision. */
    public static Stream<Arguments> gemmCases(int[][] shapes) {
        Stream.Builder<Arguments> cases = Stream.builder();
        for (int[] shape : shapes) {
            for (int transposes = 0; transposes < 4; transposes++) {
                for (MatrixPrecision precision : MatrixPrecision.values()) {
                    cases.add(Arguments.of(new GemmShape(shape[0], shape[1], shape[2], (transposes & 1) != 0,
                            (transposes & 2) != 0), precision));
                }
            }
        }
        return cases.build();
    }

    /** (GemvShape, MatrixPrecision) test arguments: each {rows, columns} plain and transposed, in every precision. */
    public static Stream<Arguments> gemvCases(int[][] shapes) {
        Stream.Builder<Arguments> cases = Stream.builder();
        for (int[] shape : shapes) {
            for (boolean transpose : new boolean[] {false, true}) {
                for (MatrixPrecision precision : MatrixPrecision.values()) {
                    cases.add(Arguments.of(new GemvShape(shape[0], shape[1], transpose), precision));
                }
            }
        }
        return cases.build();
    }
}
