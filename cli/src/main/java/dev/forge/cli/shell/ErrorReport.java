package dev.forge.cli.shell;

import dev.forge.cli.query.QueryFailure;
import java.util.Locale;

/**
 * A failed query as the user reads it: one line saying what and where, then (when the position is known) the SQL line
 * at fault with a caret under the error, then the hint. Never a stack trace: that is for {@code --debug}.
 */
public final class ErrorReport {
    private ErrorReport() {
    }

    public static String describe(QueryFailure failure, String sql) {
        StringBuilder text = new StringBuilder();
        text.append(switch (failure.kind()) {
            case SYNTAX -> "syntax error";
            case VALIDATION -> "error";
            case UNSUPPORTED -> "not supported";
            case RUNTIME -> "query failed";
            case CANCELLED -> "cancelled";
            case UNAVAILABLE -> "unavailable";
        });
        if (failure.hasPosition()) {
            text.append(" at line ").append(failure.line()).append(", column ").append(failure.column());
        }
        text.append(": ").append(failure.getMessage());
        String[] lines = sql == null ? new String[0] : sql.split("\n", -1);
        if (failure.hasPosition() && failure.line() <= lines.length) {
            // tabs become one space each so that the caret lands under the same character
            String line = lines[failure.line() - 1].replace('\t', ' ').stripTrailing();
            int start = Math.min(failure.column(), line.length() + 1);
            int end = failure.endColumn() >= start ? Math.min(failure.endColumn(), Math.max(start, line.length())) : start;
            text.append('\n').append("  ").append(line);
            text.append('\n').append("  ").append(" ".repeat(start - 1)).append("^".repeat(end - start + 1));
        }
        if (failure.hint() != null && !failure.hint().isBlank()) {
            String hint = failure.hint().strip();
            text.append('\n').append("hint: ").append(hint.substring(0, 1).toLowerCase(Locale.ROOT))
                    .append(hint.substring(1));
        }
        return text.toString();
    }
}
