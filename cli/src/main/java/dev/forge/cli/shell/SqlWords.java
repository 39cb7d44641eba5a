package dev.forge.cli.shell;

import java.util.Locale;
import java.util.Set;

/** The SQL keywords the shell highlights and completes, and the functions it completes (with an opening bracket). */
final class SqlWords {
    static final Set<String> KEYWORDS = Set.of("SELECT", "FROM", "WHERE", "GROUP", "BY", "HAVING", "ORDER", "LIMIT",
            "OFFSET", "AS", "AND", "OR", "NOT", "IN", "IS", "NULL", "LIKE", "BETWEEN", "EXISTS", "CASE", "WHEN", "THEN",
            "ELSE", "END", "JOIN", "INNER", "LEFT", "RIGHT", "FULL", "OUTER", "CROSS", "ON", "USING", "UNION", "ALL",
            "DISTINCT", "WITH", "ASC", "DESC", "NULLS", "FIRST", "LAST", "DATE", "TIMESTAMP", "INTERVAL", "DAY", "MONTH",
            "YEAR", "TRUE", "FALSE", "CAST", "EXTRACT", "VALUES", "ANY", "SOME", "EXPLAIN", "INTEGER", "BIGINT",
            "DOUBLE", "DECIMAL", "VARCHAR", "BOOLEAN", "CHAR", "REAL", "ESCAPE", "FETCH", "NEXT", "ROWS", "ONLY");

    static final Set<String> FUNCTIONS = Set.of("count", "sum", "avg", "min", "max", "abs", "round", "floor", "ceil",
            "substring", "substr", "upper", "lower", "trim", "char_length", "length", "coalesce", "nullif", "extract",
            "position", "concat", "sqrt", "ln", "exp", "power", "mod", "stddev", "variance");

    private SqlWords() {
    }

    static boolean isKeyword(String word) {
        return KEYWORDS.contains(word.toUpperCase(Locale.ROOT));
    }

    static boolean isFunction(String word) {
        return FUNCTIONS.contains(word.toLowerCase(Locale.ROOT));
    }
}
