package dev.forge.cli.query;

import java.util.List;
import java.util.Optional;

/**
 * What the command line needs of a query engine, in its own terms: the catalog's tables, running and explaining SQL
 * on a chosen engine, cancelling the running query from another thread, and re-reading the folders. The command line
 * never touches the engine's classes except through one implementation of this ({@link QueryService}).
 */
public interface QueryBackend extends AutoCloseable {

    /** The tables of the opened folders and files, in name order. */
    List<TableDescription> tables();

    /** Runs one SQL statement (no trailing semicolon) on the chosen engine; the caller closes the answer. */
    QueryAnswer run(String sql, EngineChoice engine) throws QueryFailure;

    /** The physical plan the query would run, as text. */
    String explain(String sql, EngineChoice engine) throws QueryFailure;

    /** Asks the query running now (if any) to stop; it then fails with {@link QueryFailure.Kind#CANCELLED}. */
    void cancel();

    /** Re-reads the folders: new, changed and removed files show up in {@link #tables()}. */
    void refresh() throws QueryFailure;

    /** Why the engine cannot run here (no GPU, no GPU executor), or empty when it can. */
    Optional<String> unavailable(EngineChoice engine);

    @Override
    void close();
}
