package dev.forge.bench.experiments.report;

import dev.forge.bench.experiments.ExperimentOutcome;
import dev.forge.bench.experiments.Format;
import dev.forge.bench.experiments.MachineDescription;
import dev.forge.bench.experiments.PeerResult;
import dev.forge.bench.experiments.Sizes;
import dev.forge.bench.experiments.Statistics;
import dev.forge.bench.experiments.SuiteReport;
import dev.forge.bench.experiments.TrialResult;
import dev.forge.cuda.bench.Measurement;
import java.util.List;
import java.util.Optional;

/**
 * A suite run as a Markdown page (report.md): the machine, commit and date, the settings and ceilings, for a merged
 * report the runs it was merged from, the verdict tables (per experiment and per variant, with crossovers), the
 * charts, each experiment's trials size by size, what did not run and why, and how to read the figures.
 */
public final class MarkdownReport {
    private MarkdownReport() {
    }

    /** {@code charts} are the files written next to the page; {@code chartsNote} says why some are missing (or ""). */
    public static String render(SuiteReport report, List<Charts.Chart> charts, String chartsNote) {
        StringBuilder page = new StringBuilder();
        MachineDescription machine = report.machine();
        page.append("# Forge experiment suite, ").append(report.settings().profile().displayName()).append(" profile")
                .append(!report.merged() ? "" : report.mergedFrom().size() == 1 ? ", from one run's JSON"
                        : ", merged from " + report.mergedFrom().size() + " runs").append("\n\n");
        page.append("| | |\n|---|---|\n");
        row(page, "GPU", machine.gpu() + (machine.gpuMemoryBytes() > 0 ? ", " + Format.bytes(machine.gpuMemoryBytes())
                : ""));
        row(page, "driver", machine.driver());
        row(page, "CPU", machine.cpu() + ", " + machine.cores() + " cores, " + Format.bytes(machine.hostMemoryBytes()));
        row(page, "Java", machine.javaVersion());
        row(page, "commit", machine.commit());
        row(page, "date", machine.date());
        row(page, "sizes", String.join(", ", report.settings().sizes().stream().map(Sizes::format).toList())
                + (report.settings().growsToMemory() ? ", then larger while the GPU and host have room" : ""));
        row(page, "runs", report.settings().runs() + " timed after " + report.settings().warmups() + " warm-up"
                + (report.settings().warmups() == 1 ? "" : "s") + " per measurement");
        row(page, "device copy ceiling", Format.bytesPerSecond(report.ceilings().copyBytesPerSecond())
                + (!report.ceilings().measured() ? " (no GPU)" : report.merged()
                        ? " (measured at the start of the first run merged)" : " (measured at the start of this run)"));
        row(page, "PCIe, pinned", Format.bytesPerSecond(report.ceilings().hostToDeviceBytesPerSecond()) + " up, "
                + Format.bytesPerSecond(report.ceilings().deviceToHostBytesPerSecond()) + " down");
        for (Measurement measurement : report.ceilings().measurements()) {
            if (measurement.unit() == Measurement.Unit.MICROSECONDS) {
                row(page, measurement.name(), measurement.formattedValue());
            }
        }
        report.nativePeerStatus().forEach((peer, status) -> row(page, peer, status));
        row(page, "wall time", String.format(java.util.Locale.ROOT, "%.0f s", report.wallSeconds())
                + (report.merged() ? ", the sum of the runs'" : ""));
        long failures = report.failureCount();
        row(page, "validation", failures == 0 ? "every measured result matched its baseline's"
                : "**" + failures + " trial(s) FAILED** (see below): their times are not counted");
        page.append('\n');
        if (report.merged()) {
            MergedRunsMarkdown.render(page, report);
        }
        verdicts(page, report);
        for (Charts.Chart chart : charts) {
            if (!chart.fileName().startsWith("speedup-")) {
                page.append("![").append(chart.caption()).append("](").append(chart.fileName()).append(")\n\n");
            }
        }
        if (!chartsNote.isEmpty()) {
            page.append("Charts: ").append(chartsNote).append("\n\n");
        }
        for (ExperimentOutcome outcome : report.outcomes()) {
            if (outcome.ran()) {
                experiment(page, outcome, charts, report.ceilings().copyBytesPerSecond());
            }
        }
        notYet(page, report);
        reading(page);
        return page.toString();
    }

