package dev.forge.bench.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class NativePeerResultsTest {
    private static final NativePeerResults MEASURED = new NativePeerResults(Map.of(
            NativePeer.CUB, NativePeerResults.parse(NativePeer.CUB, List.of(
                    "cub sort_keys u32 1000000 0.000123000",
                    "cubdata sort_keys u32 1000000 18446744073709551615",
                    "cub reduce_sum int32 1000000 0.000010000",
                    "some warning nvcc printed"), "sm_90"),
            NativePeer.CUBLAS, NativePeerResults.parse(NativePeer.CUBLAS, List.of(
                    "cublas version 130100",
                    "cublas gemm bf16 4096 0.000250000",
                    "cublas gemv fp32 4096 0.000020000",
                    "cublas gemm_bf16_output bf16 4096 0.000240000"), "sm_90")));

    @Test
    void aCubFigureIsShownOnlyForTheSameData() {
        PeerResult same = MEASURED.peerFor(NativeCase.cub("sort_keys", "u32"), 1_000_000, OptionalLong.of(-1));
        assertThat(same.measured()).isTrue();
        assertThat(same.name()).isEqualTo("CUB");
        assertThat(same.medianSeconds()).isEqualTo(0.000123);
        assertThat(same.note()).contains("checksum matches");
        PeerResult other = MEASURED.peerFor(NativeCase.cub("sort_keys", "u32"), 1_000_000, OptionalLong.of(7));
        assertThat(other.measured()).isFalse();
        assertThat(other.note()).contains("18446744073709551615").contains("differs from the trial's 7");
        PeerResult noChecksum = MEASURED.peerFor(NativeCase.cub("reduce_sum", "int32"), 1_000_000,
                OptionalLong.of(3));
        assertThat(noChecksum.measured()).isFalse();
        assertThat(noChecksum.note()).contains("is missing");
    }

    @Test
    void cublasFiguresAreKeyedByOperationPrecisionAndMatrixSide() {
        PeerResult gemm = MEASURED.peerFor(NativeCase.cublas("gemm", "bf16"), 4096, OptionalLong.empty());
        assertThat(gemm.measured()).isTrue();
        assertThat(gemm.name()).isEqualTo("cuBLAS");
        assertThat(gemm.medianSeconds()).isEqualTo(0.00025);
        assertThat(gemm.note()).contains("same values");
        assertThat(MEASURED.peerFor(NativeCase.cublas("gemv", "fp32"), 4096, OptionalLong.empty()).medianSeconds())
                .isEqualTo(0.00002);
        assertThat(MEASURED.peerFor(NativeCase.cublas("gemm", "fp16"), 4096, OptionalLong.empty()).note())
                .isEqualTo("the cuBLAS harness gave no figure for gemm fp16 4096");
        assertThat(MEASURED.status().get("cuBLAS")).contains("cuBLAS 130100").contains("sm_90");
        assertThat(MEASURED.status()).containsOnlyKeys("CUB", "cuBLAS");
    }

    @Test
    void theCublasHarnessIsAskedOncePerMatrixSideOneCallPerSample() {
        assertThat(new NativeCase.Measured(NativePeer.CUBLAS, "gemm", "fp32").request(4096)).isEqualTo("4096");
        assertThat(NativePeer.CUBLAS.arguments(List.of("256", "4096")))
                .containsExactly("--calls-per-sample", "1", "256", "4096");
        assertThat(NativePeer.CUB.arguments(List.of("sort_keys:u32:1000"))).containsExactly("sort_keys:u32:1000");
    }

    @Test
    void missingFiguresAndAbsentPeersSayWhy() {
        assertThat(MEASURED.peerFor(NativeCase.cub("sort_keys", "u64"), 1_000_000, OptionalLong.empty()).note())
                .contains("gave no figure for sort_keys u64 1000000");
        assertThat(MEASURED.peerFor(NativeCase.noCub("CUB has no hash join"), 10, OptionalLong.empty()).note())
                .isEqualTo("CUB has no hash join");
        NativePeerResults absent = NativePeerResults.absent("not measured: no GPU");
        assertThat(absent.peerFor(NativeCase.cub("sort_keys", "u32"), 1_000_000, OptionalLong.empty()).note())
                .isEqualTo("not measured: no GPU");
        assertThat(absent.peerFor(NativeCase.cublas("gemm", "fp32"), 256, OptionalLong.empty()).name())
                .isEqualTo("cuBLAS");
    }
}
