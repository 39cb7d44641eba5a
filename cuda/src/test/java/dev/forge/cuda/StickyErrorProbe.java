package dev.forge.cuda;

import java.lang.foreign.MemorySegment;

/**
 * A second process for {@link StickyErrorTest}: makes a kernel write out of bounds, then uses the GPU again and
 * prints, one fact a line, what happened. The fault runs here because some drivers keep it for the whole process.
 */
public final class StickyErrorProbe {
    private StickyErrorProbe() {
    }

    public static void main(String[] args) {
        CudaDevice device = Cuda.defaultDevice();
        DeviceBuffer before = device.allocate(1024);
        Stream stream = device.createStream();
        TestKernels.kernel("write_out_of_bounds").launcher().grid(1).block(1).stream(stream)
                .arg(before).arg(1L << 40).launch();
        try {
            stream.synchronize();
            System.out.println("fault=none");
        } catch (CudaException fault) {
            System.out.println("fault=" + fault.errorName() + " broken=" + fault.contextBroken());
        }
        int count = 4096;
        try (Stream next = device.createStream(); DeviceBuffer data = device.allocate(4L * count)) {
            data.fillInts(10);
            TestKernels.kernel("add_scalar").launcher().grid(16).block(256).stream(next)
                    .arg(data).arg(5).arg((long) count).launch();
            next.synchronize();
            int[] back = new int[count];
            data.copyTo(MemorySegment.ofArray(back));
            boolean correct = java.util.Arrays.stream(back).allMatch(value -> value == 15);
            System.out.println("next=" + (correct ? "recovered" : "wrong-result"));
        } catch (DeviceLostException lost) {
            System.out.println("next=lost");
            System.out.println("message=" + lost.getMessage());
        }
        before.close();
        stream.close();
        System.out.println("closed=ok live=" + LeakTracker.liveSince(0).size());
    }
}
