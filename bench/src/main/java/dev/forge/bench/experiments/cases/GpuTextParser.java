package dev.forge.bench.experiments.cases;

import dev.forge.cuda.CudaDevice;
import dev.forge.cuda.DeviceBuffer;
import dev.forge.cuda.DeviceMemory;
import dev.forge.cuda.KernelLaunch;
import dev.forge.cuda.MemoryPool;
import dev.forge.cuda.Module;
import dev.forge.cuda.Stream;
import dev.forge.cuda.compile.KernelCompiler;
import dev.forge.cuda.compile.KernelSource;
import dev.forge.primitives.ElementType;
import dev.forge.primitives.gpu.GpuScan;

/**
 * CSV or NDJSON text on the GPU into typed columns (text_parse.cu): line ends found by per-segment counts, a
 * {@code GpuScan} prefix sum and a second pass that writes their positions; then one thread per row parses its fields
 * into the columns a {@link DeviceTextColumns} layout in device memory names. Every call only queues work on the
 * stream; the bad rows it finds are counted in a {@link ParseErrors} record on the device.
 */
final class GpuTextParser {
    static final long SEGMENT_BYTES = 256;
    /** Row info on the device: rows parsed, line ends stored, rows found (a last line without '\n' included). */
    static final long ROW_INFO_BYTES = 3 * 8;
    private static final int THREADS = 256;
    private static final int BLOCKS_PER_MULTIPROCESSOR = 8;

    private final Module module;
    private final GpuScan scan;
    private final int multiprocessors;

    GpuTextParser(CudaDevice device) {
        this.module = KernelCompiler.shared(device).load(
                KernelSource.fromResource(GpuTextParser.class, "/kernels/text_parse.cu"));
        this.scan = new GpuScan(device);
        this.multiprocessors = device.info().multiprocessors();
    }

    /** Scratch device memory a parse of {@code bytes} of text takes from the pool: two int64 per segment. */
    static long scratchBytes(long bytes) {
        return 2 * 8 * Math.max(1, (bytes + SEGMENT_BYTES - 1) / SEGMENT_BYTES);
    }

    /**
     * Parses {@code text} as {@code format}. {@code lineEnds} holds as many rows as the caller expects at most (one
     * int64 each); more lines are reported as {@link ParseError#TOO_MANY_LINES}. {@code rowInfo} receives
     * {@link #ROW_INFO_BYTES}, {@code errors} the {@link ParseErrors} record, {@code columns} is the layout in
     * device memory.
     */
    void parse(TextFormat format, DeviceMemory text, DeviceMemory lineEnds, DeviceMemory columns,
            DeviceMemory rowInfo, DeviceMemory errors, MemoryPool pool, Stream stream) {
        if (text.address() % 16 != 0) {
            throw new IllegalArgumentException("the GPU text parser reads the text in 16-byte vectors: it must start"
                    + " 16-byte aligned, as device allocations do; got address 0x" + Long.toHexString(text.address()));
        }
        long bytes = text.byteSize();
        long capacity = lineEnds.byteSize() / 8;
        long segments = (bytes + SEGMENT_BYTES - 1) / SEGMENT_BYTES;
        errors.slice(0, 8).fillAsync(ParseErrors.FIRST_UNSET_BYTE, stream);
        errors.slice(8, 8).fillAsync((byte) 0, stream);
        try (DeviceBuffer counts = pool.allocate(8 * Math.max(1, segments), stream);
                DeviceBuffer firstLines = pool.allocate(8 * Math.max(1, segments), stream)) {
            if (segments > 0) {
                launch("text_count_line_ends", segments, stream).arg(text).arg(bytes).arg(counts).launch();
                scan.exclusiveSum(counts.slice(0, 8 * segments), firstLines, ElementType.INT64, pool, stream);
                launch("text_write_line_ends", segments, stream).arg(text).arg(bytes).arg(firstLines).arg(lineEnds)
                        .arg(capacity).arg(errors).launch();
            }
            module.kernel("text_finish_rows").launcher().grid(1).block(1).stream(stream).arg(text).arg(bytes)
                    .arg(firstLines).arg(counts).arg(capacity).arg(rowInfo).arg(errors).launch();
            launch(format.kernel(), Math.max(1, capacity), stream).arg(text).arg(bytes).arg(lineEnds).arg(rowInfo)
                    .arg(columns).arg(errors).launch();
        }
    }

    /** Enough blocks to fill the GPU, fewer when the work is smaller; kernels loop over the rest. */
    private KernelLaunch launch(String kernel, long work, Stream stream) {
        long wanted = Math.max(1, (work + THREADS - 1) / THREADS);
        int grid = (int) Math.min(wanted, (long) multiprocessors * BLOCKS_PER_MULTIPROCESSOR);
        return module.kernel(kernel).launcher().grid(grid).block(THREADS).stream(stream);
    }
}
