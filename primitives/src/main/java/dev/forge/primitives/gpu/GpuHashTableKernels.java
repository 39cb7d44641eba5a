package dev.forge.primitives.gpu;

import dev.forge.cuda.KernelLaunch;
import dev.forge.cuda.Module;
import dev.forge.cuda.Stream;

/** The loaded hash_table.cu kernels and the scan the probes use, shared by a builder and every table it builds. */
record GpuHashTableKernels(Module module, GpuScan scan, int multiprocessors) {
    /** Threads per block of every hash_table.cu kernel. */
    static final int THREADS = 256;
    /** Blocks per multiprocessor at most; the kernels' loops stride over the grid, so any grid covers the input. */
    private static final int BLOCKS_PER_MULTIPROCESSOR = 32;

    /** A launch of {@code kernel} over {@code count} elements on {@code stream}; the caller adds the arguments. */
    KernelLaunch launch(String kernel, long count, Stream stream) {
        long blocks = Math.min((count + THREADS - 1) / THREADS, (long) multiprocessors * BLOCKS_PER_MULTIPROCESSOR);
        return module.kernel(kernel).launcher().grid((int) Math.max(1, blocks)).block(THREADS).stream(stream);
    }
}
