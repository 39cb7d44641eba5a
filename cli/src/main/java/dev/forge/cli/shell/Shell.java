package dev.forge.cli.shell;

import dev.forge.cli.query.QueryBackend;
import dev.forge.cli.shell.CommandSession.Outcome;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.jline.reader.EndOfFileException;
import org.jline.reader.History;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * The interactive shell: JLine line editing with SQL highlighting and completion, statements over several lines until
 * {@code ;}, history kept in a file, and Ctrl+C that cancels the running query (or discards the line being typed)
 * while the session goes on. Ctrl+D or {@code .quit} leaves.
 */
public final class Shell {
    static final String PROMPT = "forge> ";
    static final String CONTINUATION_PROMPT = "  ...> ";

    private final Terminal terminal;
    private final QueryBackend backend;
    private final LineReader reader;
    private final CommandSession session;

    public Shell(Terminal terminal, QueryBackend backend, SessionSettings settings, Path historyFile) {
        this.terminal = terminal;
        this.backend = backend;
        this.reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("forge")
                .parser(new SqlLineParser())
                .completer(new SqlCompleter(backend))
                .highlighter(new SqlHighlighter())
                .variable(LineReader.HISTORY_FILE, historyFile)
                .variable(LineReader.SECONDARY_PROMPT_PATTERN, CONTINUATION_PROMPT)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .build();
        PrintWriter out = terminal.writer();
        this.session = new CommandSession(backend, settings, out, out, this::historyEntries);
    }

    /** Reads and runs entries until Ctrl+D or {@code .quit}; returns the exit code (0). */
    public int run() {
        try (session) {
            while (true) {
                String entry;
                try {
                    entry = reader.readLine(PROMPT);
                } catch (UserInterruptException discarded) {
                    continue;
                } catch (EndOfFileException endOfInput) {
                    return 0;
                }
                for (ScriptPiece piece : ScriptSplitter.split(entry)) {
                    if (runCancellable(piece) == Outcome.QUIT) {
                        return 0;
                    }
                }
            }
        } finally {
            saveHistory();
        }
    }

    /**
     * Runs one piece on a worker thread while this one waits. Outside line editing the terminal turns Ctrl+C into
     * SIGINT, which JLine hands to the INT handler installed here: it asks the backend to cancel, the query ends with
     * a "cancelled" error, and the shell goes on.
     */
    private Outcome runCancellable(ScriptPiece piece) {
        AtomicReference<Outcome> outcome = new AtomicReference<>(Outcome.FAILED);
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, signal -> backend.cancel());
        try {
            Thread worker = Thread.ofPlatform().name("forge-query").start(() -> outcome.set(session.run(piece)));
            worker.join();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            backend.cancel();
        } finally {
            terminal.handle(Terminal.Signal.INT, previous);
        }
        terminal.writer().flush();
        return outcome.get();
    }

    private List<String> historyEntries() {
        List<String> entries = new ArrayList<>();
        for (History.Entry entry : reader.getHistory()) {
            entries.add(entry.line());
        }
        return entries;
    }

    private void saveHistory() {
        try {
            reader.getHistory().save();
        } catch (IOException unwritable) {
            terminal.writer().println("could not save the history: " + unwritable.getMessage());
        }
    }
}
