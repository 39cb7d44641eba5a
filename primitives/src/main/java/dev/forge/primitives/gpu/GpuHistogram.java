package dev.forge.primitives.gpu;

import dev.forge.cuda.CudaDevice;
import dev.forge.cuda.DeviceMemory;
import dev.forge.cuda.Kernel;
import dev.forge.cuda.KernelLaunch;
import dev.forge.cuda.Module;
import dev.forge.cuda.Stream;
import dev.forge.cuda.compile.KernelCompiler;
import dev.forge.cuda.compile.KernelSource;
import dev.forge.primitives.ElementType;
import java.math.BigInteger;
import java.util.Locale;

/**
 * Histograms on the GPU (kernels in histogram.cu) with the bins of {@code CpuHistogram}: even bins over [lower,
 * upper) (2 to 65,536; exact for integers, the twin's double formula for floats) or custom edges in device memory;
 * values outside every bin, and NaNs, are dropped and counted.
 *
 * <p>The result is {@link #resultBytes} bytes of int64 in device memory: the count of bin {@code k} at index
 * {@code k} and the dropped count at index {@code binCount}. Up to {@value #MAX_SHARED_BINS} bins (and what the
 * device's shared memory holds), each block counts in shared memory (in several copies where bins are few) and adds
 * its bins to the result at the end; beyond, blocks add to the result directly. One memset and one kernel per call; nothing waits on the host.
 */
public final class GpuHistogram {
    public static final int MIN_BINS = 2;
    public static final int MAX_BINS = 65_536;
    /** Int32 counters per block in shared memory: 192 KiB, within the H100's opt-in limit (an A100 takes fewer). */
    static final int MAX_SHARED_BINS = 48 * 1024;
    private static final int THREADS = 256;
    /** Values per block and step of its grid stride (histogram.cu's TILE: ITEMS = 8 per thread). */
    private static final int TILE = THREADS * 8;
    private static final int SHARED_COPIES_BYTES = 16 * 1024;
    /** Each block counts fewer values than this, so its int32 shared counters cannot overflow. */
    private static final long MAX_VALUES_PER_BLOCK = 1L << 30;
    private static final int STATIC_SHARED_BYTES = 1024;

    private final CudaDevice device;
    private final Module module;

    public GpuHistogram(CudaDevice device) {
        this.device = device;
        this.module = KernelCompiler.shared(device).load(
                KernelSource.fromResource(GpuHistogram.class, "/kernels/histogram.cu"));
    }

    /** Bytes of the result for {@code binCount} bins: one int64 per bin and one for the dropped count. */
    public static long resultBytes(int binCount) {
        return (binCount + 1L) * Long.BYTES;
    }

    /** Even bins over INT32 or INT64 values: value x goes to bin floor((x - lower) * binCount / (upper - lower)). */
    public void evenBins(DeviceMemory values, ElementType type, int binCount, long lower, long upper,
            DeviceMemory result, Stream stream) {
        requireBinCount(binCount);
        requireInteger(type);
        if (lower >= upper) {
            throw new IllegalArgumentException("lower (" + lower + ") must be below upper (" + upper + ")");
        }
        // the kernel only uses it for a first guess, corrected exactly
        double scale = binCount / BigInteger.valueOf(upper).subtract(BigInteger.valueOf(lower)).doubleValue();
        long count = count(values, type);
        DeviceMemory counts = reset(result, binCount, stream);
        if (count == 0) {
            return;
        }
        launcher("even", type, binCount, count, stream).arg(values).arg(count).arg(lower).arg(upper).arg(binCount)
                .arg(scale).arg(counts).launch();
    }

    /** Even bins over FLOAT32 or FLOAT64 values, with CpuHistogram's formula; lower and upper finite. */
    public void evenBins(DeviceMemory values, ElementType type, int binCount, double lower, double upper,
            DeviceMemory result, Stream stream) {
        requireBinCount(binCount);
        requireFloating(type);
        if (!(lower < upper) || Double.isInfinite(lower) || Double.isInfinite(upper)) {
            throw new IllegalArgumentException("lower (" + lower + ") and upper (" + upper
                    + ") must be finite with lower below upper");
        }
        double scale = binCount / (upper - lower); // exactly as the CPU twin computes it
        long count = count(values, type);
        DeviceMemory counts = reset(result, binCount, stream);
        if (count == 0) {
            return;
        }
        launcher("even", type, binCount, count, stream).arg(values).arg(count).arg(lower).arg(upper).arg(binCount)
                .arg(scale).arg(counts).launch();
    }

