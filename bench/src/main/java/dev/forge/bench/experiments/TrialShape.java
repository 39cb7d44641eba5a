package dev.forge.bench.experiments;

/**
 * The sizes that turn one trial's times into rates.
 *
 * @param elements the rows or elements the throughput counts
 * @param deviceBytes the fewest bytes the GPU work must read and write in device memory (every input read once, every
 *     output written once): achieved bandwidth is this over the GPU time, the roofline's numerator
 * @param uploadBytes bytes copied from the host to the GPU per run
 * @param downloadBytes bytes copied back per run (for outputs whose size depends on the data, those of the result)
 */
public record TrialShape(long elements, long deviceBytes, long uploadBytes, long downloadBytes) {

    public long transferBytes() {
        return uploadBytes + downloadBytes;
    }
}
