package dev.forge.primitives.gpu;

import dev.forge.cuda.Cuda;
import dev.forge.cuda.CudaDevice;
import dev.forge.cuda.DeviceBuffer;
import dev.forge.cuda.Event;
import dev.forge.cuda.MemoryPool;
import dev.forge.cuda.Stream;
import dev.forge.primitives.ElementType;
import dev.forge.primitives.gpu.GpuInputs.Shape;
import dev.forge.primitives.gpu.GpuReduce.Operation;
import java.lang.foreign.Arena;
import java.util.Arrays;

/**
 * Diagnostic, run by hand on a GPU machine until the primitives benchmark exists: times GpuReduce and GpuScan over
 * 2^28 elements of each type (median of 20 samples of 5 calls each after warm-up, events) and prints the bytes moved per second (read
 * for reductions, read plus written for scans).
 */
public final class PrimitivesThroughputProbe {
    /** Calls queued back to back per sample, so the host's time to queue one call is hidden behind the others. */
    private static final int REPEATS = 5;

    private PrimitivesThroughputProbe() {
    }

    public static void main(String[] args) {
        CudaDevice device = Cuda.defaultDevice();
        GpuReduce reduce = new GpuReduce(device);
        GpuScan scan = new GpuScan(device);
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1 << 28;
        try (Stream stream = device.createStream(); MemoryPool pool = device.createPool();
                Event start = device.createEvent(); Event end = device.createEvent();
                DeviceBuffer result = device.allocate(16)) {
            for (ElementType type : new ElementType[] {ElementType.INT32, ElementType.INT64, ElementType.FLOAT32, ElementType.FLOAT64}) {
                try (Arena arena = Arena.ofConfined(); DeviceBuffer values = device.allocate((long) count * type.byteSize());
                        DeviceBuffer scanned = device.allocate((long) count * type.byteSize())) {
                    GpuInputs.upload(arena, GpuInputs.values(arena, type, count, Shape.FEW_DISTINCT, 1), values, stream);
                    for (Operation operation : new Operation[] {Operation.SUM, Operation.MAX, Operation.ARGMIN}) {
                        double[] seconds = new double[20];
                        for (int run = -5; run < seconds.length; run++) {
                            start.record(stream);
                            for (int repeat = 0; repeat < REPEATS; repeat++) {
                                reduce.reduce(operation, values, type, result, pool, stream);
                            }
                            end.record(stream);
                            end.synchronize();
                            if (run >= 0) {
                                seconds[run] = end.elapsedMillisSince(start) / 1e3 / REPEATS;
                            }
                        }
                        Arrays.sort(seconds);
                        double median = seconds[seconds.length / 2];
                        System.out.printf("forge reduce_%s %s %d %.9f  %.3f TB/s read%n", operation.name().toLowerCase(),
                                type.name().toLowerCase(), count, median, values.byteSize() / median / 1e12);
                    }
                    double[] seconds = new double[20];
                    for (int run = -5; run < seconds.length; run++) {
                        start.record(stream);
                        for (int repeat = 0; repeat < REPEATS; repeat++) {
                            scan.inclusiveSum(values, scanned, type, pool, stream);
                        }
                        end.record(stream);
                        end.synchronize();
                        if (run >= 0) {
                            seconds[run] = end.elapsedMillisSince(start) / 1e3 / REPEATS;
                        }
                    }
                    Arrays.sort(seconds);
                    double median = seconds[seconds.length / 2];
                    System.out.printf("forge scan_inclusive_sum %s %d %.9f  %.3f TB/s read+write%n",
                            type.name().toLowerCase(), count, median, 2.0 * values.byteSize() / median / 1e12);
                }
            }
        }
    }
}
