package dev.forge.bench.experiments;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One experiment's part of a suite run: its trials in order (variant by variant, sizes ascending), the sizes it
 * skipped and why, or why it did not run at all ({@code notYet}).
 *
 * @param notYet null when the experiment ran
 */
public record ExperimentOutcome(String name, String description, String sizeUnit, String notYet,
        List<String> variants, List<TrialResult> results, List<String> skipped) {

    public ExperimentOutcome {
        variants = List.copyOf(variants);
        results = List.copyOf(results);
        skipped = List.copyOf(skipped);
    }

    public static ExperimentOutcome notYet(Experiment experiment, String reason) {
        return new ExperimentOutcome(experiment.name(), experiment.description(), experiment.sizeUnit(), reason,
                List.of(), List.of(), List.of());
    }

    public boolean ran() {
        return notYet == null;
    }

    /** The baselines of its trials, each named once in order (variants may have their own: parse's two readers). */
    public List<String> baselineNames() {
        return results.stream().map(TrialResult::baselineName).distinct().toList();
    }

    public List<TrialResult> resultsOf(String variant) {
        List<TrialResult> of = new ArrayList<>();
        for (TrialResult result : results) {
            if (result.variant().equals(variant)) {
                of.add(result);
            }
        }
        of.sort(Comparator.comparingLong(TrialResult::size));
        return of;
    }

    /** Where the contender starts to beat the baseline for {@code variant}, with or without the transfers. */
    public Crossover crossover(String variant, boolean withTransfers) {
        List<Crossover.Point> points = new ArrayList<>();
        for (TrialResult result : resultsOf(variant)) {
            points.add(new Crossover.Point(result.size(),
                    withTransfers ? result.speedUpWithTransfers() : result.speedUp()));
        }
        return Crossover.find(points);
    }

    /** The variant's trial at the largest size where the contender was measured. */
    public Optional<TrialResult> largestMeasured(String variant) {
        List<TrialResult> of = resultsOf(variant);
        for (int i = of.size() - 1; i >= 0; i--) {
            if (of.get(i).contenderMeasured() && Double.isFinite(of.get(i).speedUp())) {
                return Optional.of(of.get(i));
            }
        }
        return Optional.empty();
    }

    /**
     * The experiment's speed-up in one figure: the geometric mean over its variants of each one's speed-up at its
     * largest measured size (NaN when none was measured).
     */
    public double summarySpeedUp(boolean withTransfers) {
        double logSum = 0;
        int count = 0;
        for (String variant : variants) {
            Optional<TrialResult> largest = largestMeasured(variant);
            if (largest.isPresent()) {
                double speedUp = withTransfers ? largest.get().speedUpWithTransfers() : largest.get().speedUp();
                if (speedUp > 0 && Double.isFinite(speedUp)) {
                    logSum += Math.log(speedUp);
                    count++;
                }
            }
        }
        return count == 0 ? Double.NaN : Math.exp(logSum / count);
    }

    public long failureCount() {
        return results.stream().filter(TrialResult::failed).count();
    }
}
