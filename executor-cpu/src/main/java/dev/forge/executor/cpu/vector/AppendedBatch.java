package dev.forge.executor.cpu.vector;

/** A batch with one more column after all of another batch's columns (a MARK join's mark). */
public final class AppendedBatch implements Batch {
    private final Batch batch;
    private final Vector extra;

    public AppendedBatch(Batch batch, Vector extra) {
        this.batch = batch;
        this.extra = extra;
    }

    @Override
    public int rowCount() {
        return batch.rowCount();
    }

    @Override
    public int columnCount() {
        return batch.columnCount() + 1;
    }

    @Override
    public Vector column(int index) {
        return index == batch.columnCount() ? extra : batch.column(index);
    }
}
