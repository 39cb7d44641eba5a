package dev.forge.executor.cpu.operator;

import dev.forge.columnar.Column;
import dev.forge.columnar.Table;
import dev.forge.executor.cpu.expression.Evaluator;
import dev.forge.executor.cpu.expression.ExpressionCompiler;
import dev.forge.executor.cpu.vector.Batch;
import dev.forge.executor.cpu.vector.BooleanVector;
import dev.forge.executor.cpu.vector.Vector;
import dev.forge.plan.QueryException;
import dev.forge.plan.Scan;
import dev.forge.plan.expr.Expr;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a catalog table in morsels of consecutive rows. Its filters run one after the other, each on the rows the
 * previous ones kept, and columns are read from off-heap memory only when something asks for them, and then only
 * for the rows still selected.
 */
public final class ScanSource implements MorselSource {
    private final ColumnReader[] readers;
    private final long rowCount;
    private final int morselRows;
    private final List<Evaluator> filters;

    public ScanSource(Scan scan, QueryContext context) {
        Table table = context.catalog().table(scan.table());
        this.rowCount = table.rowCount();
        this.morselRows = context.morselRows();
        this.readers = new ColumnReader[scan.columns().size()];
        for (int i = 0; i < readers.length; i++) {
            int position = scan.columns().get(i);
            if (position < 0 || position >= table.schema().size()) {
                throw new QueryException("scan of " + scan.table() + " asks for column " + position + " of "
                        + table.schema().size());
            }
            Column column = table.column(position);
            if (!column.type().equals(scan.fields().get(i).type())) {
                throw new QueryException("scan of " + scan.table() + ": column " + table.schema().field(position).name()
                        + " is " + column.type() + " but the plan reads it as " + scan.fields().get(i).type());
            }
            readers[i] = new ColumnReader(column.view());
        }
        this.filters = new ArrayList<>();
        ExpressionCompiler compiler = new ExpressionCompiler(scan.fields());
        for (Expr filter : scan.filters()) {
            filters.add(compiler.compile(filter));
        }
        long morsels = (rowCount + morselRows - 1) / morselRows;
        if (morsels > Integer.MAX_VALUE) {
            throw new QueryException("table " + scan.table() + " has too many rows (" + rowCount + ") to cut into morsels");
        }
    }

    @Override
    public int morselCount() {
        return (int) ((rowCount + morselRows - 1) / morselRows);
    }

    @Override
    public int columnCount() {
        return readers.length;
    }

    @Override
    public Batch morsel(int index) {
        long start = (long) index * morselRows;
        int count = (int) Math.min(morselRows, rowCount - start);
        Batch batch = new ScanBatch(readers, start, null, count, null);
        for (Evaluator filter : filters) {
            batch = FilterSource.keepTrue(batch, (BooleanVector) filter.evaluate(batch));
            if (batch.rowCount() == 0) {
                break;
            }
        }
        return batch;
    }

    /** Rows of one morsel of the table; a column is read on first request, for the selected rows only. */
    private static final class ScanBatch implements Batch {
        private final ColumnReader[] readers;
        private final long start;
        private final int[] rows;
        private final int count;
        private final ScanBatch parent;
        private final Vector[] columns;

        ScanBatch(ColumnReader[] readers, long start, int[] rows, int count, ScanBatch parent) {
            this.readers = readers;
            this.start = start;
            this.rows = rows;
            this.count = count;
            this.parent = parent;
            this.columns = new Vector[readers.length];
        }

        @Override
        public int rowCount() {
            return count;
        }

        @Override
        public int columnCount() {
            return readers.length;
        }

        @Override
        public Vector column(int index) {
            Vector column = columns[index];
            if (column == null) {
                column = readers[index].read(start, rows, count);
                columns[index] = column;
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
                composed[i] = rows == null ? selected[i] : rows[selected[i]];
            }
            ScanBatch child = new ScanBatch(readers, start, composed, selectedCount, this);
            // Columns already read for the filter are gathered rather than read again.
            for (int c = 0; c < columns.length; c++) {
                if (columns[c] != null) {
                    child.columns[c] = columns[c].gather(selected, selectedCount);
                }
            }
            return child;
        }
    }
}
