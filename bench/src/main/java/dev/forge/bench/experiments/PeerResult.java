package dev.forge.bench.experiments;

/**
 * A peer's figure for one trial: CUB's median (its harness reports only that) or a host peer's timed runs, or why
 * the peer is absent. A measured peer's note says what its result was checked against, where it was.
 *
 * @param statistics the timed runs where the suite timed them itself; null for CUB and for an absent peer
 */
public record PeerResult(String name, double medianSeconds, Statistics statistics, String note) {

    public static PeerResult absent(String name, String reason) {
        return new PeerResult(name, Double.NaN, null, reason);
    }

    public boolean measured() {
        return Double.isFinite(medianSeconds);
    }
}
