package dev.forge.bench.experiments.report;

import dev.forge.bench.experiments.Ceilings;
import dev.forge.bench.experiments.Experiment;
import dev.forge.bench.experiments.ExperimentOutcome;
import dev.forge.bench.experiments.ExperimentRegistry;
import dev.forge.bench.experiments.Format;
import dev.forge.bench.experiments.MergedRun;
import dev.forge.bench.experiments.RunSettings;
import dev.forge.bench.experiments.Sizes;
import dev.forge.bench.experiments.SuiteReport;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The Markdown section of a merged report that lists the runs it was merged from, each with its experiments, commit,
 * date, settings, wall time and ceilings, and says where the header takes only the first run's figures.
 */
final class MergedRunsMarkdown {
    private MergedRunsMarkdown() {
    }

    static void render(StringBuilder page, SuiteReport report) {
        List<MergedRun> runs = report.mergedFrom();
        page.append("## Merged from ").append(runs.size()).append(runs.size() == 1 ? " run" : " runs").append("\n\n")
                .append("This report joins the JSON of ").append(runs.size() == 1 ? "one run" : runs.size() + " runs")
                .append(" of the suite (`forge bench report`); each experiment's trials were measured in the run that"
                        + " lists it.\n\n");
        page.append("| run | experiments | commit | date | settings | wall time | device copy ceiling |"
                + " PCIe pinned up / down |\n|---|---|---|---|---|---|---|---|\n");
        for (MergedRun run : runs) {
            page.append("| ").append(MarkdownReport.cell(run.source())).append(" | ").append(String.join(", ", run.experiments()))
                    .append(" | ").append(MarkdownReport.cell(run.machine().commit())).append(" | ").append(MarkdownReport.cell(run.machine().date()))
                    .append(" | ").append(settings(run.settings())).append(" | ")
                    .append(String.format(Locale.ROOT, "%.0f s", run.wallSeconds())).append(" | ")
                    .append(Format.bytesPerSecond(run.ceilings().copyBytesPerSecond())).append(" | ")
                    .append(Format.bytesPerSecond(run.ceilings().hostToDeviceBytesPerSecond())).append(" / ")
                    .append(Format.bytesPerSecond(run.ceilings().deviceToHostBytesPerSecond())).append(" |\n");
        }
        page.append('\n');
        MergedRun first = runs.getFirst();
        if (runs.stream().anyMatch(run -> !sameCeilings(run.ceilings(), first.ceilings()))) {
            page.append("- Each run measured its own ceilings (above). The header's, every fraction of copy and the"
                    + " roofline use the first run's (").append(MarkdownReport.cell(first.source())).append(").\n");
        }
        if (runs.stream().anyMatch(run -> !sameSettings(run.settings(), first.settings()))) {
            page.append("- The runs' settings differ: each trial was measured with its own run's (above); the header"
                    + " shows the first run's profile, runs and warm-ups, and every run's sizes.\n");
        }
        if (runs.stream().anyMatch(run -> !run.machine().javaVersion().equals(first.machine().javaVersion())
                || run.machine().hostMemoryBytes() != first.machine().hostMemoryBytes())) {
            page.append("- Java or the host's memory differ between the runs (");
            page.append(runs.stream().map(run -> MarkdownReport.cell(run.source()) + ": " + MarkdownReport.cell(run.machine().javaVersion()) + ", "
                    + Format.bytes(run.machine().hostMemoryBytes())).collect(Collectors.joining("; ")));
            page.append("); the header shows the first run's.\n");
        }
        Set<String> present = report.outcomes().stream().map(ExperimentOutcome::name).collect(Collectors.toSet());
        List<String> missing = ExperimentRegistry.all().stream().map(Experiment::name)
                .filter(name -> !present.contains(name)).toList();
        if (!missing.isEmpty()) {
            page.append("- Not in any of these runs: ").append(String.join(", ", missing)).append(".\n");
        }
        page.append('\n');
    }

    private static String settings(RunSettings settings) {
        return settings.profile().displayName() + ": " + settings.runs() + " runs after " + settings.warmups()
                + " warm-up" + (settings.warmups() == 1 ? "" : "s") + "; sizes "
                + String.join(", ", settings.sizes().stream().map(Sizes::format).toList())
                + (settings.growsToMemory() ? " and larger" : "");
    }

    private static boolean sameCeilings(Ceilings a, Ceilings b) {
        return Double.compare(a.copyBytesPerSecond(), b.copyBytesPerSecond()) == 0
                && Double.compare(a.hostToDeviceBytesPerSecond(), b.hostToDeviceBytesPerSecond()) == 0
                && Double.compare(a.deviceToHostBytesPerSecond(), b.deviceToHostBytesPerSecond()) == 0;
    }

    private static boolean sameSettings(RunSettings a, RunSettings b) {
        return a.profile() == b.profile() && a.sizes().equals(b.sizes()) && a.runs() == b.runs()
                && a.warmups() == b.warmups() && a.growsToMemory() == b.growsToMemory();
    }
}
