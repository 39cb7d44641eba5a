package dev.forge.bench.experiments.report;

import dev.forge.bench.experiments.Crossover;
import dev.forge.bench.experiments.ExperimentOutcome;
import dev.forge.bench.experiments.Format;
import dev.forge.bench.experiments.Sizes;
import dev.forge.bench.experiments.SuiteReport;
import dev.forge.bench.experiments.TrialResult;
import dev.forge.bench.experiments.chart.LineChart;
import dev.forge.bench.experiments.chart.RowChart;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The report's charts, drawn from a {@link SuiteReport}: the speed-up by size of each experiment (log-log, verdict
 * bands, crossovers marked), achieved bandwidth against the measured copy ceiling (roofline-style), and where the
 * contender starts to win.
 */
public final class Charts {
    static final int WIDTH = 1400;
    static final int LINE_HEIGHT = 760;

    private Charts() {
    }

    /** A chart and the file name it is written under. */
    public record Chart(String fileName, String caption, BufferedImage image) {
    }

    public static List<Chart> all(SuiteReport report, dev.forge.bench.experiments.chart.TextPainter text) {
        List<Chart> charts = new ArrayList<>();
        for (ExperimentOutcome outcome : report.outcomes()) {
            speedUp(outcome, text).ifPresent(charts::add);
        }
        roofline(report, text).ifPresent(charts::add);
        crossover(report, text).ifPresent(charts::add);
        return charts;
    }

    static String speedUpFile(ExperimentOutcome outcome) {
        return "speedup-" + outcome.name() + ".png";
    }

    /** Speed-up over the baseline by size, one colour per variant; dashed: with transfers. */
    static Optional<Chart> speedUp(ExperimentOutcome outcome, dev.forge.bench.experiments.chart.TextPainter text) {
        if (!outcome.ran() || outcome.results().stream().noneMatch(TrialResult::contenderMeasured)) {
            return Optional.empty();
        }
        String contender = firstContender(outcome);
        List<String> baselines = outcome.baselineNames(); // the title names one only where there is one
        String baseline = baselines.size() == 1 ? baselines.getFirst() : "each variant's baseline (see report.md)";
        LineChart chart = new LineChart(outcome.name() + ": " + contender + " speed-up over " + baseline,
                outcome.sizeUnit() + " (log scale)", "speed-up, baseline time / contender time (log scale)",
                size -> Sizes.format(Math.round(size)), Charts::speedUpLabel);
        chart.reference(1, "1x: as fast as the baseline");
        chart.band(new LineChart.Band(10, Double.POSITIVE_INFINITY, "DOMINANT > 10x", new Color(0xE3, 0xF2, 0xE3)))
                .band(new LineChart.Band(5, 10, "STRONG 5-10x", new Color(0xEC, 0xF6, 0xEC)))
                .band(new LineChart.Band(2, 5, "SOLID 2-5x", new Color(0xF4, 0xFA, 0xF4)))
                .band(new LineChart.Band(1, 2, "MARGINAL 1-2x", new Color(0xFB, 0xFB, 0xF0)))
                .band(new LineChart.Band(0, 1, "SLOWER < 1x", new Color(0xFB, 0xEE, 0xEE)));
        boolean anyTransfers = false;
        for (int v = 0; v < outcome.variants().size(); v++) {
            String variant = outcome.variants().get(v);
            List<TrialResult> results = outcome.resultsOf(variant);
            double[] sizes = results.stream().mapToDouble(TrialResult::size).toArray();
            chart.add(new LineChart.Series(variant, v, false, sizes,
                    results.stream().mapToDouble(TrialResult::speedUp).toArray()));
            boolean transfers = results.stream().anyMatch(r -> r.contenderDevice() != null && r.contenderMeasured());
            if (transfers) {
                anyTransfers = true;
                chart.add(new LineChart.Series(null, v, true, sizes,
                        results.stream().mapToDouble(TrialResult::speedUpWithTransfers).toArray()));
            }
            Crossover resident = outcome.crossover(variant, false);
            if (resident.kind() == Crossover.Kind.CROSSES) {
                chart.marker(new LineChart.Marker(resident.size(), v, false, Sizes.approximate(resident.size())));
            }
            Crossover withTransfers = outcome.crossover(variant, true);
            if (transfers && withTransfers.kind() == Crossover.Kind.CROSSES) {
                chart.marker(new LineChart.Marker(withTransfers.size(), v, true,
                        Sizes.approximate(withTransfers.size())));
            }
        }
        if (anyTransfers) {
            chart.legendNote("solid: data on the GPU", false).legendNote("dashed: with transfers", true);
        }
        return Optional.of(new Chart(speedUpFile(outcome), outcome.name() + ": speed-up by size",
                chart.render(WIDTH, LINE_HEIGHT, text)));
    }

    private static String firstContender(ExperimentOutcome outcome) {
        return outcome.results().stream().filter(TrialResult::contenderMeasured).map(TrialResult::contenderName)
                .findFirst().orElse("contender");
    }

    static String speedUpLabel(double value) {
        return plainNumber(value) + "x";
    }

    /** A log axis's tick: whole numbers from 1 up, one significant digit below (0.1, not the 0 that %.0f gives). */
    static String plainNumber(double value) {
        if (value >= 1) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        return new java.math.BigDecimal(value).round(new java.math.MathContext(1)).stripTrailingZeros().toPlainString();
    }

