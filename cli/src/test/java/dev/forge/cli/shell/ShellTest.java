package dev.forge.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.cli.TpchFolder;
import dev.forge.cli.output.OutputFormat;
import dev.forge.cli.query.EngineChoice;
import dev.forge.cli.query.QueryAnswer;
import dev.forge.cli.query.QueryFailure;
import dev.forge.columnar.io.ProgressListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.jline.terminal.Terminal;
import org.jline.terminal.Size;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shell on a terminal JLine emulates over pipes (an xterm with a line discipline, so Ctrl+C becomes SIGINT as on
 * a real one), typed into key by key: multi-line entry, completion, history and Ctrl+C.
 */
class ShellTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static Path data;

    @TempDir
    Path home;

    private SlowQueryBackend backend;
    private PipedOutputStream keyboard;
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private Thread shellThread;
    private volatile int exitCode = -1;

    @BeforeAll
    static void generate() {
        data = TpchFolder.path();
    }

    @AfterEach
    void stop() throws Exception {
        if (shellThread != null && shellThread.isAlive()) {
            keyboard.close();
            shellThread.join(PATIENCE.toMillis());
        }
        if (backend != null) {
            backend.close();
        }
    }

    private void start(Path history) throws IOException, QueryFailure {
        backend = new SlowQueryBackend(TpchFolder.backends().open(List.of(data), ProgressListener.NONE));
        keyboard = new PipedOutputStream();
        PipedInputStream input = new PipedInputStream(keyboard, 1 << 16);
        Terminal terminal = new ExternalTerminal("forge-test", "xterm-256color", input, screen, StandardCharsets.UTF_8);
        terminal.setSize(new Size(160, 50));
        SessionSettings settings = new SessionSettings(EngineChoice.AUTO, OutputFormat.TABLE, true, false, 40, false);
        Shell shell = new Shell(terminal, backend, settings, history);
        shellThread = Thread.ofPlatform().name("shell-under-test").start(() -> {
            exitCode = shell.run();
            try {
                terminal.close();
            } catch (IOException ignored) {
                // the test is over
            }
        });
    }

    private void type(String keys) throws IOException {
        keyboard.write(keys.getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
    }

    /** What the terminal shows, without its escape sequences and carriage returns. */
    private String screen() {
        String raw;
        synchronized (screen) {
            raw = screen.toString(StandardCharsets.UTF_8);
        }
        return raw.replaceAll("\u001b\\[[0-9;?]*[A-Za-z]", "").replaceAll("\u001b[()][0-9A-Za-z]", "").replaceAll("\u001b[=>]", "")
                .replace("\r", "");
    }

    /** Waits until what the shell printed after {@code from} satisfies the condition; returns that text. */
    private String awaitScreen(int from, Predicate<String> condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            String text = screen().substring(from);
            if (condition.test(text)) {
                return text;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the shell never showed " + what + "; screen:\n" + screen());
    }

    private long count(String sql) throws QueryFailure {
        try (QueryAnswer answer = backend.run(sql, EngineChoice.CPU)) {
            return answer.table().column(0).view().getLong(0);
        }
    }

    @Test
    void aStatementRunsOnlyOnceItsSemicolonIsTyped() throws Exception {
        start(home.resolve(".forge_history"));
        awaitScreen(0, text -> text.contains(Shell.PROMPT), "the prompt");
        int mark = screen().length();
        type("SELECT COUNT(*) AS nations\n");
        awaitScreen(mark, text -> text.contains(Shell.CONTINUATION_PROMPT), "the continuation prompt");
        assertThat(screen().substring(mark)).doesNotContain("row in");
        type("FROM nation;\n");
        String shown = awaitScreen(mark, text -> text.contains(" in ") && text.contains("row"), "the result");
        assertThat(shown).contains("nations").contains(Long.toString(count("SELECT COUNT(*) FROM nation")))
                .containsPattern("1 row in [\\d,]+\\.\\d{3} ms · scanned [\\d,]+ rows");
        type(".quit\n");
        shellThread.join(PATIENCE.toMillis());
        assertThat(exitCode).isZero();
    }

    @Test
    void tabCompletesAColumnName() throws Exception {
        start(home.resolve(".forge_history"));
        awaitScreen(0, text -> text.contains(Shell.PROMPT), "the prompt");
        int mark = screen().length();
        type("SELECT MAX(n_regi\t) AS top FROM nation;\n");
        String shown = awaitScreen(mark, text -> text.contains("row in") || text.contains("error"), "the result");
        assertThat(shown).doesNotContain("error").contains("top")
                .contains(Long.toString(count("SELECT MAX(n_regionkey) FROM nation")));
    }

    @Test
    void historyIsKeptInTheFileAndListedInTheNextSession() throws Exception {
        Path history = home.resolve(".forge_history");
        start(history);
        awaitScreen(0, text -> text.contains(Shell.PROMPT), "the prompt");
        type("SELECT COUNT(*)\nFROM region;\n");
        awaitScreen(0, text -> text.contains("row in"), "the result");
        type(".quit\n");
        shellThread.join(PATIENCE.toMillis());
        assertThat(Files.readString(history)).contains("SELECT COUNT(*)").contains("FROM region;");
        backend.close();

        screen.reset();
        start(history);
        awaitScreen(0, text -> text.contains(Shell.PROMPT), "the prompt");
        type(".history\n");
        String listed = awaitScreen(0, text -> text.contains("FROM region;"), "the history");
        assertThat(listed).containsPattern("1 +SELECT COUNT\\(\\*\\)\\s+FROM region;");
    }

    @Test
    void controlCCancelsTheRunningQueryAndTheSessionGoesOn() throws Exception {
        start(home.resolve(".forge_history"));
        awaitScreen(0, text -> text.contains(Shell.PROMPT), "the prompt");
        int mark = screen().length();
        type("SELECT COUNT(*) " + SlowQueryBackend.MARKER + " FROM lineitem;\n");
        assertThat(backend.started.await(PATIENCE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        long started = System.nanoTime();
        type("\u0003");
        String cancelled = awaitScreen(mark, text -> text.contains("cancelled"), "the cancel");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
        assertThat(cancelled).doesNotContain("row in");
        int after = screen().length();
        type("SELECT COUNT(*) AS regions FROM region;\n");
        String next = awaitScreen(after, text -> text.contains("row in"), "the next result");
        assertThat(next).contains("regions").contains(Long.toString(count("SELECT COUNT(*) FROM region")));
    }
}
