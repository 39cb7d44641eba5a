package dev.forge.cli;

import dev.forge.bench.experiments.ExperimentRegistry;
import dev.forge.bench.experiments.ExperimentSuite;
import dev.forge.bench.experiments.Profile;
import dev.forge.bench.experiments.RunSettings;
import dev.forge.bench.experiments.Sizes;
import dev.forge.bench.experiments.SuiteReport;
import dev.forge.bench.experiments.report.ConsoleSummary;
import dev.forge.bench.experiments.report.CsvReport;
import dev.forge.bench.experiments.report.JsonReport;
import dev.forge.bench.experiments.report.ReportDirectory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code forge bench run EXPERIMENT... | all}: runs experiments of the suite and reports them; exits 1 when a
 * contender's result differed from its baseline's or a trial failed.
 */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = ForgeVersion.class,
        description = {"Run experiments (see `forge bench list`, or all): the GPU against the CPU twins on all cores,"
                + " with CUB, cuBLAS and DuckDB where they apply, every result checked against the baseline's.",
                "Without a GPU the baselines still run and the GPU is reported absent."})
final class BenchRunCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "EXPERIMENT", description = "Experiment names, or all.")
    List<String> experiments;

    @Option(names = "--profile", paramLabel = "PROFILE", defaultValue = "standard",
            description = "quick (1M, 3 runs), standard (1M and 10M, 10 runs after 3 warm-ups) or thorough (adds 100M"
                    + " and larger sizes while they fit, 30 runs); gemm and gemv take matrix sides n instead: 256, 2048"
                    + " and 8192 (quick) or 256 to 8192 by powers of two. Default: ${DEFAULT-VALUE}.")
    String profile;

    @Option(names = "--sizes", split = ",", paramLabel = "N",
            description = "Sizes instead of the profile's: plain numbers, 2^N, or with K/M/G (powers of 1000: 1M ="
                    + " 1,000,000). For gemm and gemv a size counts one matrix's elements: 1M is n = 1000.")
    List<String> sizes;

    @Option(names = "--runs", paramLabel = "N", description = "Timed runs per measurement instead of the profile's.")
    Integer runs;

    @Option(names = "--warmup", paramLabel = "N", description = "Warm-up runs per measurement instead of the profile's.")
    Integer warmups;

    @Option(names = "--no-cub", description = "Do not build and run the CUB peer (it takes about a minute of nvcc);"
            + " the cuBLAS peer of gemm and gemv still runs.")
    boolean noCub;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON to FILE.")
    Path json;

    @Option(names = "--csv", paramLabel = "FILE", description = "Also write the results as CSV to FILE.")
    Path csv;

    @Option(names = "--report", paramLabel = "DIR",
            description = "Write report.md, results.json, results.csv and PNG charts into DIR.")
    Path report;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        ResultFiles.prepare(json, csv);
        List<Long> counts = sizes == null ? null : sizes.stream().map(Sizes::parse).toList();
        RunSettings settings = RunSettings.of(Profile.parse(profile), counts, runs, warmups, !noCub);
        var chosen = ExperimentRegistry.select(experiments);
        SuiteReport result = new ExperimentSuite(settings, line -> {
            out.println(line);
            out.flush();
        }).run(chosen);
        ConsoleSummary.print(result, out);
        if (json != null) {
            ResultFiles.write(json, JsonReport.render(result), out);
        }
        if (csv != null) {
            ResultFiles.write(csv, CsvReport.render(result), out);
        }
        if (report != null) {
            List<Path> files = ReportDirectory.write(result, report);
            out.println("wrote " + files.size() + " files to " + report + " (report.md, results.json, results.csv, "
                    + (files.size() - 3) + " charts)");
        }
        if (result.failureCount() > 0) {
            spec.commandLine().getErr().println("forge: " + result.failureCount()
                    + " trial(s) failed (a result that differed from its baseline's, or an error): see above");
            return 1;
        }
        return 0;
    }
}
