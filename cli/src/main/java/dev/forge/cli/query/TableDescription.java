package dev.forge.cli.query;

import java.util.List;

/** A table of the catalog as the shell lists and completes it: name, row count (-1 if unknown) and columns. */
public record TableDescription(String name, long rowCount, List<ColumnDescription> columns) {
    public TableDescription {
        columns = List.copyOf(columns);
    }
}
