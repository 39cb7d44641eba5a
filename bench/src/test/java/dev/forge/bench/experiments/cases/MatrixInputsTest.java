package dev.forge.bench.experiments.cases;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.primitives.HalfFloats;
import dev.forge.primitives.MatrixPrecision;
import dev.forge.primitives.cpu.CpuWorkers;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

/**
 * The matrix trials' inputs are cublas_gemm.cu's: the pinned values were computed from fill_uniform's C expression by
 * a separate implementation (Python's unbounded integers masked to 64 bits), not by this class.
 */
class MatrixInputsTest {

    @Test
    void theValuesAreTheHarnesss() {
        assertThat((double) MatrixInputs.value(0, 1)).isEqualTo(0.2876870632171631);
        assertThat((double) MatrixInputs.value(1, 1)).isEqualTo(-0.9833917617797852);
        assertThat((double) MatrixInputs.value(1_000_000, 1)).isEqualTo(0.5997307300567627);
        assertThat((double) MatrixInputs.value(0, 2)).isEqualTo(0.792805552482605);
        assertThat((double) MatrixInputs.value(2, 2)).isEqualTo(0.5829135179519653);
        assertThat((double) MatrixInputs.value(1, 3)).isEqualTo(0.026845097541809082);
        assertThat((double) MatrixInputs.value(1_000_000, 3)).isEqualTo(-0.39003241062164307);
    }

    @Test
    void everyPrecisionHoldsTheSameValuesRoundedAndNoThreadCountChangesThem() {
        int count = 200_003;
        try (Arena arena = Arena.ofShared(); CpuWorkers one = CpuWorkers.withThreads(1)) {
            for (MatrixPrecision precision : MatrixPrecision.values()) {
                MemorySegment parallel = arena.allocate((long) count * precision.inputBytes());
                MemorySegment serial = arena.allocate((long) count * precision.inputBytes());
                MatrixInputs.fill(CpuWorkers.allCores(), parallel, precision, MatrixInputs.B_SEED);
                MatrixInputs.fill(one, serial, precision, MatrixInputs.B_SEED);
                assertThat(parallel.mismatch(serial)).as(precision.toString()).isEqualTo(-1);
                for (int i : new int[] {0, 1, 65_535, 65_536, count - 1}) {
                    float value = MatrixInputs.value(i, MatrixInputs.B_SEED);
                    assertThat(value).isGreaterThanOrEqualTo(-1f).isLessThan(1f);
                    float stored = switch (precision) {
                        case FP32, TF32 -> parallel.getAtIndex(ValueLayout.JAVA_FLOAT, i);
                        case FP16 -> HalfFloats.fromFloat16(parallel.getAtIndex(ValueLayout.JAVA_SHORT, i));
                        case BF16 -> HalfFloats.fromBFloat16(parallel.getAtIndex(ValueLayout.JAVA_SHORT, i));
                    };
                    assertThat(stored).as(precision + " at " + i).isEqualTo(HalfFloats.roundTo(precision, value));
                }
            }
        }
    }
}
