package dev.forge.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.cuda.testing.RequiresGpu;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

@RequiresGpu
class StreamAndEventTest {

    @Test
    void eventsTimeDeviceWork() {
        CudaDevice device = TestKernels.device();
        long cycles = 5L * device.info().clockKiloHertz(); // kHz is cycles per millisecond: 5 ms at the maximum clock
        try (Stream stream = device.createStream(); Event start = device.createEvent(); Event end = device.createEvent()) {
            start.record(stream);
            TestKernels.kernel("spin").launcher().grid(1).block(1).stream(stream).arg(cycles).launch();
            end.record(stream);
            end.synchronize();
            assertThat(end.isComplete()).isTrue();
            // the clock may run below its maximum, so the kernel takes at least the nominal time
            assertThat(end.elapsedMillisSince(start)).isBetween(4.5f, 500f);
        }
    }

    @Test
    void aStreamWaitingOnAnEventSeesTheOtherStreamsWrites() {
        CudaDevice device = TestKernels.device();
        int count = 1 << 20;
        try (Stream producer = device.createStream(); Stream consumer = device.createStream();
                Event written = Event.create(device, false); DeviceBuffer data = device.allocate(4L * count);
                DeviceBuffer copy = device.allocate(4L * count)) {
            data.fillInts(1);
            long cycles = 2L * device.info().clockKiloHertz(); // 2 ms: the consumer would overtake without the event
            TestKernels.kernel("spin").launcher().grid(1).block(1).stream(producer).arg(cycles).launch();
            TestKernels.kernel("add_scalar").launcher().grid(256).block(256).stream(producer).arg(data).arg(41).arg((long) count).launch();
            written.record(producer);
            consumer.waitFor(written);
            copy.copyFromAsync(data, consumer);
            consumer.synchronize();
            int[] back = new int[count];
            copy.copyTo(MemorySegment.ofArray(back));
            assertThat(back).containsOnly(42);
            assertThat(producer.isIdle()).isTrue();
        }
    }

    @Test
    void streamReportsBusyWhileWorkRuns() {
        CudaDevice device = TestKernels.device();
        long cycles = 50L * device.info().clockKiloHertz(); // 50 ms
        try (Stream stream = device.createStream()) {
            TestKernels.kernel("spin").launcher().grid(1).block(1).stream(stream).arg(cycles).launch();
            assertThat(stream.isIdle()).isFalse();
            stream.synchronize();
            assertThat(stream.isIdle()).isTrue();
        }
    }
}
