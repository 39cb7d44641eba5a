package dev.forge.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forge.cuda.testing.RequiresGpu;
import org.junit.jupiter.api.Test;

@RequiresGpu
class ContextResetTest {

    @Test
    void objectsFromBeforeAResetRefuseToBeUsedAndNewOnesWork() {
        CudaDevice device = TestKernels.device();
        int generation = device.generation();
        try (DeviceBuffer stale = device.allocate(256); Stream staleStream = device.createStream()) {
            device.reset();
            assertThat(device.generation()).isEqualTo(generation + 1);
            assertThatThrownBy(stale::address).hasMessageContaining("was reset");
            assertThatThrownBy(staleStream::handle).hasMessageContaining("was reset");
        }
        assertThat(TestKernels.fillAddAndRead(device, 1000, 1, 6)).containsOnly(7);
    }
}
