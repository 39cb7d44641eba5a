package dev.forge.bench.experiments.report;

import dev.forge.bench.experiments.ExperimentOutcome;
import dev.forge.bench.experiments.Format;
import dev.forge.bench.experiments.SuiteReport;
import dev.forge.bench.experiments.TrialResult;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;

/** The end of a run on the terminal: the verdict table by variant, then every failure again, loudly. */
public final class ConsoleSummary {
    private ConsoleSummary() {
    }

    public static void print(SuiteReport report, PrintWriter out) {
        out.printf(Locale.ROOT, "%n%s, %s; commit %s; %s%n", report.machine().gpu(), report.machine().driver(),
                report.machine().commit(), report.machine().date());
        out.printf(Locale.ROOT, "%-12s %-16s %8s %12s %-9s %12s %-9s %s%n", "experiment", "variant", "size",
                "speed-up", "verdict", "w/ transfer", "verdict", "crossover (data on GPU / with transfers)");
        for (ExperimentOutcome outcome : report.outcomes()) {
            if (!outcome.ran()) {
                out.printf(Locale.ROOT, "%-12s not yet: %s%n", outcome.name(), outcome.notYet());
                continue;
            }
            for (String variant : outcome.variants()) {
                Optional<TrialResult> largest = outcome.largestMeasured(variant);
                if (largest.isEmpty()) {
                    String why = outcome.resultsOf(variant).stream()
                            .map(r -> r.failed() ? r.failure() : r.contenderAbsentReason())
                            .filter(reason -> reason != null).findFirst().orElse("no size fitted");
                    out.printf(Locale.ROOT, "%-12s %-16s %s%n", outcome.name(), variant,
                            why.startsWith("no GPU") ? "no GPU" : "contender not measured: " + why);
                    continue;
                }
                TrialResult result = largest.get();
                boolean transfers = result.contenderDevice() != null;
                out.printf(Locale.ROOT, "%-12s %-16s %8s %12s %-9s %12s %-9s %s / %s%n", outcome.name(), variant,
                        dev.forge.bench.experiments.Sizes.format(result.size()), Format.ratio(result.speedUp()),
                        JsonReport.verdict(result.speedUp()),
                        transfers ? Format.ratio(result.speedUpWithTransfers()) : "-",
                        transfers ? JsonReport.verdict(result.speedUpWithTransfers()) : "-",
                        outcome.crossover(variant, false).describe(),
                        transfers ? outcome.crossover(variant, true).describe() : "-");
            }
        }
        long failures = report.failureCount();
        if (failures > 0) {
            out.printf(Locale.ROOT, "%n%d TRIAL(S) FAILED:%n", failures);
            for (ExperimentOutcome outcome : report.outcomes()) {
                for (TrialResult result : outcome.results()) {
                    if (result.failed()) {
                        out.printf(Locale.ROOT, "  %s %s %s: %s%n", result.experiment(), result.variant(),
                                dev.forge.bench.experiments.Sizes.format(result.size()), result.failure());
                    }
                }
            }
        } else {
            out.printf(Locale.ROOT, "%nevery measured result matched its baseline's (%.0f s)%n", report.wallSeconds());
        }
    }
}