    private static void verdicts(StringBuilder page, SuiteReport report) {
        page.append("## Verdicts\n\nEach experiment's speed-up is the geometric mean over its variants of the speed-up at"
                + " the largest size measured; DOMINANT > 10x, STRONG > 5x, SOLID 2-5x, MARGINAL 1-2x, SLOWER < 1x.\n\n");
        page.append("| experiment | contender vs baseline | speed-up, data on the GPU | verdict | with transfers | verdict |\n");
        page.append("|---|---|---|---|---|---|\n");
        for (ExperimentOutcome outcome : report.outcomes()) {
            if (!outcome.ran()) {
                page.append("| ").append(outcome.name()).append(" | not yet: ").append(cell(outcome.notYet()))
                        .append(" | | | | |\n");
                continue;
            }
            Optional<TrialResult> any = outcome.results().stream().filter(TrialResult::contenderMeasured).findFirst();
            String versus = any.map(r -> r.contenderName() + " vs " + String.join("; ", outcome.baselineNames())).orElse(
                    outcome.results().isEmpty() ? "no trial ran" : "contender absent: "
                            + cell(firstAbsentReason(outcome)));
            double speedUp = outcome.summarySpeedUp(false);
            double withTransfers = outcome.summarySpeedUp(true);
            page.append("| ").append(outcome.name()).append(" | ").append(versus).append(" | ")
                    .append(Format.ratio(speedUp)).append(" | ").append(verdict(speedUp)).append(" | ")
                    .append(Format.ratio(withTransfers)).append(" | ").append(verdict(withTransfers)).append(" |\n");
        }
        page.append("\n### By variant, at the largest measured size\n\n");
        page.append("| experiment | variant | size | speed-up | verdict | with transfers | verdict | crossover | "
                + "crossover with transfers |\n|---|---|---|---|---|---|---|---|---|\n");
        for (ExperimentOutcome outcome : report.outcomes()) {
            for (String variant : outcome.variants()) {
                Optional<TrialResult> largest = outcome.largestMeasured(variant);
                if (largest.isEmpty()) {
                    continue;
                }
                TrialResult result = largest.get();
                boolean device = result.contenderDevice() != null;
                page.append("| ").append(outcome.name()).append(" | ").append(variant).append(" | ")
                        .append(Sizes.format(result.size())).append(" | ").append(Format.ratio(result.speedUp()))
                        .append(" | ").append(verdict(result.speedUp())).append(" | ")
                        .append(Format.ratio(result.speedUpWithTransfers())).append(" | ")
                        .append(verdict(result.speedUpWithTransfers())).append(" | ")
                        .append(outcome.crossover(variant, false).describe()).append(" | ")
                        .append(device ? outcome.crossover(variant, true).describe() : "same (no transfers)")
                        .append(" |\n");
            }
        }
        page.append('\n');
    }

    private static String firstAbsentReason(ExperimentOutcome outcome) {
        return outcome.results().stream().map(r -> r.failed() ? r.failure() : r.contenderAbsentReason())
                .filter(reason -> reason != null).findFirst().orElse("");
    }

    private static void experiment(StringBuilder page, ExperimentOutcome outcome, List<Charts.Chart> charts,
            double copy) {
        page.append("## ").append(outcome.name()).append("\n\n").append(outcome.description()).append(".\n\n");
        charts.stream().filter(chart -> chart.fileName().equals(Charts.speedUpFile(outcome))).findFirst()
                .ifPresent(chart -> page.append("![").append(chart.caption()).append("](").append(chart.fileName())
                        .append(")\n\n"));
        page.append("| variant | ").append(outcome.sizeUnit()).append(" | baseline | contender (GPU time, rate) | end to end"
                + " | transfers | speed-up | with transfers | GB/s (of copy) | CUB / cuBLAS | DuckDB | checked |\n");
        page.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (TrialResult result : outcome.results()) {
            page.append("| ").append(result.variant()).append(" | ").append(Sizes.format(result.size())).append(" | ")
                    .append(result.baseline() == null && result.baselineAbsentReason() != null
                            ? "none: " + cell(result.baselineAbsentReason()) : millis(result.baseline()))
                    .append(" | ");
            if (result.contenderMeasured()) {
                page.append(result.contenderDevice() != null ? millis(result.contenderDevice()) : "(host)")
                        .append(", ").append(Format.rate(result.contenderElementsPerSecond()))
                        .append(" | ").append(millis(result.contenderEndToEnd())).append(" | ")
                        .append(result.transfer() == null ? "-" : millis(result.transfer()) + " for "
                                + Format.bytes(result.shape().transferBytes()))
                        .append(" | ").append(Format.ratio(result.speedUp())).append(" | ")
                        .append(Format.ratio(result.speedUpWithTransfers())).append(" | ")
                        .append(Format.bytesPerSecond(result.deviceBytesPerSecond()))
                        .append(Double.isFinite(result.deviceBytesPerSecond()) && Double.isFinite(copy)
                                ? " (" + Format.percent(result.deviceBytesPerSecond() / copy) + ")" : "");
            } else if (result.failed()) {
                page.append("**").append(cell(result.failure())).append("** | | | | | ");
            } else {
                page.append("absent: ").append(cell(result.contenderAbsentReason())).append(" | | | | | ");
            }
            page.append(" | ").append(shown(result, result.nativePeer())).append(" | ")
                    .append(shown(result, result.peers().stream().filter(p -> p.name().equals("DuckDB")).findFirst()))
                    .append(" | ")
                    .append(cell(result.validation()));
            List<String> noisy = result.noisyMeasurements();
            if (!noisy.isEmpty()) {
                page.append(" WARNING noisy: ").append(cell(String.join(", ", noisy)));
            }
            page.append(" |\n");
        }
        page.append('\n');
        List<String> cubNotes = outcome.results().stream().flatMap(r -> r.peers().stream())
                .filter(p -> !p.measured()).map(p -> p.name() + ": " + p.note()).distinct().toList();
        for (String note : cubNotes) {
            page.append("- absent peer, ").append(note).append('\n');
        }
        for (String skipped : outcome.skipped()) {
            page.append("- skipped ").append(skipped).append('\n');
        }
        if (!cubNotes.isEmpty() || !outcome.skipped().isEmpty()) {
            page.append('\n');
        }
    }