    /** Achieved device bandwidth of every GPU variant at its largest size, against the device copy ceiling. */
    static Optional<Chart> roofline(SuiteReport report, dev.forge.bench.experiments.chart.TextPainter text) {
        RowChart chart = new RowChart("Achieved device bandwidth at the largest measured size vs the copy ceiling",
                "GB/s: the fewest bytes the work must move over its GPU time (log scale)",
                Charts::plainNumber);
        int rows = 0;
        for (int e = 0; e < report.outcomes().size(); e++) {
            ExperimentOutcome outcome = report.outcomes().get(e);
            for (String variant : outcome.variants()) {
                Optional<TrialResult> largest = outcome.largestMeasured(variant);
                if (largest.isEmpty() || !Double.isFinite(largest.get().deviceBytesPerSecond())) {
                    continue;
                }
                TrialResult result = largest.get();
                double gigabytes = result.deviceBytesPerSecond() / 1e9;
                String label = String.format(Locale.ROOT, "%s (%s of copy)", Format.bytesPerSecond(
                        result.deviceBytesPerSecond()), Format.percent(result.deviceBytesPerSecond()
                        / report.ceilings().copyBytesPerSecond()));
                chart.add(new RowChart.Row(outcome.name() + " " + variant + " @ " + Sizes.format(result.size()),
                        Double.NaN, Double.NaN, List.of(new RowChart.Mark(gigabytes, RowChart.Shape.BAR, e, label))));
                rows++;
            }
        }
        if (rows == 0) {
            return Optional.empty();
        }
        if (report.ceilings().measured()) {
            chart.reference(new RowChart.Reference(report.ceilings().copyBytesPerSecond() / 1e9,
                    "device copy " + Format.bytesPerSecond(report.ceilings().copyBytesPerSecond())));
        }
        if (Double.isFinite(report.ceilings().hostToDeviceBytesPerSecond())) {
            chart.reference(new RowChart.Reference(report.ceilings().hostToDeviceBytesPerSecond() / 1e9,
                    "PCIe " + Format.bytesPerSecond(report.ceilings().hostToDeviceBytesPerSecond())));
        }
        return Optional.of(new Chart("roofline.png", "achieved bandwidth vs the measured ceilings",
                chart.render(WIDTH, text)));
    }

    /** Where each variant's contender starts to win, with and without transfers, over the measured range. */
    static Optional<Chart> crossover(SuiteReport report, dev.forge.bench.experiments.chart.TextPainter text) {
        RowChart chart = new RowChart("Crossover: the size from which the contender beats the baseline",
                "size (log scale); grey: the measured range", size -> Sizes.format(Math.round(size)));
        chart.legend("data on the GPU", RowChart.Shape.DOT, 0).legend("with transfers", RowChart.Shape.RING, 1)
                .legend("wins at every measured size (crossover at or below)", RowChart.Shape.LEFT_ARROW, 0)
                .legend("never wins in range (crossover above, if any)", RowChart.Shape.RIGHT_ARROW, 0)
                .legendBand("measured sizes");
        int rows = 0;
        for (ExperimentOutcome outcome : report.outcomes()) {
            for (String variant : outcome.variants()) {
                List<TrialResult> results = outcome.resultsOf(variant);
                if (results.stream().noneMatch(TrialResult::contenderMeasured)) {
                    continue;
                }
                List<RowChart.Mark> marks = new ArrayList<>();
                boolean transfers = results.stream().anyMatch(r -> r.contenderDevice() != null);
                marks.addAll(marks(outcome.crossover(variant, false), 0, false, transfers ? -1 : 0));
                if (transfers) {
                    marks.addAll(marks(outcome.crossover(variant, true), 1, true, 1));
                }
                Crossover range = outcome.crossover(variant, false);
                chart.add(new RowChart.Row(outcome.name() + " " + variant, range.smallestMeasured(),
                        range.largestMeasured(), marks));
                rows++;
            }
        }
        return rows == 0 ? Optional.empty() : Optional.of(new Chart("crossover.png",
                "where the contender starts to win", chart.render(WIDTH, text)));
    }

    private static List<RowChart.Mark> marks(Crossover crossover, int color, boolean withTransfers, int lane) {
        String suffix = withTransfers ? " (transfers)" : "";
        return switch (crossover.kind()) {
            case CROSSES -> List.of(new RowChart.Mark(crossover.size(), withTransfers ? RowChart.Shape.RING
                    : RowChart.Shape.DOT, color, Sizes.approximate(crossover.size()) + suffix, lane));
            case WINS_THROUGHOUT -> List.of(new RowChart.Mark(crossover.smallestMeasured(), RowChart.Shape.LEFT_ARROW,
                    color, "<= " + Sizes.format(crossover.smallestMeasured()) + suffix, lane));
            case NEVER_WINS, LOSES_AT_LARGEST -> List.of(new RowChart.Mark(crossover.largestMeasured(),
                    RowChart.Shape.RIGHT_ARROW, color, "> " + Sizes.format(crossover.largestMeasured()) + suffix,
                    lane));
            case NOT_MEASURED -> List.of();
        };
    }
}
