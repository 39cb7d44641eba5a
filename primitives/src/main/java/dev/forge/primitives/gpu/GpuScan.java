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
 * Single-pass prefix sums on the GPU (kernels in scan.cu, decoupled look-back), with the semantics of
 * {@code CpuScan}: integer sums wrap in two's complement, float32 accumulates in double and is rounded once per
 * element. The output may be the input (an in-place scan). Each call queues one memset and one kernel on the
 * stream, with temporary memory from the pool; nothing waits on the host.
 */
public final class GpuScan {
    private static final int THREADS = 256;

    private final Module module;

    public GpuScan(CudaDevice device) {
        this.module = KernelCompiler.shared(device).load(KernelSource.fromResource(GpuScan.class, "/kernels/scan.cu"));
    }

    public void inclusiveSum(DeviceMemory input, DeviceMemory output, ElementType type, MemoryPool pool, Stream stream) {
        scan(input, output, type, true, pool, stream);
    }

    public void exclusiveSum(DeviceMemory input, DeviceMemory output, ElementType type, MemoryPool pool, Stream stream) {
        scan(input, output, type, false, pool, stream);
    }

    private void scan(DeviceMemory input, DeviceMemory output, ElementType type, boolean inclusive, MemoryPool pool,
            Stream stream) {
        int itemsPerThread = switch (type) {
            case INT32, FLOAT32 -> 16;
            case INT64, FLOAT64 -> 8;
            case UINT32, UINT64 -> throw new IllegalArgumentException(
                    "prefix sums take INT32, INT64, FLOAT32 or FLOAT64 elements, not " + type);
        };
        if (input.byteSize() % type.byteSize() != 0) {
            throw new IllegalArgumentException("input holds " + input.byteSize() + " bytes, not a whole number of "
                    + type + " elements");
        }
        if (output.byteSize() < input.byteSize()) {
            throw new IllegalArgumentException("output holds " + output.byteSize() + " bytes; the scan of "
                    + input.byteSize() + " bytes of input needs as many");
        }
        long count = input.byteSize() / type.byteSize();
        if (count == 0) {
            return;
        }
        long tiles = (count + (long) THREADS * itemsPerThread - 1) / ((long) THREADS * itemsPerThread);
        if (tiles > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a scan of " + count + " elements needs more tiles than one launch has");
        }
        // One word per tile for its published status and sum (see scan.cu): 8 bytes for int32, 16 for the 8-byte sums
        // (int64, and float32/float64 accumulated in double).
        long stateBytes = (type == ElementType.INT32 ? 8 : 16) * tiles;
        try (DeviceBuffer scratch = pool.allocate(256 + stateBytes, stream)) {
            scratch.fillIntsAsync(0, stream); // the tile counter and every tile's status
            module.kernel("scan_" + (inclusive ? "inclusive" : "exclusive") + "_sum_" + type.name().toLowerCase(Locale.ROOT))
                    .launcher().grid((int) tiles).block(THREADS).stream(stream)
                    .arg(input).arg(output).arg(count).arg(scratch.slice(0, 4)).arg(scratch.slice(256, stateBytes))
                    .launch();
        }
    }

}
