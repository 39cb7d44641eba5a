package dev.forge.cli.shell;

import dev.forge.cli.output.OutputFormat;
import dev.forge.cli.output.PrintOptions;
import dev.forge.cli.query.QueryAnswer;
import dev.forge.cli.query.QueryBackend;
import dev.forge.cli.query.QueryFailure;
import dev.forge.cli.query.RunStatistics;
import dev.forge.cli.query.Stage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs what a script or the shell hands it, one {@link ScriptPiece} at a time, against a {@link QueryBackend}: SQL
 * goes to the engine and its result to {@code results} in the chosen format; dot commands go to {@link DotCommands}.
 * Summaries and errors go to {@code messages} (standard error for scripts, so that results stay clean).
 */
public final class CommandSession implements AutoCloseable {

    /** How a piece ended: the next one may run, this one failed, or the user asked to quit. */
    public enum Outcome {
        DONE,
        FAILED,
        QUIT
    }

    private final QueryBackend backend;
    private final SessionSettings settings;
    private final PrintWriter results;
    private final PrintWriter messages;
    private final Supplier<List<String>> history;
    private final DotCommands dotCommands;
    private QueryAnswer lastAnswer;

    /** {@code history} gives the shell's history, or is null where there is none (scripts). */
    public CommandSession(QueryBackend backend, SessionSettings settings, PrintWriter results, PrintWriter messages,
            Supplier<List<String>> history) {
        this.backend = backend;
        this.settings = settings;
        this.results = results;
        this.messages = messages;
        this.history = history;
        this.dotCommands = new DotCommands(this);
    }

    public Outcome run(ScriptPiece piece) {
        try {
            return switch (piece.kind()) {
                case SQL -> runSql(piece.text());
                case DOT_COMMAND -> dotCommands.run(piece.text());
            };
        } catch (RuntimeException unexpected) {
            // a bug or a failure below the engine's error types: one line (stack only with --debug), session goes on
            messages.println("error: " + describe(unexpected));
            if (settings.debug) {
                unexpected.printStackTrace(messages);
            }
            messages.flush();
            return Outcome.FAILED;
        }
    }

    /** Runs every piece of a script in order, stopping at the first failure or {@code .quit}. */
    public Outcome runScript(String script) {
        for (ScriptPiece piece : ScriptSplitter.split(script)) {
            Outcome outcome = run(piece);
            if (outcome != Outcome.DONE) {
                return outcome;
            }
        }
        return Outcome.DONE;
    }

    Outcome runSql(String sql) {
        QueryAnswer answer;
        try {
            answer = backend.run(sql, settings.engine);
        } catch (QueryFailure failure) {
            return fail(failure, sql);
        }
        keep(answer);
        long started = System.nanoTime();
        print(answer, settings.format, settings.printOptions(), results);
        results.flush();
        RunStatistics statistics = answer.statistics().withStage(new Stage("format", System.nanoTime() - started));
        if (settings.timer) {
            messages.println(SummaryLine.of(statistics));
            messages.flush();
        }
        return Outcome.DONE;
    }

    Outcome fail(QueryFailure failure, String sql) {
        messages.println(ErrorReport.describe(failure, sql));
        if (settings.debug) {
            failure.printStackTrace(messages);
        }
        messages.flush();
        return Outcome.FAILED;
    }

    static void print(QueryAnswer answer, OutputFormat format, PrintOptions options, Appendable out) {
        print(answer.table(), answer.columnNames(), format, options, out);
    }

    /** Writes a table in a format; {@code names} are the headings (the table's own when null). */
    static void print(dev.forge.columnar.Table table, List<String> names, OutputFormat format, PrintOptions options,
            Appendable out) {
        try {
            format.printer(options).print(table, names, out);
        } catch (IOException failed) {
            throw new UncheckedIOException("cannot write the result: " + failed.getMessage(), failed);
        }
    }

    private void keep(QueryAnswer answer) {
        if (lastAnswer != null) {
            lastAnswer.close();
        }
        lastAnswer = answer;
    }

    static String describe(Throwable failure) {
        Throwable cause = failure;
        while (cause.getMessage() == null && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    QueryBackend backend() {
        return backend;
    }

    SessionSettings settings() {
        return settings;
    }

    PrintWriter results() {
        return results;
    }

    PrintWriter messages() {
        return messages;
    }

    /** The shell's history, or null in a script. */
    Supplier<List<String>> history() {
        return history;
    }

    /** The result of the last successful query, still open for {@code .save}; null before the first. */
    QueryAnswer lastAnswer() {
        return lastAnswer;
    }

    @Override
    public void close() {
        if (lastAnswer != null) {
            lastAnswer.close();
            lastAnswer = null;
        }
    }
}
