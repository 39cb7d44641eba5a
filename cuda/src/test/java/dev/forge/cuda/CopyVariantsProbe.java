package dev.forge.cuda;

import dev.forge.cuda.compile.KernelCompiler;
import dev.forge.cuda.compile.KernelSource;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * Diagnostic, run by hand on a GPU machine: times each copy-kernel variant of copy_variants.cu on 1 GiB (median of
 * 20 after warm-up, events) and checks its output, to choose the kernel {@code forge info --bench} uses.
 */
public final class CopyVariantsProbe {
    private CopyVariantsProbe() {
    }

    public static void main(String[] args) {
        CudaDevice device = Cuda.defaultDevice();
        Module module = KernelCompiler.shared(device).load(KernelSource.fromResource(CopyVariantsProbe.class,
                "/kernels/copy_variants.cu"));
        long bytes = 1L << 30;
        long vectors = bytes / 16;
        int multiprocessors = device.info().multiprocessors();
        try (Stream stream = device.createStream(); Event start = device.createEvent(); Event end = device.createEvent();
                DeviceBuffer source = device.allocate(bytes); DeviceBuffer destination = device.allocate(bytes);
                Arena arena = Arena.ofConfined()) {
            MemorySegment pattern = arena.allocate(bytes);
            TestKernels.fillRandom(pattern, 7);
            source.copyFrom(pattern);
            for (String name : args) {
                String[] parts = name.split("_")[1].split("x");
                int threads = Integer.parseInt(parts[0]);
                int unroll = Integer.parseInt(parts[1]);
                Kernel kernel = module.kernel(name);
                long tiles = (vectors + (long) threads * unroll - 1) / ((long) threads * unroll);
                int grid = name.startsWith("persistent")
                        ? multiprocessors * kernel.maxActiveBlocksPerMultiprocessor(threads, 0)
                        : Math.toIntExact(tiles);
                destination.fill((byte) 0);
                double[] seconds = new double[20];
                for (int run = -3; run < seconds.length; run++) {
                    start.record(stream);
                    kernel.launcher().grid(grid).block(threads).stream(stream).arg(source).arg(destination).arg(vectors).launch();
                    end.record(stream);
                    end.synchronize();
                    if (run >= 0) {
                        seconds[run] = end.elapsedMillisSince(start) / 1e3;
                    }
                }
                Arrays.sort(seconds);
                MemorySegment back = arena.allocate(bytes);
                destination.copyTo(back);
                boolean correct = back.mismatch(pattern) == -1;
                System.out.printf("%-18s grid %7d  %.3f TB/s (read+write)  %s%n", name, grid,
                        2.0 * bytes / seconds[seconds.length / 2] / 1e12, correct ? "correct" : "WRONG");
            }
        }
    }
}
