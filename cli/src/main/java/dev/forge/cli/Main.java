package dev.forge.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code forge} command: dispatches to the subcommands and turns every failure into one clear line. */
@Command(
        name = "forge",
        mixinStandardHelpOptions = true,
        versionProvider = ForgeVersion.class,
        subcommands = {InfoCommand.class, GenerateCommand.class, LoadCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class},
        description = "Forge: a GPU-native analytics engine for the JVM.")
public final class Main implements Callable<Integer> {

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of errors (for bug reports).")
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the command line with the given output streams and returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setOut(out);
        commandLine.setErr(err);
        // a mistyped option is one line naming it, not a page of usage
        commandLine.setParameterExceptionHandler((mistake, arguments) -> {
            CommandLine culprit = mistake.getCommandLine();
            culprit.getErr().println("forge: " + mistake.getMessage() + " (see 'forge "
                    + culprit.getCommandSpec().qualifiedName(" ").replaceFirst("^forge ?", "") + " --help')");
            return 2;
        });
        commandLine.setExecutionExceptionHandler((failure, line, parsed) -> {
            Main main = line.getCommandSpec().root().userObject() instanceof Main root ? root : null;
            line.getErr().println("forge: " + Errors.describe(failure));
            if (main != null && main.debug) {
                failure.printStackTrace(line.getErr());
            }
            return 1;
        });
        return commandLine.execute(args);
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }
}
