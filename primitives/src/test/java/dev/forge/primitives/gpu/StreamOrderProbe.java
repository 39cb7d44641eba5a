package dev.forge.primitives.gpu;

import dev.forge.cuda.Cuda;
import dev.forge.cuda.CudaDevice;
import dev.forge.cuda.DeviceBuffer;
import dev.forge.cuda.Stream;
import java.lang.foreign.MemorySegment;

/**
 * Diagnostic, run by hand on a GPU machine: shows the race behind GpuSelectTest's fault and GpuGatherTest's
 * garbage flag at 2^24 8-byte elements, with memsets alone. Each round poisons a large buffer and then an 8-byte word
 * with 0xA5 through {@code DeviceMemory.fill} (the legacy default stream, returning before the device is done), as
 * those tests did before every call, then resets the word to zero on a Forge stream, as the primitives do first,
 * waits for the whole device and reads the word back. A word still holding 0xA5 bytes means the legacy fill landed
 * after the reset: for partition that word is the selected total it reads, for scatter the out-of-bounds flag.
 * Queued on the stream with {@code fillAsync}, the poison never lands late.
 */
public final class StreamOrderProbe {
    private static final int ROUNDS = 50;

    private StreamOrderProbe() {
    }

    public static void main(String[] args) {
        CudaDevice device = Cuda.defaultDevice();
        try (Stream stream = device.createStream(); DeviceBuffer word = device.allocate(8)) {
            for (long mebibytes : new long[] {1, 16, 64, 128, 512}) {
                try (DeviceBuffer large = device.allocate(mebibytes << 20)) {
                    int lateOnLegacy = lateResets(device, stream, large, word, false);
                    int lateOnStream = lateResets(device, stream, large, word, true);
                    System.out.printf("%4d MiB fill first: the poison landed after the reset in %d of %d rounds on"
                            + " the legacy stream, %d of %d on the Forge stream%n", mebibytes, lateOnLegacy, ROUNDS,
                            lateOnStream, ROUNDS);
                }
            }
        }
    }

    private static int lateResets(CudaDevice device, Stream stream, DeviceBuffer large, DeviceBuffer word,
            boolean onStream) {
        int late = 0;
        long[] back = new long[1];
        for (int round = 0; round < ROUNDS; round++) {
            if (onStream) {
                large.fillAsync((byte) 0xA5, stream);
                word.fillAsync((byte) 0xA5, stream);
            } else {
                large.fill((byte) 0xA5);
                word.fill((byte) 0xA5);
            }
            word.fillIntsAsync(0, stream);
            device.synchronize();
            word.copyTo(MemorySegment.ofArray(back));
            late += back[0] == 0 ? 0 : 1;
        }
        return late;
    }
}
