package dev.forge.executor.cpu.operator;

import dev.forge.executor.cpu.vector.Batch;
import dev.forge.executor.cpu.vector.MaterializedBatch;
import dev.forge.executor.cpu.vector.Vector;
import java.util.ArrayList;
import java.util.List;

/**
 * OFFSET / LIMIT: computes the input's morsels in order, a wave of one per thread at a time, and stops once enough
 * rows have arrived, so LIMIT 10 over a large scan reads only the first morsels. Morsel order keeps an ordered input
 * (a sort below) in order.
 */
public final class LimitOperator {
    private LimitOperator() {
    }

    public static MorselSource run(MorselSource input, long offset, long limit, QueryContext context) {
        long wanted = limit == Long.MAX_VALUE ? Long.MAX_VALUE : offset + limit;
        if (wanted < 0) {
            wanted = Long.MAX_VALUE;
        }
        List<Batch> kept = new ArrayList<>();
        long skip = offset;
        long remaining = limit;
        int morsels = input.morselCount();
        int next = 0;
        while (next < morsels && remaining > 0) {
            int wave = Math.min(Math.max(1, context.threads()), morsels - next);
            Batch[] results = new Batch[wave];
            int first = next;
            context.parallel(wave, i -> results[i] = MaterializedBatch.of(input.morsel(first + i)));
            next += wave;
            for (Batch batch : results) {
                int rows = batch.rowCount();
                if (rows == 0 || remaining == 0) {
                    continue;
                }
                if (skip >= rows) {
                    skip -= rows;
                    continue;
                }
                int from = (int) skip;
                skip = 0;
                int count = (int) Math.min(remaining, rows - from);
                remaining -= count;
                kept.add(from == 0 && count == rows ? batch : slice(batch, from, count));
            }
        }
        return new MaterializedSource(kept, input.columnCount());
    }

    static Batch slice(Batch batch, int from, int count) {
        Vector[] columns = new Vector[batch.columnCount()];
        for (int c = 0; c < columns.length; c++) {
            columns[c] = batch.column(c).slice(from, count);
        }
        return new MaterializedBatch(columns, count);
    }
}
