package dev.forge.bench.primitives;

import dev.forge.primitives.GemmShape;
import dev.forge.primitives.HalfFloats;
import dev.forge.primitives.MatrixPrecision;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Whether a GPU matrix product (row-major, float32 output) is right, within {@link MatrixPrecision#errorBound}: every
 * element against the CPU twin's, or elements at seeded random places against their sums in double where the twin
 * does not run. Each check returns the first element out of bounds, described, so that the GEMM benchmark can stop
 * and the experiment suite can fail the trial, each in its own way.
 */
public final class MatrixProductCheck {
    private MatrixProductCheck() {
    }

    /**
     * The first element of {@code product} farther from {@code twin}'s than the bound allows, where
     * {@code magnitudes} holds each element's {@code sum of |a_ip b_pj|} ({@code CpuMatrixMultiply.magnitudes}); empty
     * when every element is within.
     */
    public static Optional<String> againstTwin(GemmShape shape, MatrixPrecision precision, MemorySegment product,
            MemorySegment twin, MemorySegment magnitudes) {
        for (long index = 0; index < shape.elementsOfC(); index++) {
            float actual = product.getAtIndex(ValueLayout.JAVA_FLOAT, index);
            float expected = twin.getAtIndex(ValueLayout.JAVA_FLOAT, index);
            double bound = precision.errorBound(shape.k(), magnitudes.getAtIndex(ValueLayout.JAVA_FLOAT, index));
            if (!(Math.abs(actual - expected) <= bound)) {
                return Optional.of(describe(shape, index, actual, expected, bound, "the CPU twin"));
            }
        }
        return Optional.empty();
    }

    /**
     * The first of {@code samples} elements at seeded random places farther from its sum in double (over the stored
     * inputs, no transposes) than the bound allows; empty when all are within.
     */
    public static Optional<String> sampled(GemmShape shape, MatrixPrecision precision, MemorySegment a,
            MemorySegment b, MemorySegment product, int samples) {
        SplittableRandom random = new SplittableRandom(shape.m());
        for (int sample = 0; sample < samples; sample++) {
            int i = random.nextInt(shape.m());
            int j = random.nextInt(shape.n());
            double sum = 0;
            double magnitude = 0;
            for (int p = 0; p < shape.k(); p++) {
                double term = (double) input(a, precision, (long) i * shape.k() + p)
                        * input(b, precision, (long) p * shape.n() + j);
                sum += term;
                magnitude += Math.abs(term);
            }
            long index = (long) i * shape.n() + j;
            float actual = product.getAtIndex(ValueLayout.JAVA_FLOAT, index);
            double bound = precision.errorBound(shape.k(), magnitude);
            if (!(Math.abs(actual - sum) <= bound)) {
                return Optional.of(describe(shape, index, actual, sum, bound, "its sum in double"));
            }
        }
        return Optional.empty();
    }

    private static String describe(GemmShape shape, long index, double actual, double expected, double bound,
            String reference) {
        return "gave " + actual + " at element [" + index / shape.n() + "][" + index % shape.n() + "], " + reference
                + " " + expected + " (allowed difference " + (float) bound + ")";
    }

    private static float input(MemorySegment values, MatrixPrecision precision, long index) {
        return switch (precision) {
            case FP32, TF32 -> values.getAtIndex(ValueLayout.JAVA_FLOAT, index);
            case FP16 -> HalfFloats.fromFloat16(values.getAtIndex(ValueLayout.JAVA_SHORT, index));
            case BF16 -> HalfFloats.fromBFloat16(values.getAtIndex(ValueLayout.JAVA_SHORT, index));
        };
    }
}
