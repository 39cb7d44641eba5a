package dev.forge.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forge.cuda.testing.RequiresGpu;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

@RequiresGpu
class GraphTest {
    private static final int COUNT = 10_000;

    private static void addTwiceThenOnce(KernelLaunch launch, DeviceBuffer data, int first, int second) {
        launch.clearArguments().arg(data).arg(first).arg((long) COUNT).launch();
        launch.clearArguments().arg(data).arg(first).arg((long) COUNT).launch();
        launch.clearArguments().arg(data).arg(second).arg((long) COUNT).launch();
    }

    private static int[] read(DeviceBuffer data) {
        int[] back = new int[COUNT];
        data.copyTo(MemorySegment.ofArray(back));
        return back;
    }

    @Test
    void capturedKernelsReplayInOrderEveryLaunch() {
        CudaDevice device = TestKernels.device();
        try (Stream stream = device.createStream(); DeviceBuffer data = device.allocate(4L * COUNT)) {
            data.fillInts(100);
            KernelLaunch launch = TestKernels.kernel("add_scalar").launcher().grid(16).block(256).stream(stream);
            try (Graph graph = Graph.capture(stream, () -> addTwiceThenOnce(launch, data, 1, 10))) {
                assertThat(graph.nodeCount()).isEqualTo(3);
                assertThat(read(data)).containsOnly(100); // capturing ran nothing
                try (GraphExec executable = graph.instantiate()) {
                    for (int i = 0; i < 5; i++) {
                        executable.launch(stream);
                    }
                    stream.synchronize();
                }
            }
            assertThat(read(data)).containsOnly(100 + 5 * 12);
        }
    }

    @Test
    void anExecutableUpdatedWithNewArgumentsRunsThem() {
        CudaDevice device = TestKernels.device();
        try (Stream stream = device.createStream(); DeviceBuffer data = device.allocate(4L * COUNT)) {
            data.fillInts(0);
            KernelLaunch launch = TestKernels.kernel("add_scalar").launcher().grid(16).block(256).stream(stream);
            try (Graph original = Graph.capture(stream, () -> addTwiceThenOnce(launch, data, 1, 1));
                    GraphExec executable = original.instantiate();
                    Graph sameShape = Graph.capture(stream, () -> addTwiceThenOnce(launch, data, 100, 1000))) {
                assertThat(executable.update(sameShape)).isTrue();
                executable.launch(stream);
                stream.synchronize();
                assertThat(read(data)).containsOnly(1200);

                try (Graph otherShape = Graph.capture(stream,
                        () -> launch.clearArguments().arg(data).arg(7).arg((long) COUNT).launch())) {
                    assertThat(executable.update(otherShape)).isFalse();
                }
                executable.launch(stream);
                stream.synchronize();
                assertThat(read(data)).containsOnly(2400);
            }
        }
    }

    @Test
    void aFailureDuringCaptureEndsTheCaptureAndTheStreamStaysUsable() {
        CudaDevice device = TestKernels.device();
        try (Stream stream = device.createStream(); DeviceBuffer data = device.allocate(4L * COUNT)) {
            data.fillInts(1);
            assertThatThrownBy(() -> Graph.capture(stream, () -> {
                throw new IllegalStateException("planted");
            })).isInstanceOf(IllegalStateException.class).hasMessage("planted");
            TestKernels.kernel("add_scalar").launcher().grid(16).block(256).stream(stream)
                    .arg(data).arg(1).arg((long) COUNT).launch();
            stream.synchronize();
            assertThat(read(data)).containsOnly(2);
        }
    }
}
