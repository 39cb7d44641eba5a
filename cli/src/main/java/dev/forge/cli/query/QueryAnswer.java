package dev.forge.cli.query;

import dev.forge.columnar.Table;
import java.util.List;

/** A query's result table with its column headings and run statistics; closing it frees the table. */
public record QueryAnswer(Table table, List<String> columnNames, RunStatistics statistics) implements AutoCloseable {
    public QueryAnswer {
        columnNames = List.copyOf(columnNames);
        if (columnNames.size() != table.schema().size()) {
            table.close();
            throw new IllegalArgumentException(columnNames.size() + " column names for " + table.schema().size()
                    + " columns");
        }
    }

    @Override
    public void close() {
        table.close();
    }
}
