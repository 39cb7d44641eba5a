package dev.forge.engine;

/**
 * Turns SQL text into a physical plan over the catalog it was made for. Planning errors are the front end's
 * {@code SqlException}s (with a kind, a line, a column and a hint).
 */
@FunctionalInterface
public interface QueryPlanner {
    PlannedStatement plan(String sql);
}
