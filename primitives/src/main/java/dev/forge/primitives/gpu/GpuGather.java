package dev.forge.primitives.gpu;

import dev.forge.cuda.CudaDevice;
import dev.forge.cuda.DeviceMemory;
import dev.forge.cuda.Module;
import dev.forge.cuda.Stream;
import dev.forge.cuda.compile.KernelCompiler;
import dev.forge.cuda.compile.KernelSource;
import dev.forge.primitives.ElementType;
import java.util.Locale;

/**
 * Gather ({@code output[i] = values[indices[i]]}) and scatter ({@code output[indices[i]] = values[i]}) on the GPU
 * (kernels in gather.cu) with INT32 or INT64 indices, as {@code CpuGather} defines them; scatter indices must be
 * distinct, or which value lands at a repeated index depends on timing.
 *
 * <p>Where {@code CpuGather} throws on an index outside its target, the GPU cannot, since the call only queues work:
 * it never reads or writes out of bounds, gives gather's output element zero bits for such an index, skips the
 * element in scatter, and writes the smallest position {@code i} whose index was out of range to the int64
 * {@code firstOutOfBounds} in device memory, or -1 when every index was in range. Read it after the stream has
 * finished and treat anything but -1 as the CPU twin's {@code IndexOutOfBoundsException}. One memset and one
 * kernel per call; nothing waits on the host.
 */
public final class GpuGather {
    private static final int THREADS = 256;
    private static final int INDICES_PER_THREAD = 4;

    private final Module module;

    public GpuGather(CudaDevice device) {
        this.module = KernelCompiler.shared(device).load(KernelSource.fromResource(GpuGather.class, "/kernels/gather.cu"));
    }

    public void gather(DeviceMemory values, ElementType type, DeviceMemory indices, ElementType indexType,
            DeviceMemory output, DeviceMemory firstOutOfBounds, Stream stream) {
        long valueCount = count(values, type, "values");
        long indexCount = count(indices, requireIndexType(indexType), "indices");
        if (output.byteSize() < indexCount * type.byteSize()) {
            throw new IllegalArgumentException("output holds " + output.byteSize() + " bytes; " + indexCount
                    + " gathered " + type + " elements need " + indexCount * type.byteSize());
        }
        DeviceMemory flag = resetFlag(firstOutOfBounds, stream);
        if (indexCount == 0) {
            return;
        }
        module.kernel(kernelName("gather", type, indexType)).launcher().grid(grid(indexCount)).block(THREADS)
                .stream(stream)
                .arg(values).arg(valueCount).arg(indices).arg(indexCount).arg(output).arg(flag)
                .launch();
    }

    public void scatter(DeviceMemory values, ElementType type, DeviceMemory indices, ElementType indexType,
            DeviceMemory output, DeviceMemory firstOutOfBounds, Stream stream) {
        long valueCount = count(values, type, "values");
        long indexCount = count(indices, requireIndexType(indexType), "indices");
        if (indexCount != valueCount) {
            throw new IllegalArgumentException("indices hold " + indexCount + " entries but values hold " + valueCount
                    + "; scatter needs one index per value");
        }
        long outputCount = output.byteSize() / type.byteSize();
        DeviceMemory flag = resetFlag(firstOutOfBounds, stream);
        if (valueCount == 0) {
            return;
        }
        module.kernel(kernelName("scatter", type, indexType)).launcher().grid(grid(valueCount)).block(THREADS)
                .stream(stream)
                .arg(values).arg(indices).arg(valueCount).arg(output).arg(outputCount).arg(flag)
                .launch();
    }

    private static long count(DeviceMemory memory, ElementType type, String name) {
        switch (type) {
            case INT32, INT64, FLOAT32, FLOAT64 -> {
            }
            case UINT32, UINT64 -> throw new IllegalArgumentException(
                    "gather and scatter take INT32, INT64, FLOAT32 or FLOAT64 " + name + ", not " + type);
        }
        if (memory.byteSize() % type.byteSize() != 0) {
            throw new IllegalArgumentException(name + " hold " + memory.byteSize() + " bytes, not a whole number of "
                    + type + " elements");
        }
        return memory.byteSize() / type.byteSize();
    }

    private static ElementType requireIndexType(ElementType indexType) {
        return switch (indexType) {
            case INT32, INT64 -> indexType;
            case UINT32, UINT64, FLOAT32, FLOAT64 ->
                    throw new IllegalArgumentException("indexType must be INT32 or INT64, got " + indexType);
        };
    }

    /** Sets the flag to all ones (-1, nothing out of range yet); the kernels lower it with an unsigned atomic min. */
    private static DeviceMemory resetFlag(DeviceMemory firstOutOfBounds, Stream stream) {
        if (firstOutOfBounds.byteSize() < Long.BYTES) {
            throw new IllegalArgumentException("firstOutOfBounds holds " + firstOutOfBounds.byteSize()
                    + " bytes; the int64 position needs 8");
        }
        DeviceMemory flag = firstOutOfBounds.slice(0, Long.BYTES);
        flag.fillIntsAsync(-1, stream);
        return flag;
    }

    private static int grid(long count) {
        long perBlock = (long) THREADS * INDICES_PER_THREAD;
        long blocks = (count + perBlock - 1) / perBlock;
        if (blocks > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(count + " indices need more blocks than one launch has");
        }
        return (int) blocks;
    }

    private static String kernelName(String operation, ElementType type, ElementType indexType) {
        return operation + "_" + type.name().toLowerCase(Locale.ROOT) + "_by_" + indexType.name().toLowerCase(Locale.ROOT);
    }
}
