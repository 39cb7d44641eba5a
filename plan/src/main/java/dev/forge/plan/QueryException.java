package dev.forge.plan;

/**
 * A query failed while it ran, through no fault of the engine: division by zero, an overflow, a value that does not
 * cast, a scalar sub-query with more than one row. The message says what and, where it can, which expression.
 * Both executors throw it, so callers handle one type.
 */
public class QueryException extends RuntimeException {
    public QueryException(String message) {
        super(message);
    }

    public QueryException(String message, Throwable cause) {
        super(message, cause);
    }
}
