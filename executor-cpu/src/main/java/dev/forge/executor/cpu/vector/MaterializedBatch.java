package dev.forge.executor.cpu.vector;

import java.util.List;

/** A batch whose columns are all computed. */
public record MaterializedBatch(Vector[] columns, int rowCount) implements Batch {
    public static MaterializedBatch of(List<Vector> columns, int rowCount) {
        return new MaterializedBatch(columns.toArray(Vector[]::new), rowCount);
    }

    /** Every column of {@code batch}, computed now. */
    public static MaterializedBatch of(Batch batch) {
        if (batch instanceof MaterializedBatch materialized) {
            return materialized;
        }
        Vector[] columns = new Vector[batch.columnCount()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = batch.column(i);
        }
        return new MaterializedBatch(columns, batch.rowCount());
    }

    @Override
    public int columnCount() {
        return columns.length;
    }

    @Override
    public Vector column(int index) {
        return columns[index];
    }
}
