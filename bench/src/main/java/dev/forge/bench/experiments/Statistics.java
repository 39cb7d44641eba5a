package dev.forge.bench.experiments;

import java.util.Arrays;

/**
 * The spread of one measurement's timed runs, in seconds: median (the figure every ratio uses), min, max, mean,
 * sample standard deviation and the coefficient of variation, which flags a measurement too noisy to trust.
 */
public record Statistics(int runs, double median, double min, double max, double mean, double standardDeviation) {
    /** Above this coefficient of variation (in percent) a measurement is reported as noisy. */
    public static final double NOISY_PERCENT = 5.0;

    public static Statistics of(double[] seconds) {
        if (seconds.length == 0) {
            throw new IllegalArgumentException("statistics need at least one timed run");
        }
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        double median = sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        double sum = 0;
        for (double value : sorted) {
            sum += value;
        }
        double mean = sum / sorted.length;
        double squares = 0;
        for (double value : sorted) {
            squares += (value - mean) * (value - mean);
        }
        // the sample deviation (n - 1): the runs are a sample of what this machine does
        double deviation = sorted.length > 1 ? Math.sqrt(squares / (sorted.length - 1)) : 0;
        return new Statistics(sorted.length, median, sorted[0], sorted[sorted.length - 1], mean, deviation);
    }

    /** Standard deviation over the mean, in percent (0 for a zero mean). */
    public double coefficientOfVariationPercent() {
        return mean == 0 ? 0 : 100 * standardDeviation / mean;
    }

    public boolean isNoisy() {
        return coefficientOfVariationPercent() > NOISY_PERCENT;
    }
}
