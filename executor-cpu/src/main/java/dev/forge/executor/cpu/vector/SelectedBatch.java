package dev.forge.executor.cpu.vector;

/** Some rows of another batch; each column is gathered the first time it is asked for. */
final class SelectedBatch implements Batch {
    private final Batch parent;
    private final int[] rows;
    private final int count;
    private final Vector[] gathered;

    SelectedBatch(Batch parent, int[] rows, int count) {
        this.parent = parent;
        this.rows = rows;
        this.count = count;
        this.gathered = new Vector[parent.columnCount()];
    }

    @Override
    public int rowCount() {
        return count;
    }

    @Override
    public int columnCount() {
        return gathered.length;
    }

    @Override
    public Vector column(int index) {
        Vector column = gathered[index];
        if (column == null) {
            column = parent.column(index).gather(rows, count);
            gathered[index] = column;
        }
        return column;
    }

    @Override
    public Batch select(int[] selected, int selectedCount) {
        if (selectedCount == count) {
            return this;
        }
        int[] composed = new int[selectedCount];
        for (int i = 0; i < selectedCount; i++) {
            composed[i] = rows[selected[i]];
        }
        return new SelectedBatch(parent, composed, selectedCount);
    }
}
