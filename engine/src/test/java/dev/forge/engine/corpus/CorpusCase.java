package dev.forge.engine.corpus;

import java.util.Objects;

/**
 * One query of the SQL corpus: where it is written ({@code file:line}), its name, the dataset it runs on, its SQL,
 * whether row order is part of the answer, and what it expects. {@code duckDbDiffers} (or null) says why DuckDB's
 * answer is not Forge's (a documented difference in semantics), so the oracle check skips the case.
 */
public record CorpusCase(String file, int line, String name, String dataset, String sql, boolean ordered,
        Expectation expectation, String duckDbDiffers) {
    public CorpusCase {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(expectation, "expectation");
    }

    public String location() {
        return file + ":" + line;
    }

    @Override
    public String toString() {
        return name + " (" + location() + ")";
    }
}
