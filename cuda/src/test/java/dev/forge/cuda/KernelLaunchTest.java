package dev.forge.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forge.cuda.testing.RequiresGpu;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@RequiresGpu
class KernelLaunchTest {

    @Test
    void everyArgumentTypeArrivesWithItsValue() {
        CudaDevice device = TestKernels.device();
        try (Arena arena = Arena.ofConfined(); Stream stream = device.createStream();
                DeviceBuffer input = device.allocate(4); DeviceBuffer out = device.allocate(64)) {
            input.copyFrom(MemorySegment.ofArray(new int[] {-123_456_789}));
            out.fill((byte) 0x5A);
            MemorySegment pack = arena.allocate(24, 8);
            pack.set(ValueLayout.JAVA_INT, 0, 987_654);
            pack.set(ValueLayout.JAVA_DOUBLE, 8, -2.5e-300);
            pack.set(ValueLayout.JAVA_BYTE, 16, (byte) 'Q');

            TestKernels.kernel("echo_arguments").launcher().grid(1).block(32).stream(stream)
                    .arg((byte) -7).arg((short) -31_000).arg(2_000_000_123).arg(-9_000_000_000_000_000_001L)
                    .arg(3.25e-20f).arg(Math.PI).arg(true).arg(input).argStruct(pack, 8).arg(out)
                    .launch();
            stream.synchronize();

            MemorySegment echoed = arena.allocate(64);
            out.copyTo(echoed);
            assertThat(echoed.get(ValueLayout.JAVA_BYTE, 0)).isEqualTo((byte) -7);
            assertThat(echoed.get(ValueLayout.JAVA_SHORT, 2)).isEqualTo((short) -31_000);
            assertThat(echoed.get(ValueLayout.JAVA_INT, 4)).isEqualTo(2_000_000_123);
            assertThat(echoed.get(ValueLayout.JAVA_LONG, 8)).isEqualTo(-9_000_000_000_000_000_001L);
            assertThat(echoed.get(ValueLayout.JAVA_FLOAT, 16)).isEqualTo(3.25e-20f);
            assertThat(echoed.get(ValueLayout.JAVA_DOUBLE, 24)).isEqualTo(Math.PI);
            assertThat(echoed.get(ValueLayout.JAVA_BYTE, 32)).isEqualTo((byte) 1);
            assertThat(echoed.get(ValueLayout.JAVA_INT, 36)).isEqualTo(-123_456_789);
            assertThat(echoed.get(ValueLayout.JAVA_INT, 40)).isEqualTo(987_654);
            assertThat(echoed.get(ValueLayout.JAVA_DOUBLE, 48)).isEqualTo(-2.5e-300);
            assertThat(echoed.get(ValueLayout.JAVA_BYTE, 56)).isEqualTo((byte) 'Q');
        }
    }

    @Test
    void threeDimensionalGridsAndBlocksCoverEveryThread() {
        int blocks = 3 * 2 * 5;
        int threads = 4 * 8 * 2;
        int total = blocks * threads;
        try (Stream stream = TestKernels.device().createStream(); DeviceBuffer out = TestKernels.device().allocate(4L * total)) {
            out.fillInts(-1);
            TestKernels.kernel("write_linear_index").launcher().grid(3, 2, 5).block(4, 8, 2).stream(stream).arg(out).launch();
            stream.synchronize();
            int[] back = new int[total];
            out.copyTo(MemorySegment.ofArray(back));
            assertThat(back).isEqualTo(IntStream.range(0, total).toArray());
        }
    }

    @Test
    void dynamicSharedMemoryAboveTheDefaultLimitWorksOnceAllowed() {
        CudaDevice device = TestKernels.device();
        int count = 60 * 1024 / 4; // 60 KiB: more than the 48 KiB a block gets without opting in
        int[] values = IntStream.range(0, count).map(i -> i * 7 - 1000).toArray();
        Kernel reverse = TestKernels.kernel("reverse_through_shared").allowDynamicSharedMemory(4 * count);
        try (Stream stream = device.createStream(); DeviceBuffer in = device.allocate(4L * count);
                DeviceBuffer out = device.allocate(4L * count)) {
            in.copyFrom(MemorySegment.ofArray(values));
            out.fillInts(0x5A5A5A5A);
            reverse.launcher().grid(1).block(256).sharedMemory(4 * count).stream(stream).arg(in).arg(out).arg(count).launch();
            stream.synchronize();
            int[] back = new int[count];
            out.copyTo(MemorySegment.ofArray(back));
            assertThat(back[0]).isEqualTo(values[count - 1]);
            assertThat(back[count - 1]).isEqualTo(values[0]);
            assertThat(back[1234]).isEqualTo(values[count - 1 - 1234]);
        }
    }

    @Test
    void cooperativeLaunchKeepsTheWholeGridResident() {
        CudaDevice device = TestKernels.device();
        Kernel barrier = TestKernels.kernel("grid_barrier_count");
        int perMultiprocessor = barrier.maxActiveBlocksPerMultiprocessor(128, 0);
        assertThat(perMultiprocessor).isPositive();
        int blocks = device.info().multiprocessors() * perMultiprocessor;
        try (Stream stream = device.createStream(); DeviceBuffer arrived = device.allocate(4);
                DeviceBuffer seen = device.allocate(4L * blocks)) {
            arrived.fillInts(0);
            seen.fillInts(-1);
            barrier.launcher().grid(blocks).block(128).cooperative(true).stream(stream).arg(arrived).arg(seen).launch();
            stream.synchronize();
            int[] back = new int[blocks];
            seen.copyTo(MemorySegment.ofArray(back));
            assertThat(back).containsOnly(blocks);
        }
    }

    @Test
    void occupancyAndAttributesDescribeTheKernel() {
        Kernel add = TestKernels.kernel("add_scalar");
        int[] suggestion = add.suggestedBlockSize(0);
        assertThat(suggestion[0]).isBetween(32, 1024);
        assertThat(suggestion[1]).isPositive();
        assertThat(add.registersPerThread()).isBetween(1, 255);
        assertThat(add.maxThreadsPerBlock()).isEqualTo(1024);
        assertThat(add.localMemoryBytes()).isZero();
    }

    @Test
    void launchingWithoutAStreamOrWithAnEmptyGridIsRejectedWithTheKernelName() {
        Kernel add = TestKernels.kernel("add_scalar");
        assertThatThrownBy(() -> add.launcher().grid(1).block(32).launch())
                .hasMessageContaining("no stream set for kernel add_scalar");
        try (Stream stream = TestKernels.device().createStream()) {
            assertThatThrownBy(() -> add.launcher().grid(0).block(32).stream(stream).launch())
                    .hasMessageContaining("must be positive");
        }
    }

    @Test
    void unknownKernelNameFailsWithTheNameAndModule() {
        assertThatThrownBy(() -> TestKernels.module().kernel("no_such_kernel"))
                .isInstanceOf(CudaException.class)
                .hasMessageContaining("no_such_kernel")
                .hasMessageContaining("CUDA_ERROR_NOT_FOUND");
    }
}
