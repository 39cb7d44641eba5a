package dev.forge.columnar.io;

import dev.forge.columnar.Table;
import java.util.List;

/**
 * A table read from a file, with the rows left out under {@link BadRowPolicy#SKIP}: how many, and a description of
 * the first few (file, line, column and why). The caller owns the table.
 */
public record ReadResult(Table table, long skippedRows, List<String> firstSkipped) {
    public ReadResult {
        firstSkipped = List.copyOf(firstSkipped);
    }
}
