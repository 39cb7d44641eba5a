package dev.forge.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forge.cuda.testing.RequiresGpu;
import java.lang.foreign.MemorySegment;
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
        int count = 1000;
        try (Stream stream = device.createStream(); DeviceBuffer fresh = device.allocate(4L * count)) {
            fresh.fillInts(1);
            TestKernels.kernel("add_scalar").launcher().grid(4).block(256).stream(stream)
                    .arg(fresh).arg(6).arg((long) count).launch();
            stream.synchronize();
            int[] back = new int[count];
            fresh.copyTo(MemorySegment.ofArray(back));
            assertThat(back).containsOnly(7);
        }
    }
}
