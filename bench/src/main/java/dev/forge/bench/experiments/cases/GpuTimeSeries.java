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
 * Moving average, VWAP and Bollinger bands on the GPU, built on prefix sums: {@code GpuScan} turns int64 prices (and
 * volumes, products, squares from time_series.cu) into exact prefix sums, and one element-wise kernel turns prefix
 * differences into window statistics. Every call only queues work on the stream; scratch memory comes from the pool.
 */
final class GpuTimeSeries {
    private static final int THREADS = 256;
    private static final int BLOCKS_PER_MULTIPROCESSOR = 8;

    private final Module module;
    private final GpuScan scan;
    private final int multiprocessors;

    GpuTimeSeries(CudaDevice device) {
        this.module = KernelCompiler.shared(device).load(
                KernelSource.fromResource(GpuTimeSeries.class, "/kernels/time_series.cu"));
        this.scan = new GpuScan(device);
        this.multiprocessors = device.info().multiprocessors();
    }

    void movingAverage(DeviceMemory price, long count, int window, DeviceMemory mean, MemoryPool pool,
            Stream stream) {
        try (DeviceBuffer prefix = pool.allocate(8 * count, stream)) {
            scan.inclusiveSum(price, prefix, ElementType.INT64, pool, stream);
            launch("time_series_window_mean", count, stream).arg(prefix).arg(count).arg(window).arg(mean).launch();
        }
    }

    /** The volume-weighted average price from the start: prefix(price * volume) / prefix(volume). */
    void vwap(DeviceMemory price, DeviceMemory volume, long count, DeviceMemory vwap, MemoryPool pool, Stream stream) {
        try (DeviceBuffer products = pool.allocate(8 * count, stream);
                DeviceBuffer productSums = pool.allocate(8 * count, stream);
                DeviceBuffer volumeSums = pool.allocate(8 * count, stream)) {
            launch("time_series_products", count, stream).arg(price).arg(volume).arg(count).arg(products).launch();
            scan.inclusiveSum(products, productSums, ElementType.INT64, pool, stream);
            scan.inclusiveSum(volume, volumeSums, ElementType.INT64, pool, stream);
            launch("time_series_prefix_ratio", count, stream).arg(productSums).arg(volumeSums).arg(count).arg(vwap)
                    .launch();
        }
    }

    void bollinger(DeviceMemory price, long count, int window, DeviceMemory middle, DeviceMemory upper,
            DeviceMemory lower, MemoryPool pool, Stream stream) {
        try (DeviceBuffer squares = pool.allocate(8 * count, stream);
                DeviceBuffer sums = pool.allocate(8 * count, stream);
                DeviceBuffer squareSums = pool.allocate(8 * count, stream)) {
            launch("time_series_squares", count, stream).arg(price).arg(count).arg(squares).launch();
            scan.inclusiveSum(price, sums, ElementType.INT64, pool, stream);
            scan.inclusiveSum(squares, squareSums, ElementType.INT64, pool, stream);
            launch("time_series_bollinger", count, stream).arg(sums).arg(squareSums).arg(count).arg(window)
                    .arg(middle).arg(upper).arg(lower).launch();
        }
    }

    private KernelLaunch launch(String kernel, long count, Stream stream) {
        long wanted = Math.max(1, (count + THREADS - 1) / THREADS);
        int grid = (int) Math.min(wanted, (long) multiprocessors * BLOCKS_PER_MULTIPROCESSOR);
        return module.kernel(kernel).launcher().grid(grid).block(THREADS).stream(stream);
    }
}