    /**
     * Bins between {@code edgeCount} custom edges in device memory: INT64 edges for INT32 or INT64 values, FLOAT64
     * edges (finite or infinite, not NaN) for FLOAT32 or FLOAT64 values, strictly increasing. The edges are not
     * checked on the device (that would need a synchronisation); ones that do not increase give unspecified but
     * in-range bins.
     */
    public void customBins(DeviceMemory values, ElementType type, DeviceMemory edges, int edgeCount,
            DeviceMemory result, Stream stream) {
        if (edgeCount < 2 || edgeCount > MAX_BINS + 1) {
            throw new IllegalArgumentException("edges must hold between 2 and " + (MAX_BINS + 1)
                    + " entries (one more than the bins), got " + edgeCount);
        }
        switch (type) {
            case INT32, INT64, FLOAT32, FLOAT64 -> {
            }
            case UINT32, UINT64 -> throw new IllegalArgumentException(
                    "histograms take INT32, INT64, FLOAT32 or FLOAT64 values, not " + type);
        }
        if (edges.byteSize() < (long) edgeCount * Long.BYTES) {
            throw new IllegalArgumentException("edges hold " + edges.byteSize() + " bytes; " + edgeCount
                    + " 8-byte edges need " + (long) edgeCount * Long.BYTES);
        }
        int binCount = edgeCount - 1;
        long count = count(values, type);
        DeviceMemory counts = reset(result, binCount, stream);
        if (count == 0) {
            return;
        }
        launcher("custom", type, binCount, count, stream).arg(values).arg(count).arg(edges).arg(binCount).arg(counts)
                .launch();
    }

    /**
     * The launch of one histogram kernel, on {@code stream} (after the memset that zeroed the result there), with
     * the grid, shared memory and first argument (the shared histograms per block) set; the caller adds the rest.
     */
    private KernelLaunch launcher(String binning, ElementType type, int binCount, long count, Stream stream) {
        boolean shared = binCount <= MAX_SHARED_BINS
                && binCount * Integer.BYTES + STATIC_SHARED_BYTES <= device.info().maxSharedMemoryPerBlockOptIn();
        int copies = shared ? sharedCopies(binCount) : 1;
        Kernel kernel = module.kernel("histogram_" + binning + "_" + type.name().toLowerCase(Locale.ROOT)
                + (shared ? "_shared" : "_global"));
        int dynamicBytes = shared ? copies * binCount * Integer.BYTES : 0;
        if (dynamicBytes > 48 * 1024) {
            kernel.allowDynamicSharedMemory(dynamicBytes);
        }
        int blocksPerMultiprocessor = Math.max(1, kernel.maxActiveBlocksPerMultiprocessor(THREADS, dynamicBytes));
        long full = (long) device.info().multiprocessors() * blocksPerMultiprocessor;
        long wanted = (count + TILE - 1) / TILE;
        long needed = (count + MAX_VALUES_PER_BLOCK - 1) / MAX_VALUES_PER_BLOCK;
        long grid = Math.max(needed, Math.min(wanted, full));
        if (grid > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a histogram of " + count + " values needs more blocks than one launch has");
        }
        return kernel.launcher().grid((int) grid).block(THREADS).sharedMemory(dynamicBytes).stream(stream)
                .arg(copies);
    }

    /**
     * How many histograms a block keeps in shared memory, its warps spread over them: up to one per warp while they
     * fit in {@value #SHARED_COPIES_BYTES} bytes, so that few bins take more banks and fewer warps add to one word,
     * and the block still leaves room for a full multiprocessor of blocks.
     */
    static int sharedCopies(int binCount) {
        return Math.clamp(SHARED_COPIES_BYTES / Integer.BYTES / binCount, 1, THREADS / 32);
    }

    private static DeviceMemory reset(DeviceMemory result, int binCount, Stream stream) {
        long bytes = resultBytes(binCount);
        if (result.byteSize() < bytes) {
            throw new IllegalArgumentException("result holds " + result.byteSize() + " bytes; " + binCount
                    + " bins and the dropped count need " + bytes);
        }
        DeviceMemory counts = result.slice(0, bytes);
        counts.fillIntsAsync(0, stream);
        return counts;
    }

    private static long count(DeviceMemory values, ElementType type) {
        if (values.byteSize() % type.byteSize() != 0) {
            throw new IllegalArgumentException("values hold " + values.byteSize() + " bytes, not a whole number of "
                    + type + " elements");
        }
        return values.byteSize() / type.byteSize();
    }

    private static void requireBinCount(int binCount) {
        if (binCount < MIN_BINS || binCount > MAX_BINS) {
            throw new IllegalArgumentException("binCount must be between " + MIN_BINS + " and " + MAX_BINS + ", got "
                    + binCount);
        }
    }

    private static void requireInteger(ElementType type) {
        switch (type) {
            case INT32, INT64 -> {
            }
            case UINT32, UINT64, FLOAT32, FLOAT64 ->
                    throw new IllegalArgumentException("integer bins need INT32 or INT64 values, got " + type);
        }
    }

    private static void requireFloating(ElementType type) {
        switch (type) {
            case FLOAT32, FLOAT64 -> {
            }
            case INT32, INT64, UINT32, UINT64 ->
                    throw new IllegalArgumentException("floating bins need FLOAT32 or FLOAT64 values, got " + type);
        }
    }
}
