package dev.forge.cuda;

import java.util.Arrays;

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
        try {
            int[] back = TestKernels.fillAddAndRead(device, 4096, 10, 5);
            System.out.println("next=" + (Arrays.stream(back).allMatch(value -> value == 15) ? "recovered" : "wrong-result"));
        } catch (DeviceLostException lost) {
            System.out.println("next=lost");
            System.out.println("message=" + lost.getMessage());
        }
        before.close();
        stream.close();
        System.out.println("closed=ok live=" + LeakTracker.liveSince(0).size());
    }
}
