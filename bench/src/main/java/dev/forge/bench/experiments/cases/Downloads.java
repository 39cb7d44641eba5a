package dev.forge.bench.experiments.cases;

import dev.forge.cuda.DeviceMemory;
import dev.forge.cuda.Stream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Downloads whose size the GPU decided: read the int64 count it wrote, then copy that many elements. */
final class Downloads {
    private Downloads() {
    }

    /**
     * Copies the count to {@code hostCount} (waiting for it), then {@code count} elements of {@code elementBytes}
     * from {@code device} to {@code host}; a count outside [0, capacity] copies nothing and is left for the
     * validation to report.
     */
    static void counted(DeviceMemory deviceCount, MemorySegment hostCount, DeviceMemory device, MemorySegment host,
            int elementBytes, long capacity, Stream stream) {
        deviceCount.slice(0, 8).copyToAsync(hostCount.asSlice(0, 8), stream);
        stream.synchronize();
        long count = count(hostCount);
        if (count > 0 && count <= capacity) {
            device.slice(0, count * elementBytes).copyToAsync(host.asSlice(0, count * elementBytes), stream);
        }
    }

    static long count(MemorySegment hostCount) {
        return hostCount.get(ValueLayout.JAVA_LONG, 0);
    }
}
