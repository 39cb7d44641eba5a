package dev.forge.executor.cpu.expression;

import dev.forge.executor.cpu.vector.Batch;
import dev.forge.executor.cpu.vector.Vector;
import dev.forge.executor.cpu.vector.VectorAssembler;
import dev.forge.executor.cpu.vector.VectorKind;
import java.util.List;

/** COALESCE: each argument is evaluated only on the rows every earlier argument left NULL. */
final class CoalesceEvaluator implements Evaluator {
    private final List<Evaluator> arguments;
    private final VectorKind kind;

    CoalesceEvaluator(List<Evaluator> arguments, VectorKind kind) {
        this.arguments = List.copyOf(arguments);
        this.kind = kind;
    }

    @Override
    public Vector evaluate(Batch batch) {
        int rows = batch.rowCount();
        Vector first = arguments.getFirst().evaluate(batch);
        if (first.nulls() == null || arguments.size() == 1) {
            return first;
        }
        VectorAssembler assembler = new VectorAssembler(kind, rows);
        int[] open = new int[rows];
        int openCount = 0;
        int[] taken = new int[rows];
        int takenCount = 0;
        int[] identity = new int[rows];
        for (int i = 0; i < rows; i++) {
            identity[i] = i;
            if (first.isNull(i)) {
                open[openCount++] = i;
            }
        }
        assembler.put(first, identity, rows);
        for (int index = 1; index < arguments.size() && openCount > 0; index++) {
            Vector piece = arguments.get(index).evaluate(batch.select(open, openCount));
            takenCount = 0;
            int stillOpen = 0;
            int[] pieceRows = new int[openCount];
            for (int k = 0; k < openCount; k++) {
                if (piece.isNull(k)) {
                    open[stillOpen++] = open[k];
                } else {
                    pieceRows[takenCount] = k;
                    taken[takenCount++] = open[k];
                }
            }
            assembler.put(piece.gather(pieceRows, takenCount), taken, takenCount);
            openCount = stillOpen;
        }
        return assembler.build();
    }
}
