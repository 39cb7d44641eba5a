package dev.forge.sql;

import dev.forge.columnar.Field;
import dev.forge.plan.TableCatalog;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/** Turns Calcite's parse and validation failures into {@link SqlException}s with a position and, where useful, a hint. */
final class SqlErrors {
    private static final Pattern UNKNOWN_COLUMN = Pattern.compile("Column '([^']+)' not found in (any table|table '([^']+)')");
    private static final Pattern UNKNOWN_TABLE = Pattern.compile("(?:Object|Table) '([^']+)' not found");
    private static final int MAX_SUGGESTIONS = 3;
    private static final int MAX_EXPECTED_TOKENS = 8;
    private static final int MAX_LISTED = 20;

    private final TableCatalog catalog;

    SqlErrors(TableCatalog catalog) {
        this.catalog = catalog;
    }

    SqlException syntax(SqlParseException parseException) {
        SqlParserPos position = parseException.getPos();
        String message = parseException.getMessage() == null ? "syntax error"
                : parseException.getMessage().lines().findFirst().orElse("syntax error")
                        .replaceAll(" at line \\d+, column \\d+\\.?$", "");
        String hint = null;
        if (parseException.getExpectedTokenNames() != null && !parseException.getExpectedTokenNames().isEmpty()
                && parseException.getExpectedTokenNames().size() <= MAX_EXPECTED_TOKENS) {
            hint = "expected one of: " + String.join(", ", parseException.getExpectedTokenNames());
        }
        return positioned(SqlException.Kind.SYNTAX, message, position, hint, parseException);
    }

    SqlException validation(RuntimeException failure, SqlNode query) {
        if (failure instanceof SqlException already) {
            return already;
        }
        if (!(failure instanceof CalciteContextException context)) {
            return new SqlException(SqlException.Kind.VALIDATION, String.valueOf(failure.getMessage()), 0, 0, 0, 0,
                    null, failure);
        }
        String message = context.getCause() != null && context.getCause().getMessage() != null
                ? context.getCause().getMessage() : context.getMessage();
        String hint = null;
        Matcher column = UNKNOWN_COLUMN.matcher(message);
        Matcher table = UNKNOWN_TABLE.matcher(message);
        if (column.find()) {
            // A qualifier may be an alias rather than a table name: then every table in the query is in scope.
            List<String> candidates = column.group(3) != null ? columnsOf(List.of(column.group(3))) : List.of();
            if (candidates.isEmpty()) {
                candidates = columnsOf(tablesNamedIn(query));
            }
            hint = suggest(column.group(1), candidates);
            if (hint == null && !candidates.isEmpty()) {
                hint = "the columns there are " + listed(candidates);
            }
        } else if (table.find()) {
            List<String> tables = catalog.tableNames();
            String closest = suggest(table.group(1), tables);
            hint = (closest == null ? "" : closest + " ") + "The tables are " + listed(tables);
        }
        return new SqlException(SqlException.Kind.VALIDATION, message, context.getPosLine(), context.getPosColumn(),
                context.getEndPosLine(), context.getEndPosColumn(), hint, failure);
    }

    static SqlException positioned(SqlException.Kind kind, String message, SqlParserPos position, String hint,
            Throwable cause) {
        if (position == null || position.getLineNum() <= 0) {
            return new SqlException(kind, message, 0, 0, 0, 0, hint, cause);
        }
        return new SqlException(kind, message, position.getLineNum(), position.getColumnNum(),
                position.getEndLineNum(), position.getEndColumnNum(), hint, cause);
    }

    /** Names joined by commas; a long list is cut after {@value #MAX_LISTED} names with how many more there are. */
    static String listed(List<String> names) {
        List<String> distinct = names.stream().distinct().toList();
        if (distinct.size() <= MAX_LISTED) {
            return String.join(", ", distinct);
        }
        return String.join(", ", distinct.subList(0, MAX_LISTED)) + " and " + (distinct.size() - MAX_LISTED)
                + " more";
    }

    /** "did you mean a, b?" with the closest names by edit distance, or null when none is close. */
    static String suggest(String wrong, List<String> candidates) {
        String lower = wrong.toLowerCase(Locale.ROOT);
        int tolerance = Math.max(2, lower.length() / 2);
        List<String> close = candidates.stream().distinct()
                .filter(candidate -> editDistance(lower, candidate.toLowerCase(Locale.ROOT)) <= tolerance)
                .sorted(Comparator.comparingInt((String candidate) -> editDistance(lower,
                        candidate.toLowerCase(Locale.ROOT))).thenComparing(Comparator.naturalOrder()))
                .limit(MAX_SUGGESTIONS).toList();
        return close.isEmpty() ? null : "did you mean " + String.join(", ", close) + "?";
    }

    /** Levenshtein distance: insertions, deletions and substitutions each cost one. */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private List<String> columnsOf(List<String> tables) {
        List<String> columns = new ArrayList<>();
        for (String table : tables) {
            for (String known : catalog.tableNames()) {
                if (known.equalsIgnoreCase(table)) {
                    catalog.schema(known).fields().stream().map(Field::name).forEach(columns::add);
                }
            }
        }
        return columns;
    }

    /** The catalog tables an (unvalidated) query names anywhere: the columns in scope come from these. */
    private List<String> tablesNamedIn(SqlNode query) {
        Set<String> known = new LinkedHashSet<>();
        catalog.tableNames().forEach(name -> known.add(name.toLowerCase(Locale.ROOT)));
        Set<String> named = new LinkedHashSet<>();
        query.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlIdentifier identifier) {
                String name = identifier.names.getLast().toLowerCase(Locale.ROOT);
                if (known.contains(name)) {
                    named.add(name);
                }
                return null;
            }
        });
        return List.copyOf(named);
    }
}
