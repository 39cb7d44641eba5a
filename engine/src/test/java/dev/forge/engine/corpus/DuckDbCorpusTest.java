package dev.forge.engine.corpus;

/**
 * The corpus run on DuckDB against DuckDB: every query is valid SQL to the oracle, every written answer is DuckDB's
 * answer (except where a case says DuckDB differs), every expected error is an error there too. This is what keeps
 * the corpus itself honest, before and besides any Forge engine.
 */
class DuckDbCorpusTest extends CorpusTestBase {
    @Override
    protected EngineUnderTest engine() {
        return new DuckDbEngine();
    }
}
