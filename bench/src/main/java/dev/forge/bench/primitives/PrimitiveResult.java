package dev.forge.bench.primitives;

/**
 * One primitive on one element type and size: Forge's GPU time, the CPU twin's, CUB's, and the ceiling they are read
 * against. Times are medians in seconds; NaN where a peer was not measured.
 *
 * @param family the {@link PrimitiveFamily#optionName} it belongs to
 * @param bytesMoved the fewest bytes the primitive must move through device memory (input read once, output
 *     written once)
 */
public record PrimitiveResult(
        String family,
        String primitive,
        String type,
        long elements,
        long bytesMoved,
        double gpuSeconds,
        double cpuSeconds,
        double cubSeconds,
        Ceiling ceiling) {

    public double gpuBytesPerSecond() {
        return bytesMoved / gpuSeconds;
    }

    public double gpuElementsPerSecond() {
        return elements / gpuSeconds;
    }

    /** Achieved bytes (or, for a random-gather ceiling, elements) per second over the ceiling's. */
    public double fractionOfCeiling() {
        return (ceiling.countsBytes() ? gpuBytesPerSecond() : gpuElementsPerSecond()) / ceiling.perSecond();
    }

    /** How many times faster the GPU is than the CPU twin (data already in each one's memory). */
    public double speedUpOverCpu() {
        return cpuSeconds / gpuSeconds;
    }

    /** CUB's time over Forge's: above 1 Forge is faster. */
    public double speedRelativeToCub() {
        return cubSeconds / gpuSeconds;
    }
}