    private static String shown(TrialResult result, Optional<PeerResult> peer) {
        return peer.map(p -> p.measured() ? Format.millis(p.medianSeconds()) + peerRatio(result, p) : "absent")
                .orElse("-");
    }

    /** The peer's time over the contender's (above 1: Forge is faster). */
    private static String peerRatio(TrialResult result, PeerResult peer) {
        if (!result.contenderMeasured()) {
            return "";
        }
        Statistics contender = result.contenderDevice() != null ? result.contenderDevice() : result.contenderEndToEnd();
        return " (" + Format.ratio(peer.medianSeconds() / contender.median()) + ")";
    }

    private static void notYet(StringBuilder page, SuiteReport report) {
        List<ExperimentOutcome> notRun = report.outcomes().stream().filter(o -> !o.ran()).toList();
        if (notRun.isEmpty()) {
            return;
        }
        page.append("## Not yet\n\n");
        for (ExperimentOutcome outcome : notRun) {
            page.append("- **").append(outcome.name()).append("** (").append(outcome.description()).append("): ")
                    .append(outcome.notYet()).append('\n');
        }
        page.append('\n');
    }

    private static void reading(StringBuilder page) {
        page.append("## How to read this\n\n"
                + "- Times are medians of the timed runs, with the coefficient of variation (standard deviation over"
                + " mean); above 5% the trial is marked noisy.\n"
                + "- Baseline: the CPU twin of the primitive on all host cores (Vector API, parallel morsels), or the"
                + " engine named. Contender (GPU time): CUDA events around the compute alone, data already on the GPU."
                + " End to end: wall time of upload from pinned host memory, compute and download of the result."
                + " Transfers: events around the copies alone, and the bytes they moved.\n"
                + "- Speed-up: baseline median over the contender's GPU time; with transfers: over its end-to-end time."
                + " SQL trials run inside the engine, so both are the end-to-end time.\n"
                + "- GB/s: the fewest bytes the work must move in device memory (inputs read once, outputs written"
                + " once) over the GPU time, and that as a fraction of the device copy bandwidth measured in the same"
                + " run.\n"
                + "- CUB / cuBLAS and DuckDB columns: the peer's median and, in brackets, its time over the"
                + " contender's (above 1x Forge is faster). CUB ran on data generated by the same formulas, checked by"
                + " checksum; cuBLAS made the same call as Forge on the same values, timed one call at a time as"
                + " Forge's compute is.\n"
                + "- gemm and gemv: the size is the matrix side n, the rate counts floating-point operations (FLOP/s);"
                + " the CPU twin's GEMM does not run above 2048^3 (minutes per product), so larger products have no"
                + " speed-up and are checked on sampled elements against sums in double.\n"
                + "- Crossover: the size from which the contender wins at every larger measured size, interpolated"
                + " in log size against log speed-up between the two measured sizes around it.\n"
                + "- Every contender result (and every DuckDB result) was compared with the baseline's after its first"
                + " and last run: integers exactly, floats as the checked column says.\n");
    }

    private static String millis(Statistics statistics) {
        return Format.millis(statistics);
    }

    private static String verdict(double speedUp) {
        String verdict = JsonReport.verdict(speedUp);
        return verdict == null ? "-" : verdict;
    }

    private static void row(StringBuilder page, String name, String value) {
        page.append("| ").append(name).append(" | ").append(cell(value)).append(" |\n");
    }

    static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
    }
}
