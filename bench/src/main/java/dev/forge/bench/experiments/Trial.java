package dev.forge.bench.experiments;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One experiment variant at one size, with its data generated: a baseline (the CPU twin on all cores, the CPU engine
 * or DuckDB), a contender (usually the GPU) and optional host peers, each leaving its result where
 * {@link #validate} compares the contender's with the baseline's. {@link TrialRunner} times them; closing frees the
 * data on the host and the GPU.
 */
public interface Trial extends AutoCloseable {

    TrialShape shape();

    /** What the baseline is, for reports ("CPU twin, 16 threads"). */
    String baselineName();

    void runBaseline();

    /**
     * Why the baseline does not run at this size (where it would take minutes), or empty when it runs;
     * {@link #validate} then checks the contender another way and says how.
     */
    default Optional<String> baselineSkipped() {
        return Optional.empty();
    }

    Contender contender();

    /**
     * Compares the contender's last result with the baseline's; returns what was compared and how ("exact, 1000000
     * int64 values") or throws {@link ValidationException} naming the first difference.
     */
    String validate();

    default List<HostPeer> hostPeers() {
        return List.of();
    }

    /**
     * A checksum of the inputs, which the CUB harness computes over the data it generates the same way, so a CUB
     * time is known to be for the same data; empty where CUB has no peer.
     */
    default OptionalLong inputChecksum() {
        return OptionalLong.empty();
    }

    @Override
    void close();
}
