package dev.forge.cuda;

/**
 * What a GPU is: identity, compute capability and the sizes that bound kernel design.
 *
 * @param memoryClockKiloHertz peak memory clock as the driver reports it; with the bus width it gives the
 *     theoretical bandwidth
 */
public record DeviceInfo(
        int ordinal,
        String name,
        String uuid,
        int computeMajor,
        int computeMinor,
        int multiprocessors,
        long totalMemoryBytes,
        long l2CacheBytes,
        int maxSharedMemoryPerBlockOptIn,
        int maxSharedMemoryPerMultiprocessor,
        int maxThreadsPerMultiprocessor,
        int clockKiloHertz,
        int memoryClockKiloHertz,
        int memoryBusWidthBits,
        boolean cooperativeLaunch,
        boolean memoryPools) {

    /** The NVRTC/nvcc architecture name, e.g. {@code sm_90}. */
    public String architecture() {
        return "sm_" + computeMajor + computeMinor;
    }

    /** Double data rate: two transfers per memory clock over the whole bus. */
    public double theoreticalBandwidthBytesPerSecond() {
        return 2.0 * memoryClockKiloHertz * 1000.0 * (memoryBusWidthBits / 8.0);
    }
}
