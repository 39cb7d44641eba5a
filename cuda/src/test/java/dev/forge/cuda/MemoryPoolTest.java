package dev.forge.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forge.cuda.testing.RequiresGpu;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

@RequiresGpu
class MemoryPoolTest {

    @Test
    void memoryFreedInStreamOrderIsReusedWithoutGrowingThePool() {
        CudaDevice device = TestKernels.device();
        long bytes = 64L << 20;
        try (MemoryPool pool = device.createPool(); Stream stream = device.createStream()) {
            long firstAddress;
            try (DeviceBuffer first = pool.allocate(bytes, stream)) {
                firstAddress = first.address();
                first.fillIntsAsync(3, stream);
            }
            stream.synchronize();
            long reservedAfterFirst = pool.reservedBytes();
            assertThat(reservedAfterFirst).isGreaterThanOrEqualTo(bytes);
            assertThat(pool.usedBytes()).isZero();

            for (int round = 0; round < 10; round++) {
                try (DeviceBuffer again = pool.allocate(bytes, stream)) {
                    assertThat(again.address()).isEqualTo(firstAddress);
                    assertThat(pool.usedBytes()).isGreaterThanOrEqualTo(bytes);
                    again.fillIntsAsync(round, stream);
                }
            }
            stream.synchronize();
            assertThat(pool.reservedBytes()).isEqualTo(reservedAfterFirst);
            pool.trimTo(0);
            assertThat(pool.reservedBytes()).isLessThan(reservedAfterFirst);
        }
    }

    @Test
    void pooledMemoryHoldsDataWithinTheStream() {
        CudaDevice device = TestKernels.device();
        int count = 100_000;
        try (MemoryPool pool = device.createPool(); Stream stream = device.createStream()) {
            int[] back = new int[count];
            try (DeviceBuffer buffer = pool.allocate(4L * count, stream)) {
                buffer.fillIntsAsync(5, stream);
                TestKernels.kernel("add_scalar").launcher().grid(64).block(256).stream(stream)
                        .arg(buffer).arg(-8).arg((long) count).launch();
                stream.synchronize();
                buffer.copyTo(MemorySegment.ofArray(back));
            }
            assertThat(back).containsOnly(-3);
        }
    }

    @Test
    void closingAPoolWithOpenBuffersIsRefused() {
        CudaDevice device = TestKernels.device();
        try (Stream stream = device.createStream()) {
            MemoryPool pool = device.createPool();
            DeviceBuffer open = pool.allocate(1024, stream);
            assertThatThrownBy(pool::close).hasMessageContaining("still has 1 open buffer");
            open.close();
            pool.close();
            stream.synchronize();
        }
    }
}
