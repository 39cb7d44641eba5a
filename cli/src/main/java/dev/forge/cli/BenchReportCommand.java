package dev.forge.cli;

import dev.forge.bench.experiments.ExperimentOutcome;
import dev.forge.bench.experiments.SuiteReport;
import dev.forge.bench.experiments.report.ConsoleSummary;
import dev.forge.bench.experiments.report.CsvReport;
import dev.forge.bench.experiments.report.JsonReport;
import dev.forge.bench.experiments.report.JsonReportReader;
import dev.forge.bench.experiments.report.ReportDirectory;
import dev.forge.bench.experiments.report.ReportMerge;
import dev.forge.bench.experiments.report.SourceNames;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code forge bench report --from A.json --from B.json ... --report DIR}: one report of the experiment suite from the
 * JSON of several {@code forge bench run} chunks, in the layout {@code bench run --report} writes. Exits 1 when an
 * input cannot be read or the runs cannot be merged (another machine, an experiment in two inputs); trials that failed
 * in the runs are listed and kept in the report, but the report was made, so they do not change the exit code.
 */
@Command(name = "report", mixinStandardHelpOptions = true, versionProvider = ForgeVersion.class,
        description = {"Merge the JSON of several `forge bench run` chunks (--json FILE, or a report folder's"
                + " results.json) into one report: report.md, results.json, results.csv and every chart.",
                "The runs must come from the same GPU and host; each experiment from one run only."})
final class BenchReportCommand implements Callable<Integer> {

    @Option(names = "--from", required = true, paramLabel = "FILE",
            description = "A run's JSON; repeat for each chunk. The experiments follow the suite's order whatever"
                    + " the order given; the first run's ceilings are the report's.")
    List<Path> inputs;

    @Option(names = "--report", required = true, paramLabel = "DIR",
            description = "Write report.md, results.json, results.csv and PNG charts into DIR.")
    Path report;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the merged results as JSON to FILE.")
    Path json;

    @Option(names = "--csv", paramLabel = "FILE", description = "Also write the merged results as CSV to FILE.")
    Path csv;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> names = SourceNames.of(inputs);
        List<ReportMerge.Input> runs = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            SuiteReport run;
            try {
                run = JsonReportReader.read(inputs.get(i), inputs.get(i).toString());
            } catch (IOException unreadable) {
                err.println("forge: cannot read a run's JSON: " + unreadable.getMessage());
                return 1;
            }
            out.println("read " + names.get(i) + ": " + String.join(", ", run.outcomes().stream()
                    .map(ExperimentOutcome::name).toList()) + " (commit " + run.machine().commit() + ", "
                    + run.machine().date() + ")");
            runs.add(new ReportMerge.Input(names.get(i), run));
        }
        SuiteReport merged;
        try {
            merged = ReportMerge.merge(runs);
        } catch (IllegalArgumentException unmergeable) {
            err.println("forge: cannot merge: " + unmergeable.getMessage());
            return 1;
        }
        ConsoleSummary.print(merged, out);
        if (json != null) {
            ResultFiles.write(json, JsonReport.render(merged), out);
        }
        if (csv != null) {
            ResultFiles.write(csv, CsvReport.render(merged), out);
        }
        List<Path> files = ReportDirectory.write(merged, report);
        out.println("wrote " + files.size() + " files to " + report + " (report.md, results.json, results.csv, "
                + (files.size() - 3) + " charts), merged from " + runs.size() + " file(s)");
        return 0;
    }
}
