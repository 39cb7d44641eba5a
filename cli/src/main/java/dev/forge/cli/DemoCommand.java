package dev.forge.cli;

import dev.forge.cli.output.OutputFormat;
import dev.forge.cli.query.EngineChoice;
import dev.forge.cli.query.QueryBackend;
import dev.forge.cli.query.QueryFailure;
import dev.forge.cli.shell.CommandSession;
import dev.forge.cli.shell.SessionSettings;
import dev.forge.columnar.generate.Benchmark;
import dev.forge.sql.BenchmarkQueries;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code forge demo}: generates a small TPC-H data set once (kept for the next time), then runs a few TPC-H queries on
 * the best engine here and prints each result with its measured summary line.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = ForgeVersion.class,
        description = "Generate a small TPC-H data set (once) and run a few queries on the best engine available.")
final class DemoCommand implements Callable<Integer> {
    /** Q1 (scan and aggregate), Q3 and Q5 (joins), Q6 (a selective filter), Q10 (join, group, top rows). */
    static final List<Integer> QUERIES = List.of(1, 3, 5, 6, 10);
    private static final int SHOWN_ROWS = 10;

    @Option(names = "--sf", paramLabel = "N", defaultValue = "0.1",
            description = "TPC-H scale factor (default: ${DEFAULT-VALUE}).")
    double scaleFactor;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Where the data is kept (default: data/tpch-sf<N> under the working folder).")
    Path folder;

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "auto",
            description = "auto, gpu or cpu (default: ${DEFAULT-VALUE}).")
    String engine;

    @ParentCommand
    Main main;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = main.streams.out();
        Path data = folder != null ? folder
                : Path.of("data", "tpch-sf" + String.format(Locale.ROOT, "%s", scaleFactor).replaceAll("\\.?0+$", ""));
        if (!Files.isDirectory(data) || isEmpty(data)) {
            out.printf(Locale.ROOT, "generating TPC-H at scale factor %s into %s (once)%n", scaleFactor, data);
            out.flush();
            Files.createDirectories(data);
            TerminalProgressBar bar = TerminalProgressBar.forConsole(main.streams.err());
            try {
                Benchmark.of("tpch", scaleFactor, Runtime.getRuntime().availableProcessors(), bar)
                        .writeTo(data, dev.forge.columnar.generate.OutputFormat.FORGE);
            } finally {
                bar.finish();
            }
        }
        EngineChoice choice = EngineChoice.parse(engine);
        QueryBackend backend;
        try {
            backend = main.backends.open(List.of(data), TerminalProgressBar.forConsole(main.streams.err()));
        } catch (QueryFailure failure) {
            main.streams.err().println("forge: " + failure.getMessage());
            return 1;
        }
        try (backend) {
            out.println("TPC-H SF " + scaleFactor + " in " + data + "; engine " + choice.lowerCase()
                    + backend.unavailable(EngineChoice.GPU).map(reason -> " (runs on the CPU: " + reason + ")")
                    .orElse(""));
            SessionSettings settings = new SessionSettings(choice, OutputFormat.TABLE, true,
                    main.streams.interactive(), SHOWN_ROWS, main.debug);
            try (CommandSession session = new CommandSession(backend, settings, out, out, null)) {
                for (int number : QUERIES) {
                    BenchmarkQueries.Query query = BenchmarkQueries.tpch(number);
                    out.println();
                    out.println("-- TPC-H Q" + number);
                    out.flush();
                    if (session.runScript(query.sql()) == CommandSession.Outcome.FAILED) {
                        return 1;
                    }
                }
            }
        }
        return 0;
    }

    private static boolean isEmpty(Path folder) throws IOException {
        try (var entries = Files.list(folder)) {
            return entries.findAny().isEmpty();
        }
    }
}
