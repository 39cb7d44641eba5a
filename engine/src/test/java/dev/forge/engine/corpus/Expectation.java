package dev.forge.engine.corpus;

/** What a corpus case expects of the engine under test. */
public sealed interface Expectation {
    /** The same rows DuckDB returns for the same SQL on the same data. */
    record SameAsDuckDb() implements Expectation {
    }

    /** These rows, written out in the corpus file. */
    record Rows(ResultRows rows) implements Expectation {
    }

    /** A planning or run-time error whose message contains {@code messagePart} (case-insensitive). */
    record Error(String messagePart) implements Expectation {
    }
}
