package dev.forge.bench.experiments;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Everything one trial measured: the baseline's timed runs, the contender's (device time by CUDA events, end-to-end
 * wall time with the transfers, and the transfers alone), the peers, what validation compared, and the failure if
 * the trial failed (a result that differed from the baseline's, or an error).
 *
 * @param baseline null when the baseline did not run, with {@code baselineAbsentReason} saying why (or the trial
 *     failed before it ran)
 * @param contenderName null when the contender was absent, with {@code contenderAbsentReason} saying why
 * @param contenderDevice null unless the contender ran on the GPU under events
 * @param transfer upload plus download time by events; null unless the contender ran on the GPU
 * @param failure null when the trial passed
 */
public record TrialResult(
        String experiment,
        String variant,
        long size,
        TrialShape shape,
        double generationSeconds,
        String baselineName,
        Statistics baseline,
        String baselineAbsentReason,
        String contenderName,
        String contenderAbsentReason,
        Statistics contenderDevice,
        Statistics contenderEndToEnd,
        Statistics transfer,
        List<PeerResult> peers,
        String validation,
        String failure) {

    public boolean failed() {
        return failure != null;
    }

    /** Whether the contender ran and its result matched the baseline's. */
    public boolean contenderMeasured() {
        return !failed() && contenderEndToEnd != null;
    }

    /** The trial's native peer (CUB or cuBLAS), measured or absent. */
    public Optional<PeerResult> nativePeer() {
        List<String> names = Arrays.stream(NativePeer.values()).map(NativePeer::displayName).toList();
        return peers.stream().filter(peer -> names.contains(peer.name())).findFirst();
    }

    /** Baseline time over the contender's time with the data already where it works (device time for the GPU). */
    public double speedUp() {
        if (!contenderMeasured() || baseline == null) {
            return Double.NaN;
        }
        Statistics contender = contenderDevice != null ? contenderDevice : contenderEndToEnd;
        return baseline.median() / contender.median();
    }

    /** Baseline time over the contender's end-to-end time, transfers to and from the GPU included. */
    public double speedUpWithTransfers() {
        return contenderMeasured() && baseline != null ? baseline.median() / contenderEndToEnd.median() : Double.NaN;
    }

    /** {@link TrialShape#deviceBytes} over the device time: NaN unless the contender ran on the GPU. */
    public double deviceBytesPerSecond() {
        return contenderMeasured() && contenderDevice != null ? shape.deviceBytes() / contenderDevice.median() : Double.NaN;
    }

    /** Elements per second of the contender with the data in place. */
    public double contenderElementsPerSecond() {
        if (!contenderMeasured()) {
            return Double.NaN;
        }
        Statistics contender = contenderDevice != null ? contenderDevice : contenderEndToEnd;
        return shape.elements() / contender.median();
    }

    public double baselineElementsPerSecond() {
        return baseline == null ? Double.NaN : shape.elements() / baseline.median();
    }

    /** Transfer bytes over the transfer time: NaN unless the contender ran on the GPU and moved bytes. */
    public double transferBytesPerSecond() {
        return contenderMeasured() && transfer != null && shape.transferBytes() > 0
                ? shape.transferBytes() / transfer.median() : Double.NaN;
    }

    /** The measurements whose coefficient of variation is above {@link Statistics#NOISY_PERCENT}, by name. */
    public List<String> noisyMeasurements() {
        List<String> noisy = new java.util.ArrayList<>();
        addIfNoisy(noisy, baselineName, baseline);
        addIfNoisy(noisy, contenderName == null ? null : contenderName + " (device)", contenderDevice);
        addIfNoisy(noisy, contenderName == null ? null : contenderName + " (end to end)", contenderEndToEnd);
        for (PeerResult peer : peers) {
            addIfNoisy(noisy, peer.name(), peer.statistics());
        }
        return noisy;
    }

    private static void addIfNoisy(List<String> noisy, String name, Statistics statistics) {
        if (name != null && statistics != null && statistics.isNoisy()) {
            noisy.add(String.format(java.util.Locale.ROOT, "%s (CV %.1f%%)", name,
                    statistics.coefficientOfVariationPercent()));
        }
    }
}
