package dev.forge.bench.primitives;

/**
 * One primitive on one element type and size: Forge's GPU time, the CPU twin's, CUB's, and the copy ceiling they
 * are measured against. Times are medians in seconds; NaN where a peer was not measured.
 *
 * @param bytesMoved the fewest bytes the primitive must move through device memory (input read once, output
 *     written once)
 */
public record PrimitiveResult(
        String primitive,
        String type,
        long elements,
        long bytesMoved,
        double gpuSeconds,
        double cpuSeconds,
        double cubSeconds,
        double copyBytesPerSecond) {

    public double gpuBytesPerSecond() {
        return bytesMoved / gpuSeconds;
    }

    public double gpuElementsPerSecond() {
        return elements / gpuSeconds;
    }

    /** Achieved bandwidth over the measured device copy bandwidth. */
    public double fractionOfCopy() {
        return gpuBytesPerSecond() / copyBytesPerSecond;
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
