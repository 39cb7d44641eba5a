package dev.forge.columnar.io;

/** What a reader does with a row it cannot convert: stop with an error naming it, or skip it and count it. */
public enum BadRowPolicy {
    /** Stop at the first bad row with a {@link BadInputException} naming the file, line and column (the default). */
    FAIL,
    /** Leave bad rows out of the table; {@link ReadResult#skippedRows()} counts them. */
    SKIP
}
