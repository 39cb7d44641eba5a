package dev.forge.primitives.cpu;

import static dev.forge.primitives.cpu.TestInputs.MANY_THREADS;
import static dev.forge.primitives.cpu.TestInputs.ONE_THREAD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forge.primitives.GemmShape;
import dev.forge.primitives.GemvShape;
import dev.forge.primitives.MatrixPrecision;
import dev.forge.primitives.MatrixReference;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CpuMatrixMultiplyTest {
    /** m, n, k: tiny, odd, and across the twin's row (64), column (256) and depth (256) blocks and its 4-row tiles. */
    private static final int[][] GEMM_SHAPES = {
            {1, 1, 1}, {7, 5, 3}, {65, 33, 17}, {128, 128, 128}, {3, 1, 513}, {129, 257, 300}, {6, 70, 1}};
    private static final int[][] GEMV_SHAPES = {{1, 1}, {7, 5}, {65, 33}, {1031, 517}, {3, 2000}, {2000, 3}};

    private final CpuMatrixMultiply one = new CpuMatrixMultiply(ONE_THREAD);
    private final CpuMatrixMultiply many = new CpuMatrixMultiply(MANY_THREADS);

    static Stream<Arguments> gemmCases() {
        return MatrixReference.gemmCases(GEMM_SHAPES);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("gemmCases")
    void gemmEqualsThePlainFusedLoopBitForBitOnAnyThreadCount(GemmShape shape, MatrixPrecision precision) {
        long seed = 31L * shape.m() + 7L * shape.n() + shape.k() + precision.ordinal();
        try (Arena arena = Arena.ofShared()) {
            MemorySegment a = MatrixReference.randomInputs(arena, precision, shape.elementsOfA(), seed);
            MemorySegment b = MatrixReference.randomInputs(arena, precision, shape.elementsOfB(), seed + 1);
            MemorySegment c = arena.allocate(4L * shape.elementsOfC()).fill((byte) 0xFF); // NaN: beta 0 must not read it
            MemorySegment cMany = arena.allocate(4L * shape.elementsOfC());
            one.gemm(shape, precision, a, b, c);
            many.gemm(shape, precision, a, b, cMany);
            assertThat(cMany.mismatch(c)).as("one thread and four").isEqualTo(-1);
            for (int i = 0; i < shape.m(); i++) {
                for (int j = 0; j < shape.n(); j++) {
                    float actual = c.getAtIndex(ValueLayout.JAVA_FLOAT, (long) i * shape.n() + j);
                    float expected = MatrixReference.fmaLoop(shape, precision, a, b, i, j);
                    if (Float.floatToRawIntBits(actual) != Float.floatToRawIntBits(expected)) {
                        throw new AssertionError(shape + " " + precision + " C[" + i + "][" + j + "] = " + actual
                                + ", the plain loop gives " + expected);
                    }
                    // and the plain loop itself is within the documented bound of the exact sum
                    double exact = MatrixReference.exact(shape, precision, a, b, i, j);
                    assertThat(Math.abs(expected - exact)).isLessThanOrEqualTo(
                            precision.errorBound(shape.k(), MatrixReference.magnitude(shape, precision, a, b, i, j)));
                }
            }
        }
    }

    @Test
    void alphaAndBetaCombineWithTheOldOutput() {
        GemmShape shape = new GemmShape(37, 300, 19, false, true);
        try (Arena arena = Arena.ofShared()) {
            MemorySegment a = MatrixReference.randomInputs(arena, MatrixPrecision.BF16, shape.elementsOfA(), 5);
            MemorySegment b = MatrixReference.randomInputs(arena, MatrixPrecision.BF16, shape.elementsOfB(), 6);
            MemorySegment old = MatrixReference.randomFloats(arena, shape.elementsOfC(), 7);
            MemorySegment c = arena.allocate(old.byteSize()).copyFrom(old);
            many.gemm(shape, MatrixPrecision.BF16, 1.5f, a, b, -0.75f, c);
            for (int i = 0; i < shape.m(); i++) {
                for (int j = 0; j < shape.n(); j++) {
                    long index = (long) i * shape.n() + j;
                    float expected = 1.5f * MatrixReference.fmaLoop(shape, MatrixPrecision.BF16, a, b, i, j)
                            + -0.75f * old.getAtIndex(ValueLayout.JAVA_FLOAT, index);
                    assertThat(c.getAtIndex(ValueLayout.JAVA_FLOAT, index)).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void magnitudesBoundTheSumsOfAbsoluteProductsFromAbove() {
        for (MatrixPrecision precision : MatrixPrecision.values()) {
            GemmShape shape = new GemmShape(70, 300, 1500, true, false);
            try (Arena arena = Arena.ofShared()) {
                MemorySegment a = MatrixReference.randomInputs(arena, precision, shape.elementsOfA(), 11);
                MemorySegment b = MatrixReference.randomInputs(arena, precision, shape.elementsOfB(), 12);
                MemorySegment magnitudes = arena.allocate(4 * shape.elementsOfC());
                many.magnitudes(shape, precision, a, b, magnitudes);
                for (int i = 0; i < shape.m(); i += 7) {
                    for (int j = 0; j < shape.n(); j += 3) {
                        double exact = MatrixReference.magnitude(shape, precision, a, b, i, j);
                        double bound = magnitudes.getAtIndex(ValueLayout.JAVA_FLOAT, (long) i * shape.n() + j);
                        assertThat(bound).as(precision + " [" + i + "][" + j + "]").isGreaterThanOrEqualTo(exact)
                                .isLessThanOrEqualTo(exact * (1 + 0x1p-10));
                    }
                }
            }
        }
    }

    static Stream<Arguments> gemvCases() {
        return MatrixReference.gemvCases(GEMV_SHAPES);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("gemvCases")
    void gemvIsWithinTheBoundOfTheExactProductOnAnyThreadCount(GemvShape shape, MatrixPrecision precision) {
        GemmShape asGemm = shape.asGemm();
        try (Arena arena = Arena.ofShared()) {
            MemorySegment a = MatrixReference.randomInputs(arena, precision, shape.elementsOfA(), shape.rows());
            MemorySegment x = MatrixReference.randomInputs(arena, precision, shape.inputLength(), shape.columns());
            MemorySegment y = arena.allocate(4L * shape.outputLength()).fill((byte) 0xFF);
            MemorySegment yMany = arena.allocate(4L * shape.outputLength());
            one.gemv(shape, precision, a, x, y);
            many.gemv(shape, precision, a, x, yMany);
            assertThat(yMany.mismatch(y)).as("one thread and four").isEqualTo(-1);
            for (int i = 0; i < shape.outputLength(); i++) {
                float actual = y.getAtIndex(ValueLayout.JAVA_FLOAT, i);
                double exact = MatrixReference.exact(asGemm, precision, a, x, i, 0);
                double bound = precision.errorBound(shape.inputLength(),
                        MatrixReference.magnitude(asGemm, precision, a, x, i, 0));
                assertThat(Math.abs(actual - exact)).as(shape + " " + precision + " y[" + i + "]").isLessThanOrEqualTo(bound);
                if (shape.transpose()) { // rows are added in order, element by element: the plain fused loop exactly
                    assertThat(actual).isEqualTo(MatrixReference.fmaLoop(asGemm, precision, a, x, i, 0));
                }
            }
        }
    }

    @Test
    void gemvAlphaAndBeta() {
        GemvShape shape = GemvShape.of(100, 40);
        try (Arena arena = Arena.ofShared()) {
            MemorySegment a = MatrixReference.randomInputs(arena, MatrixPrecision.FP32, shape.elementsOfA(), 1);
            MemorySegment x = MatrixReference.randomInputs(arena, MatrixPrecision.FP32, 40, 2);
            MemorySegment old = MatrixReference.randomFloats(arena, 100, 3);
            MemorySegment plain = arena.allocate(400);
            MemorySegment y = arena.allocate(400).copyFrom(old);
            many.gemv(shape, MatrixPrecision.FP32, a, x, plain);
            many.gemv(shape, MatrixPrecision.FP32, -2f, a, x, 0.5f, y);
            for (int i = 0; i < 100; i++) {
                assertThat(y.getAtIndex(ValueLayout.JAVA_FLOAT, i)).isEqualTo(-2f * plain.getAtIndex(ValueLayout.JAVA_FLOAT, i)
                        + 0.5f * old.getAtIndex(ValueLayout.JAVA_FLOAT, i));
            }
        }
    }

    @Test
    void segmentsTooSmallForTheShapeAreRefusedByName() {
        GemmShape shape = GemmShape.of(4, 5, 6);
        try (Arena arena = Arena.ofShared()) {
            MemorySegment a = arena.allocate(2L * 24);
            MemorySegment b = arena.allocate(2L * 30);
            assertThatThrownBy(() -> many.gemm(shape, MatrixPrecision.FP16, a, b, arena.allocate(4L * 19)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("C holds 19", "needs 20");
            assertThatThrownBy(() -> many.gemm(shape, MatrixPrecision.FP32, a, b, arena.allocate(4L * 20)))
                    .hasMessageContaining("A holds 12 elements of 4 bytes", "needs 24");
            assertThatThrownBy(() -> many.gemv(new GemvShape(4, 6, true), MatrixPrecision.BF16, a, arena.allocate(6),
                    arena.allocate(24))).hasMessageContaining("x holds 3", "needs 4");
        }
    }
}
