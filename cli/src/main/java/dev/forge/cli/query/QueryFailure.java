package dev.forge.cli.query;

/**
 * Why a query gave no result, in the engine-neutral form the command line prints: a category, the message, where in
 * the SQL text (1-based line and column, 0 when unknown, with an optional end on the same line) and a hint.
 */
public final class QueryFailure extends Exception {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Kind {
        /** The text is not SQL the parser accepts. */
        SYNTAX,
        /** Unknown table or column, or types that do not go together. */
        VALIDATION,
        /** Valid SQL that Forge does not run. */
        UNSUPPORTED,
        /** The query failed while it ran (division by zero, overflow, a bad cast). */
        RUNTIME,
        /** Ctrl+C or another cancel stopped it. */
        CANCELLED,
        /** The chosen engine cannot run here (no GPU, say). */
        UNAVAILABLE
    }

    private final Kind kind;
    private final int line;
    private final int column;
    private final int endColumn;
    private final String hint;

    public QueryFailure(Kind kind, String message, int line, int column, int endColumn, String hint, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.line = line;
        this.column = column;
        this.endColumn = endColumn;
        this.hint = hint;
    }

    public QueryFailure(Kind kind, String message, Throwable cause) {
        this(kind, message, 0, 0, 0, null, cause);
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

    /** The last column of the faulty text on {@link #line()}, or 0 when only the start is known. */
    public int endColumn() {
        return endColumn;
    }

    /** What the user probably meant, or null. */
    public String hint() {
        return hint;
    }

    public boolean hasPosition() {
        return line > 0 && column > 0;
    }
}
