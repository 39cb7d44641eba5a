package dev.forge.cuda;

import dev.forge.cuda.compile.KernelCompiler;
import dev.forge.cuda.compile.KernelSource;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;

/** The test kernels of src/test/cuda, loaded once per device, and seeded random data for GPU tests. */
final class TestKernels {
    private TestKernels() {
    }

    static CudaDevice device() {
        return Cuda.defaultDevice();
    }

    static Module module() {
        return KernelCompiler.shared(device()).load(KernelSource.fromResource(TestKernels.class, "/kernels/test_kernels.cu"));
    }

    static Kernel kernel(String name) {
        return module().kernel(name);
    }

    /**
     * Fills {@code count} ints on the device with {@code fill}, adds {@code add} to each with a kernel on a new
     * stream, and returns what comes back: a whole round trip through allocation, launch and copy.
     */
    static int[] fillAddAndRead(CudaDevice device, int count, int fill, int add) {
        try (Stream stream = device.createStream(); DeviceBuffer data = device.allocate(4L * count)) {
            data.fillInts(fill);
            kernel("add_scalar").launcher().grid(16).block(256).stream(stream).arg(data).arg(add).arg((long) count).launch();
            stream.synchronize();
            int[] back = new int[count];
            data.copyTo(MemorySegment.ofArray(back));
            return back;
        }
    }

    /** Fills a segment with seeded random bytes (never zeros, so unwritten output cannot pass for written). */
    static void fillRandom(MemorySegment segment, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long offset = 0;
        for (; offset + 8 <= segment.byteSize(); offset += 8) {
            segment.set(ValueLayout.JAVA_LONG_UNALIGNED, offset, random.nextLong());
        }
        for (; offset < segment.byteSize(); offset++) {
            segment.set(ValueLayout.JAVA_BYTE, offset, (byte) random.nextInt());
        }
    }
}
