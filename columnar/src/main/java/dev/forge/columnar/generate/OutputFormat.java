package dev.forge.columnar.generate;

import java.util.Locale;

/** The file formats generated tables can be written as, each with its file extension. */
public enum OutputFormat {
    FORGE("forge"),
    /** Pipe-delimited {@code .tbl} text as dbgen writes it. */
    CSV("tbl"),
    PARQUET("parquet");

    public final String extension;

    OutputFormat(String extension) {
        this.extension = extension;
    }

    public static OutputFormat parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new IllegalArgumentException("unknown output format '" + name + "': use forge, csv or parquet");
        }
    }
}
