package dev.forge.cli.shell;

import dev.forge.cli.output.OutputFormat;
import dev.forge.cli.output.PrintOptions;
import dev.forge.cli.query.ColumnDescription;
import dev.forge.cli.query.EngineChoice;
import dev.forge.cli.query.QueryAnswer;
import dev.forge.cli.query.QueryFailure;
import dev.forge.cli.query.TableDescription;
import dev.forge.cli.shell.CommandSession.Outcome;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The shell's dot commands ({@code .tables}, {@code .describe t}, ...), which scripts may use as well. */
final class DotCommands {

    /** Every dot command with its argument and what it does, for {@code .help} and completion. */
    static final List<String[]> HELP = List.of(
            new String[] {".tables", "", "list the tables with their row and column counts"},
            new String[] {".schema", "[TABLE]", "the columns and types of one table or of all"},
            new String[] {".describe", "TABLE", "per column: type, count, null %, distinct, min, max, sample"},
            new String[] {".engine", "[auto|gpu|cpu]", "show or choose the engine that runs queries"},
            new String[] {".timer", "[on|off]", "show or hide the summary line after each result"},
            new String[] {".format", "[table|csv|json|jsonl|markdown]", "show or choose how results are printed"},
            new String[] {".explain", "SQL", "the physical plan of a query"},
            new String[] {".profile", "SQL", "run a query and show the measured time of each stage"},
            new String[] {".compare", "SQL", "run a query on the CPU and the GPU engine and show the measured ratio"},
            new String[] {".save", "FILE", "write the last result to FILE (.csv, .json, .jsonl, .md or .txt)"},
            new String[] {".refresh", "", "re-read the folders: new, changed and removed files"},
            new String[] {".history", "", "the statements entered so far (kept in ~/.forge_history)"},
            new String[] {".help", "", "this list"},
            new String[] {".quit", "", "leave the shell (also .exit or Ctrl+D)"});

    private final CommandSession session;

    DotCommands(CommandSession session) {
        this.session = session;
    }

    Outcome run(String line) {
        String text = line.strip();
        int space = firstSpace(text);
        String name = (space < 0 ? text : text.substring(0, space)).toLowerCase(Locale.ROOT);
        String argument = space < 0 ? "" : text.substring(space + 1).strip();
        PrintWriter out = session.results();
        Outcome outcome = switch (name) {
            case ".tables" -> tables(out);
            case ".schema" -> schema(out, argument);
            case ".describe" -> new TableProfile(session).describe(required(argument, "a table name"));
            case ".engine" -> engine(out, argument);
            case ".timer" -> timer(out, argument);
            case ".format" -> format(out, argument);
            case ".explain" -> explain(out, sqlArgument(argument));
            case ".profile" -> new Measurements(session).profile(sqlArgument(argument));
            case ".compare" -> new Measurements(session).compare(sqlArgument(argument));
            case ".save" -> save(out, required(argument, "a file name"));
            case ".refresh" -> refresh(out);
            case ".history" -> history(out);
            case ".help" -> help(out);
            case ".quit", ".exit" -> Outcome.QUIT;
            default -> throw new IllegalArgumentException("unknown command " + name + " (.help lists the commands)");
        };
        out.flush();
        return outcome;
    }

    private Outcome tables(PrintWriter out) {
        List<TableDescription> tables = session.backend().tables();
        if (tables.isEmpty()) {
            out.println("no tables: give forge a folder of CSV, TSV, .tbl, Parquet, NDJSON or .forge files");
            return Outcome.DONE;
        }
        int width = tables.stream().mapToInt(table -> table.name().length()).max().orElse(5);
        for (TableDescription table : tables) {
            out.printf(Locale.ROOT, "%-" + width + "s  %14s  %d columns%n", table.name(),
                    table.rowCount() < 0 ? "" : String.format(Locale.ROOT, "%,d rows", table.rowCount()),
                    table.columns().size());
        }
        return Outcome.DONE;
    }

    private Outcome schema(PrintWriter out, String name) {
        List<TableDescription> tables = name.isEmpty() ? session.backend().tables() : List.of(table(name));
        for (TableDescription table : tables) {
            out.println(table.name() + " (");
            List<ColumnDescription> columns = table.columns();
            int width = columns.stream().mapToInt(column -> column.name().length()).max().orElse(1);
            for (int i = 0; i < columns.size(); i++) {
                ColumnDescription column = columns.get(i);
                out.printf("  %-" + width + "s  %s%s%s%n", column.name(), column.type(),
                        column.nullable() ? "" : " NOT NULL", i + 1 < columns.size() ? "," : "");
            }
            out.println(")");
        }
        return Outcome.DONE;
    }

    /** The catalog's table of that name (any case), or an error naming the closest names. */
    TableDescription table(String name) {
        List<TableDescription> tables = session.backend().tables();
        for (TableDescription table : tables) {
            if (table.name().equalsIgnoreCase(name)) {
                return table;
            }
        }
        List<String> names = tables.stream().map(TableDescription::name).toList();
        throw new IllegalArgumentException("no table '" + name + "'" + Suggestions.didYouMean(name, names));
    }

