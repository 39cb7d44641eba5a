package dev.forge.primitives.gpu;

import dev.forge.cuda.CudaDevice;
import dev.forge.cuda.DeviceBuffer;
import dev.forge.cuda.DeviceMemory;
import dev.forge.cuda.Kernel;
import dev.forge.cuda.MemoryPool;
import dev.forge.cuda.Module;
import dev.forge.cuda.Stream;
import dev.forge.cuda.compile.KernelCompiler;
import dev.forge.cuda.compile.KernelSource;
import dev.forge.primitives.ElementType;
import java.util.Locale;

/**
 * Whole-input reductions on the GPU (kernels in reduce.cu), with the semantics of {@code CpuReduce}: exact integer
 * sums (int32 into an int64, int64 into a 128-bit two's complement integer, low word first), float32 summed in
 * double precision, min and max in the total order of {@code TotalOrder}, argmin and argmax returning the first
 * index of the extreme (-1 for an empty input).
 *
 * <p>Every call only queues work on the stream: one memset and one kernel, temporary memory from the pool, no host
 * synchronisation. The result lands in device memory the caller owns. Floating sums are the same from run to run
 * on one GPU: how the input is split depends only on its size and the GPU's multiprocessor count.
 */
public final class GpuReduce {
    private static final int THREADS = 256;
    private static final int BLOCKS_PER_MULTIPROCESSOR = 8;
    /** Every block share starts on a 16-byte boundary when the input does: 64 elements cover both widths. */
    private static final int SHARE_GRANULE = 64;
    private static final int PARTIAL_BYTES = 16;

    /** What to compute. */
    public enum Operation {
        SUM,
        MIN,
        MAX,
        ARGMIN,
        ARGMAX
    }

    private final CudaDevice device;
    private final Module module;

    public GpuReduce(CudaDevice device) {
        this.device = device;
        this.module = KernelCompiler.shared(device).load(KernelSource.fromResource(GpuReduce.class, "/kernels/reduce.cu"));
    }

    /** Bytes of the result {@code operation} writes for {@code type}. */
    public static int resultBytes(Operation operation, ElementType type) {
        requireSupported(type);
        return switch (operation) {
            case SUM -> type == ElementType.INT64 ? 16 : 8;
            case MIN, MAX -> type.byteSize();
            case ARGMIN, ARGMAX -> 8;
        };
    }

    private static void requireSupported(ElementType type) {
        switch (type) {
            case INT32, INT64, FLOAT32, FLOAT64 -> {
            }
            case UINT32, UINT64 -> throw new IllegalArgumentException(
                    "reductions take INT32, INT64, FLOAT32 or FLOAT64 elements, not " + type);
        }
    }

    /**
     * Queues {@code operation} over all elements of {@code values} (a whole number of {@code type} elements) into the
     * first {@link #resultBytes} bytes of {@code result}, on {@code stream}.
     */
    public void reduce(Operation operation, DeviceMemory values, ElementType type, DeviceMemory result,
            MemoryPool pool, Stream stream) {
        requireSupported(type);
        if (values.byteSize() % type.byteSize() != 0) {
            throw new IllegalArgumentException("values hold " + values.byteSize() + " bytes, not a whole number of "
                    + type + " elements");
        }
        int needed = resultBytes(operation, type);
        if (result.byteSize() < needed) {
            throw new IllegalArgumentException("the result of " + operation + " over " + type + " needs " + needed
                    + " bytes; the result buffer has " + result.byteSize());
        }
        long count = values.byteSize() / type.byteSize();
        int grid = gridFor(count);
        long share = ceilToMultiple(ceilDivide(Math.max(count, 1), grid), SHARE_GRANULE);
        Kernel kernel = module.kernel(kernelName(operation, type));
        try (DeviceBuffer scratch = pool.allocate((long) grid * PARTIAL_BYTES + 16, stream)) {
            DeviceMemory partials = scratch.slice(0, (long) grid * PARTIAL_BYTES);
            DeviceMemory finished = scratch.slice((long) grid * PARTIAL_BYTES, 4);
            finished.fillIntsAsync(0, stream);
            kernel.launcher().grid(grid).block(THREADS).stream(stream)
                    .arg(values).arg(count).arg(share)
                    .arg(partials).arg(finished).arg(result)
                    .launch();
        } // freed in stream order, after the kernel
    }

    /** Enough blocks to fill the GPU, fewer when the input is small; a function of the size alone. */
    private int gridFor(long count) {
        long elementsPerBlockPass = (long) THREADS * 16;
        long wanted = ceilDivide(Math.max(count, 1), elementsPerBlockPass);
        long full = (long) device.info().multiprocessors() * BLOCKS_PER_MULTIPROCESSOR;
        return (int) Math.max(1, Math.min(wanted, full));
    }

    static String kernelName(Operation operation, ElementType type) {
        return "reduce_" + operation.name().toLowerCase(Locale.ROOT) + "_" + type.name().toLowerCase(Locale.ROOT);
    }

    private static long ceilDivide(long numerator, long denominator) {
        return (numerator + denominator - 1) / denominator;
    }

    private static long ceilToMultiple(long value, long multiple) {
        return ceilDivide(value, multiple) * multiple;
    }
}
