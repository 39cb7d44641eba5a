package dev.forge.executor.cpu.operator;

import dev.forge.executor.cpu.expression.Evaluator;
import dev.forge.executor.cpu.vector.Batch;
import dev.forge.executor.cpu.vector.MaterializedBatch;
import dev.forge.executor.cpu.vector.Vector;
import java.util.List;

/** Computes one output column per expression for each input batch. */
public final class ProjectSource implements MorselSource {
    private final MorselSource input;
    private final List<Evaluator> expressions;

    public ProjectSource(MorselSource input, List<Evaluator> expressions) {
        this.input = input;
        this.expressions = List.copyOf(expressions);
    }

    @Override
    public int morselCount() {
        return input.morselCount();
    }

    @Override
    public int columnCount() {
        return expressions.size();
    }

    @Override
    public Batch morsel(int index) {
        Batch batch = input.morsel(index);
        Vector[] columns = new Vector[expressions.size()];
        for (int c = 0; c < columns.length; c++) {
            columns[c] = expressions.get(c).evaluate(batch);
        }
        return new MaterializedBatch(columns, batch.rowCount());
    }
}
