package dev.forge.cli;

import dev.forge.cli.query.BackendOpener;
import dev.forge.cli.query.QueryService;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The {@code forge} command: {@code forge PATH...} opens the tables found there in the shell, or with {@code -e},
 * {@code -f} or SQL on standard input answers and exits; the subcommands generate data, load it, show the device and
 * benchmark. Every failure becomes one clear message and a non-zero exit code.
 */
@Command(
        name = "forge",
        mixinStandardHelpOptions = true,
        versionProvider = ForgeVersion.class,
        subcommands = {InfoCommand.class, GenerateCommand.class, LoadCommand.class, BenchCommand.class,
                DemoCommand.class, CommandLine.HelpCommand.class},
        description = {"Forge: a GPU-native analytics engine for the JVM.",
                "",
                "forge PATH...            open the tables in these folders/files in the SQL shell",
                "forge PATH... -e SQL     answer and exit (also -f FILE, or SQL on standard input)"})
public final class Main implements Callable<Integer> {

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of errors (for bug reports).")
    boolean debug;

    @Parameters(paramLabel = "PATH", arity = "0..*",
            description = "Folders or files of CSV/TSV/.tbl, Parquet, NDJSON or .forge data; each file is a table.")
    List<Path> paths = new ArrayList<>();

    @Mixin
    QueryOptions query;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    final StandardStreams streams;
    final BackendOpener backends;

    Main(StandardStreams streams, BackendOpener backends) {
        this.streams = streams;
        this.backends = backends;
    }

    public static void main(String[] args) {
        System.exit(run(StandardStreams.system(), QueryService::open, args));
    }

    /** Runs the command line with the given output streams, no standard input and no terminal; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(new StandardStreams(new ByteArrayInputStream(new byte[0]), out, err, false), QueryService::open,
                args);
    }

    static int run(StandardStreams streams, BackendOpener backends, String... args) {
        CommandLine commandLine = new CommandLine(new Main(streams, backends));
        commandLine.setOut(streams.out());
        commandLine.setErr(streams.err());
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
    public Integer call() throws Exception {
        if (paths.isEmpty() && !query.hasScript() && !streams.interactive()) {
            String input = new String(streams.in().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (input.isBlank()) {
                spec.commandLine().usage(streams.out());
                return 0;
            }
            return new QueryRun(this).runScripts(List.of(input));
        }
        return new QueryRun(this).call();
    }
}
