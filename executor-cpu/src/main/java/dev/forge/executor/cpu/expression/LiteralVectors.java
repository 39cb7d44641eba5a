package dev.forge.executor.cpu.expression;

import dev.forge.executor.cpu.vector.MaterializedBatch;
import dev.forge.executor.cpu.vector.Vector;
import dev.forge.executor.cpu.vector.VectorKind;
import dev.forge.executor.cpu.vector.Vectors;
import dev.forge.plan.expr.Literal;
import java.util.ArrayList;
import java.util.List;

/** Vectors holding given literals, for VALUES. */
public final class LiteralVectors {
    private static final MaterializedBatch ONE_ROW = new MaterializedBatch(new Vector[0], 1);

    private LiteralVectors() {
    }

    public static Vector of(List<Literal> literals, VectorKind kind) {
        if (literals.isEmpty()) {
            return Vectors.empty(kind);
        }
        List<Vector> parts = new ArrayList<>(literals.size());
        for (Literal literal : literals) {
            parts.add(new LiteralEvaluator(literal).evaluate(ONE_ROW).slice(0, 1));
        }
        return Vectors.concatenate(kind, parts);
    }
}
