package dev.forge.primitives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MatrixShapeTest {

    @Test
    void gemmShapesCountTheirElementsAndWork() {
        GemmShape shape = new GemmShape(65_536, 65_536, 3, true, false);
        assertThat(shape.elementsOfA()).isEqualTo(3L * 65_536);
        assertThat(shape.elementsOfC()).isEqualTo(1L << 32);
        assertThat(shape.storedRowsOfA()).isEqualTo(3);
        assertThat(shape.storedRowsOfB()).isEqualTo(3);
        assertThat(GemmShape.of(8192, 8192, 8192).floatingPointOperations()).isEqualTo(2 * Math.pow(8192, 3));
        assertThat(shape.toString()).contains("A transposed");
    }

    @Test
    void emptyDimensionsAreRefusedByName() {
        assertThatThrownBy(() -> GemmShape.of(3, 0, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("m=3, n=0, k=2");
        assertThatThrownBy(() -> GemmShape.of(-1, 2, 2)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> GemvShape.of(0, 5)).hasMessageContaining("0 x 5");
    }

    @Test
    void gemvIsAGemmWithOneOutputColumn() {
        GemvShape plain = GemvShape.of(7, 5);
        assertThat(plain.inputLength()).isEqualTo(5);
        assertThat(plain.outputLength()).isEqualTo(7);
        assertThat(plain.asGemm()).isEqualTo(new GemmShape(7, 1, 5, false, false));
        GemvShape transposed = new GemvShape(7, 5, true);
        assertThat(transposed.inputLength()).isEqualTo(7);
        assertThat(transposed.outputLength()).isEqualTo(5);
        assertThat(transposed.asGemm()).isEqualTo(new GemmShape(5, 1, 7, true, false));
        assertThat(transposed.asGemm().elementsOfA()).isEqualTo(transposed.elementsOfA());
    }

    @Test
    void theErrorBoundGrowsWithDepthAndTf32AddsItsInputRounding() {
        assertThat(MatrixPrecision.FP32.errorBound(1024, 1.0)).isCloseTo((2 * 1024 + 8) * 0x1p-23, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(MatrixPrecision.TF32.errorBound(1024, 1.0) - MatrixPrecision.FP32.errorBound(1024, 1.0))
                .isCloseTo(0x1p-9, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(MatrixPrecision.BF16.errorBound(1, 0)).isPositive();
        assertThat(MatrixPrecision.BF16.inputBytes()).isEqualTo(2);
        assertThat(MatrixPrecision.TF32.halfInputs()).isFalse();
    }
}
