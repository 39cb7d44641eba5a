package dev.forge.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.forge.cuda.bindings.Driver;
import org.junit.jupiter.api.Test;

class CudaStatusTest {

    @Test
    void withoutADriverForgeSaysInOneSentenceThatItRunsOnTheCpu() {
        assumeFalse(Driver.library().isLoaded(), "this machine has a CUDA driver");
        CudaStatus status = Cuda.status();
        assertThat(status.available()).isFalse();
        assertThat(status.reason()).isEqualTo("no CUDA driver found: Forge will run on the CPU");
        assertThat(Driver.library().failure().orElseThrow()).contains("libcuda.so.1");
        assertThatThrownBy(() -> Cuda.device(0)).isInstanceOf(IllegalStateException.class)
                .hasMessage("no CUDA driver found: Forge will run on the CPU");
    }

    @Test
    void withADeviceTheStatusCountsItAndRejectsOrdinalsBeyond() {
        assumeTrue(Cuda.isAvailable(), "no CUDA device here");
        assertThat(Cuda.deviceCount()).isPositive();
        assertThat(Cuda.status().driverVersionText()).matches("\\d+\\.\\d");
        assertThatThrownBy(() -> Cuda.device(Cuda.deviceCount())).hasMessageContaining("no CUDA device");
    }

    @Test
    void errorNamesFallBackToTheNumberWithoutADriver() {
        assumeFalse(Driver.library().isLoaded(), "this machine has a CUDA driver");
        assertThat(CudaErrors.name(700)).isEqualTo("CUresult 700");
        assertThat(CudaErrors.isSticky(CudaErrors.ILLEGAL_ADDRESS)).isTrue();
        assertThat(CudaErrors.isSticky(CudaErrors.OUT_OF_MEMORY)).isFalse();
    }
}
