package dev.forge.engine.corpus;

/** DuckDB as the engine under test: proves the corpus's SQL and written answers against the oracle. */
public final class DuckDbEngine implements EngineUnderTest {
    @Override
    public String name() {
        return "duckdb";
    }

    @Override
    public ResultRows query(Dataset dataset, String sql) throws Exception {
        return DuckDbOracle.of(dataset).query(sql);
    }

    @Override
    public boolean isOracle() {
        return true;
    }
}
