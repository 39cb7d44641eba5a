package dev.forge.bench.primitives;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.primitives.GemmShape;
import dev.forge.primitives.MatrixPrecision;
import dev.forge.primitives.cpu.CpuMatrixMultiply;
import dev.forge.primitives.cpu.CpuWorkers;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

/** The checks pass the twin's own product and name the first element a wrong one got wrong. */
class MatrixProductCheckTest {

    @Test
    void aProductOffByMoreThanTheBoundAtOneElementIsFoundThere() {
        GemmShape shape = GemmShape.of(33, 65, 129);
        CpuMatrixMultiply cpu = new CpuMatrixMultiply(CpuWorkers.allCores());
        try (Arena arena = Arena.ofShared()) {
            for (MatrixPrecision precision : MatrixPrecision.values()) {
                MemorySegment a = GemmBenchmark.randomInputs(arena, precision, shape.elementsOfA(), 5);
                MemorySegment b = GemmBenchmark.randomInputs(arena, precision, shape.elementsOfB(), 6);
                MemorySegment twin = arena.allocate(4 * shape.elementsOfC());
                MemorySegment product = arena.allocate(4 * shape.elementsOfC());
                MemorySegment magnitudes = arena.allocate(4 * shape.elementsOfC());
                cpu.gemm(shape, precision, a, b, twin);
                cpu.magnitudes(shape, precision, a, b, magnitudes);
                product.copyFrom(twin);
                assertThat(MatrixProductCheck.againstTwin(shape, precision, product, twin, magnitudes)).isEmpty();
                assertThat(MatrixProductCheck.sampled(shape, precision, a, b, product, 64)).isEmpty();

                long wrong = 20L * shape.n() + 7; // element [20][7]
                float bound = (float) precision.errorBound(shape.k(), magnitudes.getAtIndex(ValueLayout.JAVA_FLOAT,
                        wrong));
                product.setAtIndex(ValueLayout.JAVA_FLOAT, wrong, twin.getAtIndex(ValueLayout.JAVA_FLOAT, wrong)
                        + 2 * bound);
                assertThat(MatrixProductCheck.againstTwin(shape, precision, product, twin, magnitudes))
                        .as(precision.toString()).hasValueSatisfying(message -> assertThat(message)
                                .contains("at element [20][7]").contains("the CPU twin"));
                // every element off: the sampled check finds one of them
                for (long i = 0; i < shape.elementsOfC(); i++) {
                    product.setAtIndex(ValueLayout.JAVA_FLOAT, i, twin.getAtIndex(ValueLayout.JAVA_FLOAT, i) + 0.5f);
                }
                assertThat(MatrixProductCheck.sampled(shape, precision, a, b, product, 64))
                        .hasValueSatisfying(message -> assertThat(message).contains("its sum in double"));
            }
        }
    }
}
