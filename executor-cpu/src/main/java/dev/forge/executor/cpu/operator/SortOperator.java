package dev.forge.executor.cpu.operator;

import dev.forge.columnar.Field;
import dev.forge.executor.cpu.vector.Batch;
import dev.forge.executor.cpu.vector.MaterializedBatch;
import dev.forge.executor.cpu.vector.Vector;
import dev.forge.executor.cpu.vector.VectorKind;
import dev.forge.plan.SortKey;
import java.util.List;

/**
 * ORDER BY: gathers the input into one batch, sorts row numbers with a stable merge sort (runs sorted in parallel,
 * then merged pairwise), and gathers every column in the new order. Stability plus morsel-ordered input makes ties
 * come out the same for any thread count.
 */
public final class SortOperator {
    private SortOperator() {
    }

    public static MorselSource run(MorselSource input, List<Field> fields, List<SortKey> keys,
            QueryContext context) {
        MaterializedBatch all = MaterializedSource.concatenate(MaterializedSource.collect(input, context),
                fields.stream().map(field -> VectorKind.of(field.type())).toList());
        int[] order = sortedOrder(all, keys, context);
        return MaterializedSource.split(gather(all, order, order.length), context.morselRows());
    }

    static int[] sortedOrder(Batch batch, List<SortKey> keys, QueryContext context) {
        int rows = batch.rowCount();
        RowComparator comparator = new RowComparator(batch, keys);
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        int[] buffer = new int[rows];
        int runs = rows < 1 << 15 ? 1 : Math.min(context.threads() * 2, 64);
        int runLength = (rows + runs - 1) / Math.max(1, runs);
        context.parallel(runs, run -> {
            int from = Math.min(rows, run * runLength);
            int to = Math.min(rows, from + runLength);
            mergeSort(order, buffer, from, to, comparator);
        });
        for (int width = runLength; width < rows; width *= 2) {
            context.checkCancelled();
            int step = width;
            int pairs = (rows + 2 * step - 1) / (2 * step);
            int[] source = order;
            context.parallel(pairs, pair -> {
                int from = pair * 2 * step;
                int middle = Math.min(rows, from + step);
                int to = Math.min(rows, from + 2 * step);
                merge(source, buffer, from, middle, to, comparator);
                System.arraycopy(buffer, from, source, from, to - from);
            });
            if (width > Integer.MAX_VALUE / 2) {
                break;
            }
        }
        return order;
    }

    private static void mergeSort(int[] rows, int[] buffer, int from, int to, RowComparator comparator) {
        if (to - from <= 24) {
            for (int i = from + 1; i < to; i++) {
                int row = rows[i];
                int j = i - 1;
                while (j >= from && comparator.compare(rows[j], row) > 0) {
                    rows[j + 1] = rows[j];
                    j--;
                }
                rows[j + 1] = row;
            }
            return;
        }
        int middle = (from + to) >>> 1;
        mergeSort(rows, buffer, from, middle, comparator);
        mergeSort(rows, buffer, middle, to, comparator);
        if (comparator.compare(rows[middle - 1], rows[middle]) <= 0) {
            return;
        }
        merge(rows, buffer, from, middle, to, comparator);
        System.arraycopy(buffer, from, rows, from, to - from);
    }

    /** Merges sorted [from, middle) and [middle, to) of rows into buffer[from, to), left first on ties. */
    private static void merge(int[] rows, int[] buffer, int from, int middle, int to, RowComparator comparator) {
        int left = from;
        int right = middle;
        int out = from;
        while (left < middle && right < to) {
            buffer[out++] = comparator.compare(rows[right], rows[left]) < 0 ? rows[right++] : rows[left++];
        }
        while (left < middle) {
            buffer[out++] = rows[left++];
        }
        while (right < to) {
            buffer[out++] = rows[right++];
        }
    }

    static MaterializedBatch gather(Batch batch, int[] rows, int count) {
        Vector[] columns = new Vector[batch.columnCount()];
        for (int c = 0; c < columns.length; c++) {
            columns[c] = batch.column(c).gather(rows, count);
        }
        return new MaterializedBatch(columns, count);
    }
}
