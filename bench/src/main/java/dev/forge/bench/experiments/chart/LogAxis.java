package dev.forge.bench.experiments.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * A logarithmic axis from a range of positive values to a range of pixels. The range is widened to whole decades
 * around the data; ticks are the decades, with 2 and 5 between them labelled too when the axis spans at most three
 * decades, and unlabelled minor ticks (2 to 9) otherwise.
 */
final class LogAxis {
    private final double low;
    private final double high;
    private final double fromPixel;
    private final double toPixel;
    private final DoubleFunction<String> label;

    /** A tick: its value, whether it is labelled, and its label. */
    record Tick(double value, boolean major, String label) {
    }

    /** {@code values} need at least one positive finite number; others are ignored. */
    LogAxis(List<Double> values, double fromPixel, double toPixel, DoubleFunction<String> label) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double value : values) {
            if (value > 0 && Double.isFinite(value)) {
                min = Math.min(min, value);
                max = Math.max(max, value);
            }
        }
        if (min > max) {
            min = 1;
            max = 10;
        }
        double lowExponent = Math.floor(Math.log10(min) + 1e-9);
        double highExponent = Math.ceil(Math.log10(max) - 1e-9);
        if (highExponent <= lowExponent) {
            highExponent = lowExponent + 1;
        }
        this.low = Math.pow(10, lowExponent);
        this.high = Math.pow(10, highExponent);
        this.fromPixel = fromPixel;
        this.toPixel = toPixel;
        this.label = label;
    }

    double pixel(double value) {
        double fraction = (Math.log10(value) - Math.log10(low)) / (Math.log10(high) - Math.log10(low));
        return fromPixel + fraction * (toPixel - fromPixel);
    }

    double low() {
        return low;
    }

    double high() {
        return high;
    }

    List<Tick> ticks() {
        List<Tick> ticks = new ArrayList<>();
        long decades = Math.round(Math.log10(high / low));
        boolean labelHalves = decades <= 3;
        for (double decade = low; decade <= high * 1.0001; decade *= 10) {
            ticks.add(new Tick(decade, true, label.apply(decade)));
            if (decade * 10 > high * 1.0001) {
                break;
            }
            for (int step = 2; step <= 9; step++) {
                boolean labelled = labelHalves && (step == 2 || step == 5);
                ticks.add(new Tick(decade * step, labelled, labelled ? label.apply(decade * step) : ""));
            }
        }
        return ticks;
    }
}
