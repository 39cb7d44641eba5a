package dev.forge.engine.corpus;

import dev.forge.cuda.LeakTracker;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.opentest4j.TestAbortedException;

/**
 * Runs corpus cases on one engine at one scale factor and checks each answer: against DuckDB on the same data, against
 * the rows the case writes out, or for the error it expects. A failure is an {@link AssertionError} that names the
 * case and its file, shows the SQL, and the first differing rows of both sides. The engine must also free everything
 * it allocated for the query (the leak tracker is checked after each case).
 */
public final class CorpusRunner {
    private final EngineUnderTest engine;
    private final double scaleFactor;

    public CorpusRunner(EngineUnderTest engine, double scaleFactor) {
        this.engine = engine;
        this.scaleFactor = scaleFactor;
    }

    public void run(CorpusCase testCase) throws Exception {
        if (engine.isOracle() && testCase.duckDbDiffers() != null) {
            throw new TestAbortedException("DuckDB knowingly differs here: " + testCase.duckDbDiffers());
        }
        Dataset dataset = Dataset.of(testCase.dataset(), scaleFactor);
        Datasets.tables(dataset);
        ResultRows expected = switch (testCase.expectation()) {
            case Expectation.SameAsDuckDb _ -> oracleAnswer(testCase, dataset);
            case Expectation.Rows rows -> rows.rows();
            case Expectation.Error _ -> null;
        };
        long mark = LeakTracker.mark();
        ResultRows actual;
        try {
            actual = engine.query(dataset, testCase.sql());
        } catch (Exception | AssertionError failure) {
            if (testCase.expectation() instanceof Expectation.Error error && messageMatches(error, failure)) {
                requireNoLeaks(testCase, mark);
                return;
            }
            throw new AssertionError(header(testCase, dataset) + engine.name() + " failed: " + failure, failure);
        }
        requireNoLeaks(testCase, mark);
        if (testCase.expectation() instanceof Expectation.Error error) {
            throw new AssertionError(header(testCase, dataset) + "expected an error containing '"
                    + error.messagePart() + "', but " + engine.name() + " returned " + actual.rowCount() + " rows");
        }
        Optional<String> difference = ResultComparator.compare(expected, actual, testCase.ordered());
        if (difference.isPresent()) {
            String source = testCase.expectation() instanceof Expectation.Rows ? "the written answer" : "DuckDB";
            throw new AssertionError(header(testCase, dataset) + engine.name() + " differs from " + source + ": "
                    + difference.get());
        }
    }

    private ResultRows oracleAnswer(CorpusCase testCase, Dataset dataset) {
        try {
            return DuckDbOracle.of(dataset).query(testCase.sql());
        } catch (Exception failure) {
            throw new AssertionError(header(testCase, dataset) + "DuckDB cannot run this case: " + failure, failure);
        }
    }

    private boolean messageMatches(Expectation.Error error, Throwable failure) {
        if (engine.isOracle()) {
            return true; // the message part is Forge's wording; the oracle only has to fail too
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && message.toLowerCase(Locale.ROOT).contains(error.messagePart().toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    private void requireNoLeaks(CorpusCase testCase, long mark) {
        List<LeakTracker.Resource> leaked = LeakTracker.liveSince(mark);
        if (!leaked.isEmpty()) {
            throw new AssertionError(testCase + ": " + engine.name() + " left " + leaked.size()
                    + " native resource(s) open:\n" + LeakTracker.report(leaked));
        }
    }

    private String header(CorpusCase testCase, Dataset dataset) {
        return "corpus case '" + testCase.name() + "' (" + testCase.location() + ", " + dataset + ")\n"
                + testCase.sql().indent(4) + "\n";
    }
}
