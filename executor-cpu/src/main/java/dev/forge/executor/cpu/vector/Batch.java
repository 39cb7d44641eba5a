package dev.forge.executor.cpu.vector;

/**
 * A set of rows flowing between operators: a few thousand to tens of thousands of rows, one {@link Vector} per
 * column. Implementations may produce a column on first request (a scan reads it, a selection gathers it), so columns
 * nobody asks for cost nothing. A batch is used by one thread at a time.
 */
public interface Batch {
    int rowCount();

    int columnCount();

    Vector column(int index);

    /** The rows {@code rows[0..count)} (ascending positions in this batch), gathered when a column is asked for. */
    default Batch select(int[] rows, int count) {
        if (count == rowCount()) {
            return this;
        }
        return new SelectedBatch(this, rows, count);
    }
}
