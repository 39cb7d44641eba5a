package dev.forge.engine.corpus;

/**
 * An engine the corpus runs on: Forge with one of its executors, or DuckDB itself (to check the corpus against the
 * oracle before an engine exists). Implementations keep whatever they build per dataset for the whole run.
 */
public interface EngineUnderTest {
    String name();

    /** Runs {@code sql} on the dataset's tables ({@link Datasets#tables}); a failure is thrown as is. */
    ResultRows query(Dataset dataset, String sql) throws Exception;

    /** Whether this is the oracle itself: then cases where DuckDB knowingly differs are skipped. */
    default boolean isOracle() {
        return false;
    }
}
