package dev.forge.cli.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a script (a file, standard input, an {@code -e} argument or what was typed in the shell) into SQL statements
 * ended by {@code ;} and dot commands, each a line of its own starting with {@code .}. A semicolon inside a string,
 * a quoted name or a comment ends nothing. The last statement of a script may go without its semicolon.
 */
public final class ScriptSplitter {

    /** The pieces of a script, and whether its end is still inside a statement, string or comment. */
    public record Split(List<ScriptPiece> pieces, boolean endsInsideStatement) {
    }

    private ScriptSplitter() {
    }

    /** Every piece of a whole script: an unfinished last statement counts as finished. */
    public static List<ScriptPiece> split(String script) {
        Split split = scan(script);
        return split.pieces();
    }

    /** True when the text typed so far ends a statement (or is a dot command, or blank): the shell can run it. */
    public static boolean isComplete(String typed) {
        return !scan(typed).endsInsideStatement();
    }

    static Split scan(String script) {
        List<ScriptPiece> pieces = new ArrayList<>();
        StringBuilder statement = new StringBuilder();
        boolean hasCode = false;
        boolean insideQuotes = false;
        int length = script.length();
        int i = 0;
        while (i < length) {
            char c = script.charAt(i);
            if (!hasCode && !insideQuotes && c == '.' && onlyBlankSinceLineStart(script, i)) {
                int end = lineEnd(script, i);
                pieces.add(ScriptPiece.dotCommand(script.substring(i, end).strip()));
                statement.setLength(0);
                i = end;
                continue;
            }
            if (c == '\'' || c == '"') {
                int end = quoteEnd(script, i, c);
                statement.append(script, i, Math.min(end, length));
                hasCode = true;
                if (end > length) {
                    insideQuotes = true;
                    break;
                }
                i = end;
                continue;
            }
            if (c == '-' && i + 1 < length && script.charAt(i + 1) == '-') {
                int end = lineEnd(script, i);
                statement.append(script, i, end);
                i = end;
                continue;
            }
            if (c == '/' && i + 1 < length && script.charAt(i + 1) == '*') {
                int close = script.indexOf("*/", i + 2);
                if (close < 0) {
                    statement.append(script, i, length);
                    insideQuotes = true;
                    break;
                }
                statement.append(script, i, close + 2);
                i = close + 2;
                continue;
            }
            if (c == ';') {
                if (hasCode) {
                    pieces.add(ScriptPiece.sql(statement.toString().strip()));
                }
                statement.setLength(0);
                hasCode = false;
                i++;
                continue;
            }
            if (!Character.isWhitespace(c)) {
                hasCode = true;
            }
            statement.append(c);
            i++;
        }
        if (hasCode) {
            pieces.add(ScriptPiece.sql(statement.toString().strip()));
        }
        return new Split(pieces, hasCode || insideQuotes);
    }

    /** Index just past the closing quote (a doubled quote is an escaped one), or length + 1 when it never closes. */
    private static int quoteEnd(String script, int open, char quote) {
        int i = open + 1;
        while (i < script.length()) {
            if (script.charAt(i) == quote) {
                if (i + 1 < script.length() && script.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return script.length() + 1;
    }

    private static int lineEnd(String script, int from) {
        int newline = script.indexOf('\n', from);
        return newline < 0 ? script.length() : newline;
    }

    private static boolean onlyBlankSinceLineStart(String script, int index) {
        for (int i = index - 1; i >= 0 && script.charAt(i) != '\n'; i--) {
            if (!Character.isWhitespace(script.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
