package dev.forge.executor.cpu.operator;

import dev.forge.executor.cpu.vector.Batch;
import dev.forge.executor.cpu.vector.MaterializedBatch;
import dev.forge.executor.cpu.vector.Vector;
import dev.forge.executor.cpu.vector.VectorKind;
import dev.forge.executor.cpu.vector.Vectors;
import java.util.ArrayList;
import java.util.List;

/** A result already computed, served as one morsel per batch. */
public final class MaterializedSource implements MorselSource {
    private final List<Batch> batches;
    private final int columnCount;

    public MaterializedSource(List<Batch> batches, int columnCount) {
        this.batches = List.copyOf(batches);
        this.columnCount = columnCount;
    }

    /** Every morsel of {@code source}, computed on all workers, in morsel order (empty batches dropped). */
    public static List<Batch> collect(MorselSource source, QueryContext context) {
        Batch[] results = new Batch[source.morselCount()];
        context.parallel(results.length, index -> results[index] = MaterializedBatch.of(source.morsel(index)));
        List<Batch> batches = new ArrayList<>(results.length);
        for (Batch batch : results) {
            if (batch.rowCount() > 0) {
                batches.add(batch);
            }
        }
        return batches;
    }

    /** All rows of the batches as one batch (operators that need random access: join build, sort). */
    public static MaterializedBatch concatenate(List<Batch> batches, List<VectorKind> kinds) {
        Vector[] columns = new Vector[kinds.size()];
        long rows = 0;
        for (Batch batch : batches) {
            rows += batch.rowCount();
        }
        if (rows > Integer.MAX_VALUE - 16) {
            throw new dev.forge.plan.QueryException("an intermediate result of " + rows + " rows exceeds the 2^31"
                    + " rows one CPU operator can hold at once");
        }
        for (int c = 0; c < columns.length; c++) {
            if (batches.isEmpty()) {
                columns[c] = Vectors.empty(kinds.get(c));
                continue;
            }
            List<Vector> parts = new ArrayList<>(batches.size());
            for (Batch batch : batches) {
                parts.add(batch.column(c));
            }
            columns[c] = Vectors.concatenate(kinds.get(c), parts);
        }
        return new MaterializedBatch(columns, (int) rows);
    }

    /** One big batch cut into morsels of at most {@code morselRows} rows, so downstream work spreads over threads. */
    public static MaterializedSource split(MaterializedBatch batch, int morselRows) {
        List<Batch> parts = new ArrayList<>();
        int rows = batch.rowCount();
        if (rows <= morselRows) {
            if (rows > 0) {
                parts.add(batch);
            }
        } else {
            for (int from = 0; from < rows; from += morselRows) {
                int count = Math.min(morselRows, rows - from);
                Vector[] columns = new Vector[batch.columnCount()];
                for (int c = 0; c < columns.length; c++) {
                    columns[c] = batch.column(c).slice(from, count);
                }
                parts.add(new MaterializedBatch(columns, count));
            }
        }
        return new MaterializedSource(parts, batch.columnCount());
    }

    @Override
    public int morselCount() {
        return batches.size();
    }

    @Override
    public int columnCount() {
        return columnCount;
    }

    @Override
    public Batch morsel(int index) {
        return batches.get(index);
    }
}
