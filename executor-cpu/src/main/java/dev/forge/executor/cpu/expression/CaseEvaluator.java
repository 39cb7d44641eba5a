package dev.forge.executor.cpu.expression;

import dev.forge.executor.cpu.vector.Batch;
import dev.forge.executor.cpu.vector.BooleanVector;
import dev.forge.executor.cpu.vector.Vector;
import dev.forge.executor.cpu.vector.VectorAssembler;
import dev.forge.executor.cpu.vector.VectorKind;
import java.util.List;

/**
 * CASE WHEN c1 THEN v1 ... ELSE e. Each condition is evaluated only on rows no earlier condition took, and each value
 * only on the rows that chose it, so an error in a branch not taken (1 / x where x = 0) is never raised.
 */
final class CaseEvaluator implements Evaluator {
    private final List<Evaluator> conditions;
    private final List<Evaluator> values;
    private final Evaluator otherwise;
    private final VectorKind kind;

    CaseEvaluator(List<Evaluator> conditions, List<Evaluator> values, Evaluator otherwise, VectorKind kind) {
        this.conditions = List.copyOf(conditions);
        this.values = List.copyOf(values);
        this.otherwise = otherwise;
        this.kind = kind;
    }

    @Override
    public Vector evaluate(Batch batch) {
        int rows = batch.rowCount();
        int[] open = new int[rows];
        for (int i = 0; i < rows; i++) {
            open[i] = i;
        }
        int openCount = rows;
        VectorAssembler assembler = null;
        for (int branch = 0; branch < conditions.size() && openCount > 0; branch++) {
            Batch subset = openCount == rows ? batch : batch.select(open, openCount);
            BooleanVector condition = (BooleanVector) conditions.get(branch).evaluate(subset);
            int[] chosen = new int[openCount];
            int chosenCount = 0;
            int stillOpen = 0;
            for (int k = 0; k < openCount; k++) {
                if (condition.isTrue(k)) {
                    chosen[chosenCount++] = open[k];
                } else {
                    open[stillOpen++] = open[k];
                }
            }
            if (chosenCount == rows) {
                return values.get(branch).evaluate(batch);
            }
            if (chosenCount > 0) {
                if (assembler == null) {
                    assembler = new VectorAssembler(kind, rows);
                }
                assembler.put(values.get(branch).evaluate(batch.select(chosen, chosenCount)), chosen, chosenCount);
            }
            openCount = stillOpen;
        }
        if (openCount == rows) {
            return otherwise.evaluate(batch);
        }
        if (assembler == null) {
            assembler = new VectorAssembler(kind, rows);
        }
        if (openCount > 0) {
            assembler.put(otherwise.evaluate(batch.select(open, openCount)), open, openCount);
        }
        return assembler.build();
    }
}
