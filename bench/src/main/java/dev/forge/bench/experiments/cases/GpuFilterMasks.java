package dev.forge.bench.experiments.cases;

import dev.forge.cuda.CudaDevice;
import dev.forge.cuda.DeviceMemory;
import dev.forge.cuda.KernelLaunch;
import dev.forge.cuda.Module;
import dev.forge.cuda.Stream;
import dev.forge.cuda.compile.KernelCompiler;
import dev.forge.cuda.compile.KernelSource;

/**
 * Predicate bit masks on the GPU (filter_masks.cu): one bit per row in Arrow order, as 32-bit words, for
 * {@code GpuSelect.selectByBitMask} to compact by. Each call queues one kernel on the stream.
 */
final class GpuFilterMasks {
    private static final int THREADS = 256;
    private static final int BLOCKS_PER_MULTIPROCESSOR = 8;

    private final Module module;
    private final int multiprocessors;

    GpuFilterMasks(CudaDevice device) {
        this.module = KernelCompiler.shared(device).load(
                KernelSource.fromResource(GpuFilterMasks.class, "/kernels/filter_masks.cu"));
        this.multiprocessors = device.info().multiprocessors();
    }

    /** Bytes of the mask for {@code rows} rows: whole 32-bit words. */
    static long maskBytes(long rows) {
        return 4 * ((rows + 31) / 32);
    }

    void lessInt64(DeviceMemory values, long rows, long bound, DeviceMemory mask, Stream stream) {
        launch("filter_less_int64", rows, stream).arg(values).arg(rows).arg(bound).arg(mask).launch();
    }

    void lessFloat64(DeviceMemory values, long rows, double bound, DeviceMemory mask, Stream stream) {
        launch("filter_less_float64", rows, stream).arg(values).arg(rows).arg(bound).arg(mask).launch();
    }

    /** first < firstBound AND second < secondBound. */
    void bothLessInt64(DeviceMemory first, DeviceMemory second, long rows, long firstBound, long secondBound,
            DeviceMemory mask, Stream stream) {
        launch("filter_both_less_int64", rows, stream).arg(first).arg(second).arg(rows).arg(firstBound)
                .arg(secondBound).arg(mask).launch();
    }

    /** first < firstBound OR second < secondBound. */
    void eitherLessInt64(DeviceMemory first, DeviceMemory second, long rows, long firstBound, long secondBound,
            DeviceMemory mask, Stream stream) {
        launch("filter_either_less_int64", rows, stream).arg(first).arg(second).arg(rows).arg(firstBound)
                .arg(secondBound).arg(mask).launch();
    }

    /** Enough blocks to fill the GPU, fewer when a smaller grid already gives every warp its words. */
    private KernelLaunch launch(String kernel, long rows, Stream stream) {
        long rowsPerBlockStep = THREADS * 4L; // 8 warps, each 4 words of 32 rows per step
        long wanted = Math.max(1, (rows + rowsPerBlockStep - 1) / rowsPerBlockStep);
        int grid = (int) Math.min(wanted, (long) multiprocessors * BLOCKS_PER_MULTIPROCESSOR);
        return module.kernel(kernel).launcher().grid(grid).block(THREADS).stream(stream);
    }
}
