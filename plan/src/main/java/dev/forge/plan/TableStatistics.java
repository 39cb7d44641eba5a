package dev.forge.plan;

import java.util.List;

/**
 * What is known exactly about a table: its row count, per-column statistics (in schema order) and the column sets
 * known to be unique (each a list of column positions; empty when none is known).
 */
public record TableStatistics(long rowCount, List<ColumnStatistics> columns, List<List<Integer>> uniqueKeys) {
    public TableStatistics {
        if (rowCount < 0) {
            throw new IllegalArgumentException("row count must be >= 0: " + rowCount);
        }
        columns = List.copyOf(columns);
        uniqueKeys = uniqueKeys.stream().map(List::copyOf).toList();
    }
}