    private Outcome engine(PrintWriter out, String argument) {
        if (!argument.isEmpty()) {
            EngineChoice choice = EngineChoice.parse(argument);
            Optional<String> unavailable = session.backend().unavailable(choice);
            if (unavailable.isPresent()) {
                session.messages().println("the " + choice.lowerCase() + " engine is unavailable: "
                        + unavailable.get() + " (still " + session.settings().engine.lowerCase() + ")");
                session.messages().flush();
                return Outcome.FAILED;
            }
            session.settings().engine = choice;
        }
        EngineChoice current = session.settings().engine;
        String note = current == EngineChoice.AUTO ? session.backend().unavailable(EngineChoice.GPU)
                .map(reason -> " (the CPU: " + reason + ")").orElse(" (the GPU where a query runs there)") : "";
        out.println("engine " + current.lowerCase() + note);
        return Outcome.DONE;
    }

    private Outcome timer(PrintWriter out, String argument) {
        switch (argument.toLowerCase(Locale.ROOT)) {
            case "" -> { }
            case "on" -> session.settings().timer = true;
            case "off" -> session.settings().timer = false;
            default -> throw new IllegalArgumentException(".timer takes on or off, not '" + argument + "'");
        }
        out.println("timer " + (session.settings().timer ? "on" : "off"));
        return Outcome.DONE;
    }

    private Outcome format(PrintWriter out, String argument) {
        if (!argument.isEmpty()) {
            session.settings().format = parseFormat(argument);
        }
        out.println("format " + session.settings().format.name().toLowerCase(Locale.ROOT));
        return Outcome.DONE;
    }

    static OutputFormat parseFormat(String text) {
        try {
            return OutputFormat.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new IllegalArgumentException("unknown format '" + text + "': choose table, csv, json, jsonl or markdown");
        }
    }

    private Outcome explain(PrintWriter out, String sql) {
        try {
            out.println(session.backend().explain(sql, session.settings().engine).stripTrailing());
            return Outcome.DONE;
        } catch (QueryFailure failure) {
            return session.fail(failure, sql);
        }
    }

    private Outcome save(PrintWriter out, String fileName) {
        QueryAnswer answer = session.lastAnswer();
        if (answer == null) {
            throw new IllegalArgumentException("no result to save yet: run a query first");
        }
        Path file = Path.of(fileName);
        OutputFormat format = formatOf(file);
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            CommandSession.print(answer, format, PrintOptions.PLAIN, writer);
        } catch (IOException failed) {
            throw new IllegalArgumentException("cannot write " + file + ": " + CommandSession.describe(failed), failed);
        }
        out.printf(Locale.ROOT, "saved %,d rows to %s as %s%n", answer.table().rowCount(), file,
                format.name().toLowerCase(Locale.ROOT));
        return Outcome.DONE;
    }

    static OutputFormat formatOf(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1);
        return switch (extension) {
            case "csv" -> OutputFormat.CSV;
            case "json" -> OutputFormat.JSON;
            case "jsonl", "ndjson" -> OutputFormat.JSONL;
            case "md", "markdown" -> OutputFormat.MARKDOWN;
            case "txt" -> OutputFormat.TABLE;
            default -> throw new IllegalArgumentException("cannot tell the format of '" + file
                    + "': end its name in .csv, .json, .jsonl, .md or .txt");
        };
    }

    private Outcome refresh(PrintWriter out) {
        try {
            session.backend().refresh();
        } catch (QueryFailure failure) {
            return session.fail(failure, null);
        }
        out.println(session.backend().tables().size() + " tables after refresh");
        return Outcome.DONE;
    }

    private Outcome history(PrintWriter out) {
        if (session.history() == null) {
            throw new IllegalArgumentException(".history works in the shell only");
        }
        List<String> entries = session.history().get();
        for (int i = 0; i < entries.size(); i++) {
            out.printf(Locale.ROOT, "%5d  %s%n", i + 1, entries.get(i).replace("\n", "\n       "));
        }
        return Outcome.DONE;
    }

    private Outcome help(PrintWriter out) {
        for (String[] entry : HELP) {
            out.printf("%-42s %s%n", entry[0] + (entry[1].isEmpty() ? "" : " " + entry[1]), entry[2]);
        }
        out.println("SQL statements end with ';' and may span lines. Ctrl+C cancels a running query.");
        return Outcome.DONE;
    }

    private static String required(String argument, String what) {
        if (argument.isEmpty()) {
            throw new IllegalArgumentException("this command needs " + what);
        }
        return argument;
    }

    private static String sqlArgument(String argument) {
        String sql = argument.strip();
        while (sql.endsWith(";")) {
            sql = sql.substring(0, sql.length() - 1).strip();
        }
        return required(sql, "a SQL query");
    }

    private static int firstSpace(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
