package dev.forge.plan;

/** The query was cancelled (Ctrl+C in the shell, a JDBC cancel) before it finished; it left nothing behind. */
public final class QueryCancelledException extends QueryException {
    public QueryCancelledException() {
        super("query cancelled");
    }
}
