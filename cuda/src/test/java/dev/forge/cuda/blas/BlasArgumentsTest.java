package dev.forge.cuda.blas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The checks that keep a cuBLAS call inside the memory it was given, without a GPU. */
class BlasArgumentsTest {

    @Test
    void aMatrixNeedsItsLastColumnButNoPaddingAfterIt() {
        assertThat(BlasMatrix.requiredBytes(3, 2, 5, 4)).isEqualTo((5 + 3) * 4L);
        assertThat(BlasMatrix.requiredBytes(1, 1, 1, 2)).isEqualTo(2);
        assertThat(BlasMatrix.requiredBytes(65_536, 65_536, 65_536, 4)).isEqualTo(1L << 34);
        assertThatCode(() -> BlasMatrix.check(BlasDataType.FLOAT32, 3, 2, 5, 32, 256)).doesNotThrowAnyException();
    }

    @Test
    void shortMemoryIsRefusedWithWhatItNeeds() {
        assertThatThrownBy(() -> BlasMatrix.check(BlasDataType.BFLOAT16, 3, 2, 5, 15, 256))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 x 2 BFLOAT16", "needs 16 bytes", "has 15");
    }

    @Test
    void aLeadingDimensionBelowTheRowsIsRefused() {
        assertThatThrownBy(() -> BlasMatrix.check(BlasDataType.FLOAT32, 4, 2, 3, 1 << 20, 256))
                .hasMessageContaining("leading dimension 3", "at least its row count");
    }

    @Test
    void emptyMatricesAreRefused() {
        assertThatThrownBy(() -> BlasMatrix.check(BlasDataType.FLOAT32, 0, 2, 1, 64, 256))
                .hasMessageContaining("at least one row and one column");
    }

    @Test
    void misalignedElementsAreRefused() {
        assertThatThrownBy(() -> BlasMatrix.check(BlasDataType.FLOAT32, 1, 1, 1, 64, 258))
                .hasMessageContaining("4-byte boundary", "0x102");
        assertThatCode(() -> BlasMatrix.check(BlasDataType.FLOAT16, 1, 1, 1, 64, 258)).doesNotThrowAnyException();
    }

    @Test
    void vectorsNeedTheirStridedLength() {
        assertThatCode(() -> BlasVector.check(3, 2, 20, 256)).doesNotThrowAnyException();
        assertThatThrownBy(() -> BlasVector.check(3, 2, 19, 256)).hasMessageContaining("needs 20 bytes");
        assertThatThrownBy(() -> BlasVector.check(3, 0, 1024, 256)).hasMessageContaining("positive increment");
        assertThatThrownBy(() -> BlasVector.check(0, 1, 1024, 256)).hasMessageContaining("at least one element");
    }

    @Test
    void onlyTheTypeCombinationsCublasGemmExTakesPass() {
        for (BlasDataType type : BlasDataType.values()) {
            assertThatCode(() -> BlasHandle.requireSupported(type, type, BlasDataType.FLOAT32, BlasComputeType.FLOAT32))
                    .doesNotThrowAnyException();
            assertThatCode(() -> BlasHandle.requireSupported(type, type, type, BlasComputeType.FLOAT32))
                    .doesNotThrowAnyException();
        }
        assertThatCode(() -> BlasHandle.requireSupported(BlasDataType.FLOAT32, BlasDataType.FLOAT32,
                BlasDataType.FLOAT32, BlasComputeType.FLOAT32_FAST_TF32)).doesNotThrowAnyException();
        assertThatThrownBy(() -> BlasHandle.requireSupported(BlasDataType.FLOAT16, BlasDataType.BFLOAT16,
                BlasDataType.FLOAT32, BlasComputeType.FLOAT32)).hasMessageContaining("one type");
        assertThatThrownBy(() -> BlasHandle.requireSupported(BlasDataType.BFLOAT16, BlasDataType.BFLOAT16,
                BlasDataType.FLOAT32, BlasComputeType.FLOAT32_FAST_TF32)).hasMessageContaining("TF32 compute");
        assertThatThrownBy(() -> BlasHandle.requireSupported(BlasDataType.FLOAT16, BlasDataType.FLOAT16,
                BlasDataType.BFLOAT16, BlasComputeType.FLOAT32)).hasMessageContaining("C must be FLOAT32");
    }

    @Test
    void rangesOverlapOnlyWhenTheyShareABytes() {
        assertThat(dev.forge.cuda.DeviceMemory.rangesOverlap(100, 10, 110, 10)).isFalse();
        assertThat(dev.forge.cuda.DeviceMemory.rangesOverlap(100, 11, 110, 10)).isTrue();
        assertThat(dev.forge.cuda.DeviceMemory.rangesOverlap(110, 10, 100, 11)).isTrue();
        assertThat(dev.forge.cuda.DeviceMemory.rangesOverlap(100, 0, 100, 10)).isFalse();
        assertThat(dev.forge.cuda.DeviceMemory.rangesOverlap(100, 100, 120, 10)).isTrue();
    }

    @Test
    void statusesHaveNamesAndMeanings() {
        assertThat(BlasStatus.name(BlasStatus.INVALID_VALUE)).isEqualTo("CUBLAS_STATUS_INVALID_VALUE");
        assertThat(BlasStatus.name(42)).isEqualTo("cublasStatus_t 42");
        for (int status : new int[] {0, 1, 3, 7, 8, 11, 13, 14, 15, 16}) {
            assertThat(BlasStatus.name(status)).startsWith("CUBLAS_STATUS_");
            assertThat(BlasStatus.message(status)).isNotBlank().doesNotContain("does not know");
        }
        BlasException failure = new BlasException("cublasGemmEx", BlasStatus.NOT_SUPPORTED, "multiplying");
        assertThat(failure).hasMessage("cublasGemmEx failed: CUBLAS_STATUS_NOT_SUPPORTED (cuBLAS does not support this"
                + " combination of parameters) while multiplying");
        assertThat(failure.status()).isEqualTo(15);
        assertThat(failure.statusName()).isEqualTo("CUBLAS_STATUS_NOT_SUPPORTED");
    }
}
