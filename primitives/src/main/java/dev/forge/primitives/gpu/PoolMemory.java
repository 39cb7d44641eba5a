package dev.forge.primitives.gpu;

import dev.forge.cuda.CudaException;
import dev.forge.cuda.DeviceBuffer;
import dev.forge.cuda.MemoryPool;
import dev.forge.cuda.Stream;

/** Stream-ordered allocations from a pool that say, when the device is out of memory, what they were for. */
final class PoolMemory {
    private PoolMemory() {
    }

    /**
     * {@code bytes} (at least 1, so an empty input still gets a valid address) from {@code pool} in the order of
     * {@code stream}; {@code purpose} and {@code remedy} complete the message if the device has no room.
     */
    static DeviceBuffer allocate(MemoryPool pool, long bytes, Stream stream, String purpose, String remedy) {
        try {
            return pool.allocate(Math.max(1, bytes), stream);
        } catch (CudaException failure) {
            if (!failure.isOutOfMemory()) {
                throw failure;
            }
            throw new GpuOutOfMemoryException(purpose + " needs " + bytes + " bytes of device memory and the device"
                    + " has no room for them: " + remedy, failure);
        }
    }
}
