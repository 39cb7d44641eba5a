package dev.forge.cli.shell;

import dev.forge.cli.query.ColumnDescription;
import dev.forge.cli.query.QueryBackend;
import dev.forge.cli.query.TableDescription;
import java.util.List;
import java.util.Locale;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion: dot commands at the start of an entry; otherwise SQL keywords, functions, table names and column
 * names, each column described by its table, type and (where the catalog knows it) distinct count.
 */
final class SqlCompleter implements Completer {
    private final QueryBackend backend;

    SqlCompleter(QueryBackend backend) {
        this.backend = backend;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        if (line.line().stripLeading().startsWith(".") && line.wordIndex() == 0) {
            for (String[] command : DotCommands.HELP) {
                candidates.add(new Candidate(command[0], command[0], "commands", command[2], null, null, true));
            }
            return;
        }
        boolean lowerCase = !line.word().isEmpty() && Character.isLowerCase(line.word().charAt(0));
        for (String keyword : SqlWords.KEYWORDS) {
            String value = lowerCase ? keyword.toLowerCase(Locale.ROOT) : keyword;
            candidates.add(new Candidate(value, value, "keywords", null, null, null, true));
        }
        for (String function : SqlWords.FUNCTIONS) {
            candidates.add(new Candidate(function + "(", function, "functions", null, null, null, false));
        }
        for (TableDescription table : backend.tables()) {
            String rows = table.rowCount() < 0 ? "" : String.format(Locale.ROOT, "%,d rows", table.rowCount());
            candidates.add(new Candidate(table.name(), table.name(), "tables", rows, null, null, true));
            for (ColumnDescription column : table.columns()) {
                candidates.add(new Candidate(column.name(), column.name(), "columns", describe(table, column), null,
                        null, true));
            }
        }
    }

    static String describe(TableDescription table, ColumnDescription column) {
        String distinct = column.distinctCount() < 0 ? ""
                : String.format(Locale.ROOT, ", %,d distinct", column.distinctCount());
        return table.name() + ": " + column.type() + distinct;
    }
}
