package dev.forge.sql;

/**
 * A query that cannot be planned: what is wrong ({@link Kind}), where in the SQL text (1-based line and column, 0 when
 * there is no position), and optionally a hint such as the names that were probably meant.
 */
public final class SqlException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the query was refused. */
    public enum Kind {
        /** The text is not SQL the parser accepts. */
        SYNTAX,
        /** Well-formed SQL that names an unknown table or column, or mixes types that do not go together. */
        VALIDATION,
        /** Valid SQL using a feature Forge does not run (the message names it). */
        UNSUPPORTED
    }

    private final Kind kind;
    private final int line;
    private final int column;
    private final int endLine;
    private final int endColumn;
    private final String hint;

    public SqlException(Kind kind, String message, int line, int column, int endLine, int endColumn, String hint,
            Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.line = line;
        this.column = column;
        this.endLine = endLine;
        this.endColumn = endColumn;
        this.hint = hint;
    }

    static SqlException unsupported(String feature) {
        return new SqlException(Kind.UNSUPPORTED, "Forge does not support " + feature, 0, 0, 0, 0, null, null);
    }

    public Kind kind() {
        return kind;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    public int endLine() {
        return endLine;
    }

    public int endColumn() {
        return endColumn;
    }

    /** What the user probably meant (e.g. "did you mean l_quantity?"), or null. */
    public String hint() {
        return hint;
    }

    /** The message with the position and hint, as a shell would print it. */
    @Override
    public String toString() {
        String where = line > 0 ? " at line " + line + ", column " + column : "";
        return kind + " error" + where + ": " + getMessage() + (hint == null ? "" : " (" + hint + ")");
    }
}
