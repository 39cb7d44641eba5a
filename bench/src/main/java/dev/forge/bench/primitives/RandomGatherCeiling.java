package dev.forge.bench.primitives;

import dev.forge.cuda.DeviceBuffer;
import dev.forge.cuda.KernelLaunch;
import dev.forge.cuda.Module;
import dev.forge.cuda.compile.KernelCompiler;
import dev.forge.cuda.compile.KernelSource;

/**
 * Measures the random-gather ceiling of hash probes (random_gather.cu): independent random reads of 4 or 8 bytes per
 * second from a table of {@value #TABLE_ENTRIES_LOG2}-power-of-two entries, far beyond the L2 cache, as the issue
 * defines it. Each launch makes {@link #READS} reads; the rate is reads over the median launch time.
 */
final class RandomGatherCeiling {
    static final int TABLE_ENTRIES_LOG2 = 26;
    static final long TABLE_ENTRIES = 1L << TABLE_ENTRIES_LOG2;
    /** Reads per launch: milliseconds of work, so the launch overhead does not count. */
    static final long READS = 1L << 28;
    private static final int THREADS = 256;
    /** Blocks per multiprocessor: 2,048 resident threads each, so as many loads as possible are in flight. */
    private static final int BLOCKS_PER_MULTIPROCESSOR = 8;
    private static final long SEED = 0x5EED_0101L;

    private RandomGatherCeiling() {
    }

    /** The measured rate of random {@code entryBytes}-byte reads (4 or 8), as a ceiling. */
    static Ceiling measure(MeasurementContext context, int entryBytes) {
        if (entryBytes != 4 && entryBytes != 8) {
            throw new IllegalArgumentException("random gathers read 4 or 8 bytes, not " + entryBytes);
        }
        Module module = KernelCompiler.shared(context.device).load(
                KernelSource.fromResource(RandomGatherCeiling.class, "/kernels/random_gather.cu"));
        int grid = context.device.info().multiprocessors() * BLOCKS_PER_MULTIPROCESSOR;
        try (DeviceBuffer table = context.device.allocate(TABLE_ENTRIES * entryBytes);
                DeviceBuffer sink = context.device.allocate((long) grid * THREADS * Long.BYTES)) {
            // any bits do: the reads' addresses come from their index, not from the table
            table.fillAsync((byte) 0x5A, context.stream);
            KernelLaunch launch = module.kernel("random_gather_" + entryBytes).launcher().grid(grid).block(THREADS)
                    .stream(context.stream).arg(table).arg(TABLE_ENTRIES - 1).arg(READS).arg(SEED).arg(sink);
            double seconds = context.gpuMedian(launch::launch);
            return Ceiling.randomGather(entryBytes, READS / seconds);
        }
    }
}
