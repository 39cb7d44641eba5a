package dev.forge.executor.cpu.vector;

/**
 * Pairs of rows from two batches, side by side: the left batch's columns then the right's. A row position of -1 on a
 * side gives NULLs there (outer joins). Columns are gathered on first request.
 */
public final class JoinedBatch implements Batch {
    private final Batch left;
    private final int[] leftRows;
    private final Batch right;
    private final int[] rightRows;
    private final int count;
    private final Vector[] gathered;

    public JoinedBatch(Batch left, int[] leftRows, Batch right, int[] rightRows, int count) {
        this.left = left;
        this.leftRows = leftRows;
        this.right = right;
        this.rightRows = rightRows;
        this.count = count;
        this.gathered = new Vector[left.columnCount() + right.columnCount()];
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
            int leftColumns = left.columnCount();
            column = index < leftColumns ? left.column(index).gather(leftRows, count)
                    : right.column(index - leftColumns).gather(rightRows, count);
            gathered[index] = column;
        }
        return column;
    }
}
