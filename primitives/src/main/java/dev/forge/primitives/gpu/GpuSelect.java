package dev.forge.primitives.gpu;

import dev.forge.cuda.CudaDevice;
import dev.forge.cuda.DeviceBuffer;
import dev.forge.cuda.DeviceMemory;
import dev.forge.cuda.MemoryPool;
import dev.forge.cuda.Module;
import dev.forge.cuda.Stream;
import dev.forge.cuda.compile.KernelCompiler;
import dev.forge.cuda.compile.KernelSource;
import dev.forge.primitives.ElementType;
import java.util.Locale;

/**
 * Stable stream compaction and stable partition on the GPU (kernels in select.cu), with the semantics of
 * {@code CpuSelect}'s mask methods: a byte mask keeps element {@code i} when byte {@code i} is non-zero, a bit mask
 * when bit {@code i % 8} of byte {@code i / 8} is set (least significant first, as in Arrow validity bitmaps; bits
 * past the last element are ignored).
 *
 * <p>Select writes the kept elements contiguously in input order; partition writes them followed by the rejected
 * elements, also in input order. Either writes the number kept as an int64 to {@code selectedCount} in device
 * memory, and never writes past the elements it produces, so the output only has to be as large as the input. Each
 * call queues two memsets and one pass over the values (partition also a counting pass over the mask, because rejected
 * elements start at the total); nothing waits on the host.
 */
public final class GpuSelect {
    private static final int THREADS = 256;
    /** Blocks per multiprocessor for the grid-stride counting kernel. */
    private static final int COUNT_BLOCKS_PER_MULTIPROCESSOR = 8;
    /** The tile counter gets its own 256 bytes ahead of the tile words, as in GpuScan. */
    private static final int COUNTER_BYTES = 256;

    /** How the mask marks the elements to keep. */
    private enum MaskKind {
        BYTE_MASK,
        BIT_MASK
    }

    private final CudaDevice device;
    private final Module module;

    public GpuSelect(CudaDevice device) {
        this.device = device;
        this.module = KernelCompiler.shared(device).load(KernelSource.fromResource(GpuSelect.class, "/kernels/select.cu"));
    }

    /** Keeps the elements whose mask byte is non-zero. */
    public void selectByByteMask(DeviceMemory values, ElementType type, DeviceMemory byteMask, DeviceMemory selected,
            DeviceMemory selectedCount, MemoryPool pool, Stream stream) {
        compact(values, type, byteMask, MaskKind.BYTE_MASK, false, selected, selectedCount, pool, stream);
    }

    /** Keeps the elements whose mask bit is set. */
    public void selectByBitMask(DeviceMemory values, ElementType type, DeviceMemory bitMask, DeviceMemory selected,
            DeviceMemory selectedCount, MemoryPool pool, Stream stream) {
        compact(values, type, bitMask, MaskKind.BIT_MASK, false, selected, selectedCount, pool, stream);
    }

    /** Writes the elements whose mask byte is non-zero, then the others; {@code selectedCount} gets the first count. */
    public void partitionByByteMask(DeviceMemory values, ElementType type, DeviceMemory byteMask,
            DeviceMemory partitioned, DeviceMemory selectedCount, MemoryPool pool, Stream stream) {
        compact(values, type, byteMask, MaskKind.BYTE_MASK, true, partitioned, selectedCount, pool, stream);
    }

    /** Writes the elements whose mask bit is set, then the others; {@code selectedCount} gets the first count. */
    public void partitionByBitMask(DeviceMemory values, ElementType type, DeviceMemory bitMask,
            DeviceMemory partitioned, DeviceMemory selectedCount, MemoryPool pool, Stream stream) {
        compact(values, type, bitMask, MaskKind.BIT_MASK, true, partitioned, selectedCount, pool, stream);
    }

    private void compact(DeviceMemory values, ElementType type, DeviceMemory mask, MaskKind maskKind,
            boolean partition, DeviceMemory output, DeviceMemory selectedCount, MemoryPool pool, Stream stream) {
        int itemsPerThread = switch (type) {
            case INT32, FLOAT32 -> 16;
            case INT64, FLOAT64 -> 8;
            case UINT32, UINT64 -> throw new IllegalArgumentException(
                    "select and partition take INT32, INT64, FLOAT32 or FLOAT64 values, not " + type);
        };
        if (values.byteSize() % type.byteSize() != 0) {
            throw new IllegalArgumentException("values hold " + values.byteSize() + " bytes, not a whole number of "
                    + type + " elements");
        }
        long count = values.byteSize() / type.byteSize();
        long maskBytes = maskKind == MaskKind.BYTE_MASK ? count : (count + 7) / 8;
        if (mask.byteSize() < maskBytes) {
            String name = maskKind == MaskKind.BYTE_MASK ? "byteMask" : "bitMask";
            throw new IllegalArgumentException(name + " holds " + mask.byteSize() + " bytes but " + count
                    + " elements need " + maskBytes);
        }
        if (output.byteSize() < values.byteSize()) {
            throw new IllegalArgumentException((partition ? "partitioned" : "selected") + " holds "
                    + output.byteSize() + " bytes; it must hold as many as values (" + values.byteSize()
                    + "), since every element may be kept");
        }
        if (selectedCount.byteSize() < Long.BYTES) {
            throw new IllegalArgumentException("selectedCount holds " + selectedCount.byteSize()
                    + " bytes; the int64 count needs 8");
        }
        DeviceMemory countWord = selectedCount.slice(0, Long.BYTES);
        countWord.fillIntsAsync(0, stream); // the answer for an empty input, and where partition's counting adds up
        if (count == 0) {
            return;
        }
        long tile = (long) THREADS * itemsPerThread;
        long tiles = (count + tile - 1) / tile;
        if (tiles > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a compaction of " + count + " elements needs more tiles than one launch has");
        }
        String maskName = maskKind.name().toLowerCase(Locale.ROOT);
        if (partition) {
            long wantedBlocks = (maskBytes + THREADS * 16L - 1) / (THREADS * 16L);
            int grid = (int) Math.max(1, Math.min(wantedBlocks,
                    (long) device.info().multiprocessors() * COUNT_BLOCKS_PER_MULTIPROCESSOR));
            module.kernel("count_selected_by_" + maskName).launcher().grid(grid).block(THREADS).stream(stream)
                    .arg(mask).arg(count).arg(countWord)
                    .launch();
        }
        long tileWordBytes = 8 * tiles;
        try (DeviceBuffer scratch = pool.allocate(COUNTER_BYTES + tileWordBytes, stream)) {
            scratch.fillIntsAsync(0, stream); // the tile counter and every tile's status
            String kernel = (partition ? "partition" : "select") + "_by_" + maskName + "_"
                    + type.name().toLowerCase(Locale.ROOT);
            module.kernel(kernel).launcher().grid((int) tiles).block(THREADS).stream(stream)
                    .arg(values).arg(mask).arg(output).arg(count).arg(countWord)
                    .arg(scratch.slice(0, 4)).arg(scratch.slice(COUNTER_BYTES, tileWordBytes))
                    .launch();
        } // freed in stream order, after the kernel
    }
}
