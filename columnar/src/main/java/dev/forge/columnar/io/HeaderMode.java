package dev.forge.columnar.io;

/** Whether the first record of a delimited file names the columns. */
public enum HeaderMode {
    /** Decided from the data: a first row of text above rows whose columns are typed (see {@link SchemaInference}). */
    DETECT,
    PRESENT,
    ABSENT
}
