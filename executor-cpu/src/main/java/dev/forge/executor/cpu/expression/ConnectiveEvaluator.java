package dev.forge.executor.cpu.expression;

import dev.forge.executor.cpu.vector.Batch;
import dev.forge.executor.cpu.vector.BooleanVector;
import dev.forge.executor.cpu.vector.Vector;
import java.util.List;

/**
 * AND / OR over two or more arguments with three-valued logic (FALSE AND NULL = FALSE, TRUE OR NULL = TRUE). Each
 * argument is evaluated only on the rows whose result is still open (not yet FALSE for AND, not yet TRUE for OR): this
 * saves work like a selection vector does, and a guard such as {@code x <> 0 AND 1 / x > 2} never divides by zero.
 */
final class ConnectiveEvaluator implements Evaluator {
    private final boolean isAnd;
    private final List<Evaluator> arguments;

    ConnectiveEvaluator(boolean isAnd, List<Evaluator> arguments) {
        this.isAnd = isAnd;
        this.arguments = List.copyOf(arguments);
    }

    @Override
    public Vector evaluate(Batch batch) {
        int rows = batch.rowCount();
        // The value that decides the result on its own: FALSE for AND, TRUE for OR.
        boolean decisive = !isAnd;
        boolean[] values = new boolean[rows];
        java.util.Arrays.fill(values, isAnd);
        boolean[] nulls = null;
        int[] open = new int[rows];
        for (int i = 0; i < rows; i++) {
            open[i] = i;
        }
        int openCount = rows;
        for (Evaluator argument : arguments) {
            if (openCount == 0) {
                break;
            }
            Batch subset = openCount == rows ? batch : batch.select(open, openCount);
            BooleanVector vector = (BooleanVector) argument.evaluate(subset);
            boolean[] argumentValues = vector.values();
            boolean[] argumentNulls = vector.nulls();
            int stillOpen = 0;
            for (int k = 0; k < openCount; k++) {
                int row = open[k];
                if (argumentNulls != null && argumentNulls[k]) {
                    if (nulls == null) {
                        nulls = new boolean[rows];
                    }
                    nulls[row] = true;
                    open[stillOpen++] = row;
                } else if (argumentValues[k] == decisive) {
                    values[row] = decisive;
                    if (nulls != null) {
                        nulls[row] = false;
                    }
                } else {
                    open[stillOpen++] = row;
                }
            }
            openCount = stillOpen;
        }
        return new BooleanVector(values, Nulls.normalize(nulls, rows), rows);
    }
}
