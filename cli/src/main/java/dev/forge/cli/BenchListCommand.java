package dev.forge.cli;

import dev.forge.bench.experiments.Experiment;
import dev.forge.bench.experiments.ExperimentRegistry;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code forge bench list}: the experiments of the suite, one line each. */
@Command(name = "list", mixinStandardHelpOptions = true, versionProvider = ForgeVersion.class,
        description = "List the experiments `forge bench run` takes, with one line each (and why one cannot run yet).")
final class BenchListCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (Experiment experiment : ExperimentRegistry.all()) {
            out.printf(Locale.ROOT, "%-12s %s%n", experiment.name(), experiment.description());
            experiment.notYet().ifPresent(reason -> out.printf(Locale.ROOT, "%-12s   not yet: %s%n", "", reason));
        }
        return 0;
    }
}
