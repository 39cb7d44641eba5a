package dev.forge.cli;

import dev.forge.cli.output.OutputFormat;
import dev.forge.cli.query.EngineChoice;
import dev.forge.cli.query.QueryBackend;
import dev.forge.cli.query.QueryFailure;
import dev.forge.cli.query.TableDescription;
import dev.forge.cli.shell.CommandSession;
import dev.forge.cli.shell.SessionSettings;
import dev.forge.cli.shell.Shell;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/** {@code forge PATH...}: opens the folders, then runs the shell or the given scripts. */
final class QueryRun {
    private static final int SHELL_TABLE_ROWS = 40;

    private final Main main;
    private final QueryOptions options;

    QueryRun(Main main) {
        this.main = main;
        this.options = main.query;
    }

    Integer call() throws IOException {
        if (options.hasScript() || !main.streams.interactive()) {
            List<String> scripts = new ArrayList<>(options.statements);
            if (options.file != null) {
                scripts.add(readScript(options.file));
            }
            if (scripts.isEmpty()) {
                scripts.add(new String(main.streams.in().readAllBytes(), StandardCharsets.UTF_8));
            }
            return runScripts(scripts);
        }
        return shell();
    }

    /** Runs each script in order and stops at the first failure: exit code 0, or 1 with the error on standard error. */
    Integer runScripts(List<String> scripts) throws IOException {
        EngineChoice engine = EngineChoice.parse(options.engine);
        OutputFormat format = outputFormat();
        boolean toTerminal = options.output == null && main.streams.interactive();
        SessionSettings settings = new SessionSettings(engine, format, options.timer, toTerminal && colorAllowed(),
                Long.MAX_VALUE, main.debug);
        try (QueryBackend backend = open()) {
            if (backend == null) {
                return 1;
            }
            return runScripts(backend, settings, scripts);
        }
    }

    private Integer runScripts(QueryBackend backend, SessionSettings settings, List<String> scripts)
            throws IOException {
        PrintWriter err = main.streams.err();
        try (PrintWriter results = resultWriter()) {
            try (CommandSession session = new CommandSession(backend, settings, results, err, null)) {
                for (String script : scripts) {
                    if (session.runScript(script) == CommandSession.Outcome.FAILED) {
                        return 1;
                    }
                }
            }
            results.flush();
            if (results.checkError()) {
                err.println("forge: could not write the results" + (options.output == null ? "" : " to " + options.output));
                return 1;
            }
        }
        return 0;
    }

    private Integer shell() throws IOException {
        EngineChoice engine = EngineChoice.parse(options.engine);
        OutputFormat format = outputFormat();
        try (QueryBackend backend = open()) {
            if (backend == null) {
                return 1;
            }
            try (Terminal terminal = TerminalBuilder.builder().system(true).name("forge").build()) {
                boolean color = colorAllowed() && !terminal.getType().startsWith(Terminal.TYPE_DUMB);
                int rows = terminal.getHeight() > 12 ? Math.max(10, terminal.getHeight() - 8) : SHELL_TABLE_ROWS;
                SessionSettings settings = new SessionSettings(engine, format, true, color, rows, main.debug);
                terminal.writer().println(banner(backend, engine));
                terminal.writer().flush();
                Path history = Path.of(System.getProperty("user.home"), ".forge_history");
                return new Shell(terminal, backend, settings, history).run();
            }
        }
    }

    /** The backend over the given paths, or null after printing why it could not be opened. */
    private QueryBackend open() {
        TerminalProgressBar bar = TerminalProgressBar.forConsole(main.streams.err());
        try {
            return main.backends.open(main.paths, bar);
        } catch (QueryFailure failure) {
            main.streams.err().println("forge: " + failure.getMessage());
            if (main.debug) {
                failure.printStackTrace(main.streams.err());
            }
            return null;
        } finally {
            bar.finish();
        }
    }

    String banner(QueryBackend backend, EngineChoice engine) {
        List<TableDescription> tables = backend.tables();
        StringBuilder text = new StringBuilder("Forge ").append(ForgeVersion.version()).append(" · ");
        if (tables.isEmpty()) {
            text.append("no tables").append(main.paths.isEmpty() ? " (give forge a folder of data files)"
                    : " found in " + main.paths.stream().map(Path::toString).toList());
        } else {
            text.append(tables.size()).append(tables.size() == 1 ? " table: " : " tables: ")
                    .append(String.join(", ", tables.stream().map(TableDescription::name).toList()));
        }
        text.append("\nengine ").append(engine.lowerCase());
        if (engine != EngineChoice.CPU) {
            backend.unavailable(EngineChoice.GPU).ifPresent(reason -> text.append(" (").append(reason).append(')'));
        }
        text.append(" · statements end with ';' · .help lists the commands");
        return text.toString();
    }

    private OutputFormat outputFormat() {
        if (options.format != null) {
            try {
                return OutputFormat.valueOf(options.format.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                throw new IllegalArgumentException("unknown format '" + options.format
                        + "': choose table, csv, json, jsonl or markdown");
            }
        }
        if (options.output != null) {
            String name = options.output.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".csv")) {
                return OutputFormat.CSV;
            } else if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
                return OutputFormat.JSONL;
            } else if (name.endsWith(".json")) {
                return OutputFormat.JSON;
            } else if (name.endsWith(".md")) {
                return OutputFormat.MARKDOWN;
            }
        }
        return OutputFormat.TABLE;
    }

    private PrintWriter resultWriter() throws IOException {
        if (options.output == null) {
            return new PrintWriter(main.streams.out(), false) {
                @Override
                public void close() {
                    flush(); // standard output stays open for whoever called
                }
            };
        }
        try {
            return new PrintWriter(Files.newBufferedWriter(options.output, StandardCharsets.UTF_8));
        } catch (IOException failed) {
            throw new IOException("cannot write to " + options.output + " (" + Errors.describe(failed) + ")", failed);
        }
    }

    private static String readScript(Path file) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException missing) {
            throw new IOException("no such SQL file: " + file, missing);
        }
    }

    private boolean colorAllowed() {
        return !options.noColor && System.getenv("NO_COLOR") == null;
    }
}
