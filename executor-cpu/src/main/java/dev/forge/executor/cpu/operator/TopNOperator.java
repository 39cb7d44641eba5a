package dev.forge.executor.cpu.operator;

import dev.forge.columnar.Field;
import dev.forge.executor.cpu.vector.Batch;
import dev.forge.executor.cpu.vector.MaterializedBatch;
import dev.forge.executor.cpu.vector.VectorKind;
import dev.forge.plan.SortKey;
import java.util.ArrayList;
import java.util.List;

/**
 * ORDER BY ... OFFSET o LIMIT n without a full sort: each morsel keeps its best o + n rows in a bounded heap (row
 * number breaks ties, so the earliest of equal rows win, as in a stable sort), then the survivors of all morsels,
 * in morsel order, are sorted and sliced. The result is exactly the rows a stable full sort would return there.
 */
public final class TopNOperator {
    private TopNOperator() {
    }

    public static MorselSource run(MorselSource input, List<Field> fields, List<SortKey> keys, long offset,
            long limit, QueryContext context) {
        long wanted = offset + limit;
        List<VectorKind> kinds = fields.stream().map(field -> VectorKind.of(field.type())).toList();
        if (limit == 0) {
            return new MaterializedSource(List.of(), fields.size());
        }
        if (wanted < 0 || wanted > Integer.MAX_VALUE / 2) {
            MorselSource sorted = SortOperator.run(input, fields, keys, context);
            return LimitOperator.run(sorted, offset, limit, context);
        }
        int keep = (int) wanted;
        Batch[] survivors = new Batch[input.morselCount()];
        context.parallel(survivors.length, m -> survivors[m] = best(input.morsel(m), keys, keep));
        List<Batch> batches = new ArrayList<>();
        for (Batch batch : survivors) {
            if (batch.rowCount() > 0) {
                batches.add(batch);
            }
        }
        MaterializedBatch all = MaterializedSource.concatenate(batches, kinds);
        int[] order = SortOperator.sortedOrder(all, keys, context);
        int from = (int) Math.min(offset, order.length);
        int to = (int) Math.min(wanted, order.length);
        int[] selected = java.util.Arrays.copyOfRange(order, from, to);
        return MaterializedSource.split(SortOperator.gather(all, selected, selected.length), context.morselRows());
    }

    /** The morsel's best {@code keep} rows, in their original order. */
    private static Batch best(Batch batch, List<SortKey> keys, int keep) {
        int rows = batch.rowCount();
        if (rows <= keep) {
            return MaterializedBatch.of(batch);
        }
        MaterializedBatch materialized = MaterializedBatch.of(batch);
        RowComparator comparator = new RowComparator(materialized, keys);
        // A max-heap on (keys, row number): the root is the worst row kept so far.
        int[] heap = new int[keep];
        int size = 0;
        for (int row = 0; row < rows; row++) {
            if (size < keep) {
                heap[size] = row;
                siftUp(heap, size++, comparator);
            } else if (worse(heap[0], row, comparator)) {
                heap[0] = row;
                siftDown(heap, size, comparator);
            }
        }
        // Original row order, so the final stable sort breaks ties between these rows as a full sort would.
        java.util.Arrays.sort(heap, 0, size);
        return SortOperator.gather(materialized, heap, size);
    }

    /** Whether row a comes after row b (keys, then row number). */
    private static boolean worse(int a, int b, RowComparator comparator) {
        int c = comparator.compare(a, b);
        return c > 0 || c == 0 && a > b;
    }

    private static void siftUp(int[] heap, int index, RowComparator comparator) {
        int row = heap[index];
        while (index > 0) {
            int parent = (index - 1) >>> 1;
            if (!worse(row, heap[parent], comparator)) {
                break;
            }
            heap[index] = heap[parent];
            index = parent;
        }
        heap[index] = row;
    }

    private static void siftDown(int[] heap, int size, RowComparator comparator) {
        int index = 0;
        int row = heap[0];
        while (true) {
            int child = 2 * index + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && worse(heap[child + 1], heap[child], comparator)) {
                child++;
            }
            if (!worse(heap[child], row, comparator)) {
                break;
            }
            heap[index] = heap[child];
            index = child;
        }
        heap[index] = row;
    }
}
