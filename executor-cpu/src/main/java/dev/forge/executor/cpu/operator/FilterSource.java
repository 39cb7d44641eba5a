package dev.forge.executor.cpu.operator;

import dev.forge.executor.cpu.expression.Evaluator;
import dev.forge.executor.cpu.vector.Batch;
import dev.forge.executor.cpu.vector.BooleanVector;

/** Keeps the rows whose condition is TRUE: the condition becomes a selection vector over the input batch. */
public final class FilterSource implements MorselSource {
    private final MorselSource input;
    private final Evaluator condition;

    public FilterSource(MorselSource input, Evaluator condition) {
        this.input = input;
        this.condition = condition;
    }

    /** The rows of {@code batch} where {@code condition} is TRUE (not FALSE, not NULL). */
    static Batch keepTrue(Batch batch, BooleanVector condition) {
        int rows = batch.rowCount();
        boolean[] values = condition.values();
        boolean[] nulls = condition.nulls();
        int[] selection = new int[rows];
        int count = 0;
        if (nulls == null) {
            for (int i = 0; i < rows; i++) {
                selection[count] = i;
                count += values[i] ? 1 : 0;
            }
        } else {
            for (int i = 0; i < rows; i++) {
                selection[count] = i;
                count += values[i] && !nulls[i] ? 1 : 0;
            }
        }
        return batch.select(selection, count);
    }

    @Override
    public int morselCount() {
        return input.morselCount();
    }

    @Override
    public int columnCount() {
        return input.columnCount();
    }

    @Override
    public Batch morsel(int index) {
        Batch batch = input.morsel(index);
        if (batch.rowCount() == 0) {
            return batch;
        }
        return keepTrue(batch, (BooleanVector) condition.evaluate(batch));
    }
}
