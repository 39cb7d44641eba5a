package dev.forge.primitives.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forge.cuda.Cuda;
import dev.forge.cuda.CudaDevice;
import dev.forge.cuda.DeviceBuffer;
import dev.forge.cuda.DeviceMemory;
import dev.forge.cuda.Stream;
import dev.forge.cuda.blas.BlasHandle;
import dev.forge.cuda.testing.RequiresGpu;
import dev.forge.primitives.GemmShape;
import dev.forge.primitives.GemvShape;
import dev.forge.primitives.MatrixPrecision;
import dev.forge.primitives.MatrixReference;
import dev.forge.primitives.cpu.CpuMatrixMultiply;
import dev.forge.primitives.cpu.CpuWorkers;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * cuBLAS through {@link GpuMatrixMultiply} against {@link CpuMatrixMultiply} on seeded random inputs, every precision,
 * every transpose and every shape class. Outputs start as NaN (all bits set) with a poisoned guard after them, so an
 * element cuBLAS did not write, or one it wrote past the end, fails. Each element may differ from the twin's by
 * {@link MatrixPrecision#errorBound}: {@code (2k + 8) 2^-23} of its magnitude {@code sum |a_ip b_pj|}, plus
 * {@code 2^-9} for TF32's input rounding (the derivation is there); a product with a wrong or missing term is off by
 * about {@code 1/k} of the magnitude or more, which the bound catches for the depths tested here.
 */
@RequiresGpu
class GpuMatrixMultiplyTest {
    private static final int[][] GEMM_SHAPES = {
            {1, 1, 1}, {7, 5, 3}, {65, 33, 17}, {128, 128, 128}, {256, 256, 256},
            {1031, 17, 64}, // tall
            {17, 1031, 64}, // wide
            {300, 200, 1}, // k = 1
            {1000, 1, 300}, // n = 1 as a GEMM
            {33, 29, 4099}, // deep
            {129, 257, 300}};
    private static final int[][] GEMV_SHAPES = {{1, 1}, {7, 5}, {65, 33}, {1031, 517}, {3, 2000}, {2000, 3}, {4096, 4096}};

    private static CpuWorkers workers;
    private static CpuMatrixMultiply cpu;
    private static Stream stream;
    private static GpuMatrixMultiply gpu;

    @BeforeAll
    static void start() {
        assertThat(BlasHandle.unavailableReason()).as("cuBLAS on the GPU machine").isEmpty();
        workers = CpuWorkers.allCores();
        cpu = new CpuMatrixMultiply(workers);
        stream = Cuda.defaultDevice().createStream();
        gpu = new GpuMatrixMultiply(stream);
    }

    @AfterAll
    static void stop() {
        if (gpu != null) {
            gpu.close();
        }
        if (stream != null) {
            stream.close();
        }
    }

    static java.util.stream.Stream<Arguments> gemmCases() {
        return MatrixReference.gemmCases(GEMM_SHAPES);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("gemmCases")
    void gemmMatchesTheTwin(GemmShape shape, MatrixPrecision precision) {
        checkGemm(shape, precision, 1, 0, 17L * shape.m() + 5L * shape.n() + shape.k() + precision.ordinal());
    }

    @Test
    void alphaAndBetaScaleTheProductAndTheOldOutput() {
        for (MatrixPrecision precision : MatrixPrecision.values()) {
            checkGemm(new GemmShape(65, 33, 17, true, false), precision, 1.5f, -0.75f, 99);
        }
    }

    @Test
    void largeSquareProductsMatchTheTwin() {
        for (MatrixPrecision precision : MatrixPrecision.values()) {
            checkGemm(GemmShape.of(2048, 2048, 2048), precision, 1, 0, 2048);
        }
    }

    private static void checkGemm(GemmShape shape, MatrixPrecision precision, float alpha, float beta, long seed) {
        checkProduct(shape, precision, alpha, beta, seed, (a, b, c) -> gpu.gemm(shape, precision, alpha, a, b, beta, c),
                (a, b, c) -> cpu.gemm(shape, precision, alpha, a, b, beta, c), shape + " " + precision);
    }

    /** The device memory of a product's two inputs and its output. */
    private interface DeviceProduct {
        void run(DeviceMemory a, DeviceMemory b, DeviceMemory c);
    }

    /** The host memory of a product's two inputs and its output. */
    private interface HostProduct {
        void run(MemorySegment a, MemorySegment b, MemorySegment c);
    }

    /**
     * Runs a product of {@code shape} (a GEMV as its one-column GEMM) on the GPU and the twin from the same seeded
     * inputs and checks every output element against the bound, and the guard after the output.
     */
    private static void checkProduct(GemmShape shape, MatrixPrecision precision, float alpha, float beta, long seed,
            DeviceProduct onGpu, HostProduct onCpu, String what) {
        CudaDevice device = stream.device();
        long cBytes = 4 * shape.elementsOfC();
        try (Arena arena = Arena.ofShared();
                DeviceBuffer a = device.allocate(shape.elementsOfA() * precision.inputBytes());
                DeviceBuffer b = device.allocate(shape.elementsOfB() * precision.inputBytes());
                DeviceBuffer c = device.allocate(cBytes + DeviceOutputs.GUARD_BYTES)) {
            MemorySegment hostA = MatrixReference.randomInputs(arena, precision, shape.elementsOfA(), seed);
            MemorySegment hostB = MatrixReference.randomInputs(arena, precision, shape.elementsOfB(), seed + 1);
            MemorySegment old = MatrixReference.randomFloats(arena, shape.elementsOfC(), seed + 2);
            GpuInputs.upload(arena, hostA, a, stream);
            GpuInputs.upload(arena, hostB, b, stream);
            c.fillAsync((byte) 0xFF, stream); // NaN everywhere, guard included
            if (beta != 0) {
                GpuInputs.upload(arena, old, c, stream);
            }
            onGpu.run(a, b, c.slice(0, cBytes));
            MemorySegment twin = arena.allocate(cBytes).copyFrom(old);
            onCpu.run(hostA, hostB, twin);
            stream.synchronize();
            MemorySegment back = arena.allocate(cBytes + DeviceOutputs.GUARD_BYTES);
            c.copyTo(back);
            MemorySegment magnitudes = arena.allocate(cBytes);
            cpu.magnitudes(shape, precision, hostA, hostB, magnitudes);
            for (long index = 0; index < shape.elementsOfC(); index++) {
                float actual = back.getAtIndex(ValueLayout.JAVA_FLOAT, index);
                float expected = twin.getAtIndex(ValueLayout.JAVA_FLOAT, index);
                double magnitude = Math.abs(alpha) * magnitudes.getAtIndex(ValueLayout.JAVA_FLOAT, index)
                        + Math.abs(beta * old.getAtIndex(ValueLayout.JAVA_FLOAT, index));
                double bound = precision.errorBound(shape.k(), magnitude);
                if (!(Math.abs(actual - expected) <= bound)) { // NaN fails too
                    throw new AssertionError(what + ": output [" + index / shape.n() + "][" + index % shape.n()
                            + "]: GPU " + actual + ", twin " + expected + ", allowed difference " + bound);
                }
            }
            for (long i = cBytes; i < back.byteSize(); i++) {
                assertThat(back.get(ValueLayout.JAVA_BYTE, i)).as(what + ": guard byte " + (i - cBytes)).isEqualTo((byte) 0xFF);
            }
        }
    }

    static java.util.stream.Stream<Arguments> gemvCases() {
        return MatrixReference.gemvCases(GEMV_SHAPES);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("gemvCases")
    void gemvMatchesTheTwin(GemvShape shape, MatrixPrecision precision) {
        checkGemv(shape, precision, 1, 0);
    }

    @Test
    void gemvAlphaAndBeta() {
        for (MatrixPrecision precision : MatrixPrecision.values()) {
            checkGemv(new GemvShape(300, 77, true), precision, -2f, 0.5f);
        }
    }

    private static void checkGemv(GemvShape shape, MatrixPrecision precision, float alpha, float beta) {
        checkProduct(shape.asGemm(), precision, alpha, beta, 3L * shape.rows() + shape.columns() + precision.ordinal(),
                (a, x, y) -> gpu.gemv(shape, precision, alpha, a, x, beta, y),
                (a, x, y) -> cpu.gemv(shape, precision, alpha, a, x, beta, y), shape + " " + precision);
    }

    @Test
    void callsQueueOnTheStreamOneAfterAnother() {
        // C = A B, then y = C x on the same stream with no wait in between: the GEMV must see the GEMM's result
        GemmShape shape = GemmShape.of(300, 200, 100);
        GemvShape vectorShape = GemvShape.of(300, 200);
        CudaDevice device = stream.device();
        try (Arena arena = Arena.ofShared(); DeviceBuffer a = device.allocate(4 * shape.elementsOfA());
                DeviceBuffer b = device.allocate(4 * shape.elementsOfB()); DeviceBuffer c = device.allocate(4 * shape.elementsOfC());
                DeviceBuffer x = device.allocate(4 * 200); DeviceBuffer y = device.allocate(4 * 300)) {
            MemorySegment hostA = MatrixReference.randomInputs(arena, MatrixPrecision.FP32, shape.elementsOfA(), 1);
            MemorySegment hostB = MatrixReference.randomInputs(arena, MatrixPrecision.FP32, shape.elementsOfB(), 2);
            MemorySegment hostX = MatrixReference.randomInputs(arena, MatrixPrecision.FP32, 200, 3);
            GpuInputs.upload(arena, hostA, a, stream);
            GpuInputs.upload(arena, hostB, b, stream);
            GpuInputs.upload(arena, hostX, x, stream);
            c.fillAsync((byte) 0xFF, stream);
            y.fillAsync((byte) 0xFF, stream);
            gpu.gemm(shape, MatrixPrecision.FP32, a, b, c);
            gpu.gemv(vectorShape, MatrixPrecision.FP32, c, x, y);
            stream.synchronize();
            MemorySegment product = arena.allocate(4 * shape.elementsOfC());
            c.copyTo(product);
            MemorySegment expected = arena.allocate(4 * 300);
            cpu.gemv(vectorShape, MatrixPrecision.FP32, product, hostX, expected);
            MemorySegment back = arena.allocate(4 * 300);
            y.copyTo(back);
            for (int i = 0; i < 300; i++) {
                double magnitude = MatrixReference.magnitude(vectorShape.asGemm(), MatrixPrecision.FP32, product, hostX, i, 0);
                assertThat((double) Math.abs(back.getAtIndex(ValueLayout.JAVA_FLOAT, i) - expected.getAtIndex(ValueLayout.JAVA_FLOAT, i)))
                        .as("y[" + i + "]").isLessThanOrEqualTo(MatrixPrecision.FP32.errorBound(200, magnitude));
            }
        }
    }

    @Test
    void wrongSizesAreRefusedInRowMajorTermsBeforeCublasRuns() {
        CudaDevice device = stream.device();
        GemmShape shape = GemmShape.of(4, 5, 6);
        try (DeviceBuffer a = device.allocate(2 * 24); DeviceBuffer b = device.allocate(2 * 30);
                DeviceBuffer c = device.allocate(4 * 19)) {
            assertThatThrownBy(() -> gpu.gemm(shape, MatrixPrecision.BF16, a, b, c))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("C holds 19", "needs 20");
            assertThatThrownBy(() -> gpu.gemm(shape, MatrixPrecision.FP32, a, b, c)).hasMessageContaining("A holds 12");
            assertThatThrownBy(() -> gpu.gemv(GemvShape.of(4, 6), MatrixPrecision.FP16, a, b.slice(0, 6), c))
                    .hasMessageContaining("x holds 3", "needs 6");
            assertThatThrownBy(() -> gpu.gemm(GemmShape.of(2, 2, 2), MatrixPrecision.FP16, a, b, a.slice(0, 16)))
                    .hasMessageContaining("C overlaps A");
        }
    }
}
