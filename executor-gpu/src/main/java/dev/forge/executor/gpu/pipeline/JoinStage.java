package dev.forge.executor.gpu.pipeline;

import dev.forge.columnar.Field;
import dev.forge.plan.JoinKind;
import dev.forge.plan.expr.Expr;
import java.util.List;
import java.util.Objects;

/**
 * One hash join probed inside a pipeline's kernel, as the plan's {@code HashJoin} says: the {@code build} pipeline
 * (materialising the build side's fields) is hashed on its columns {@code buildKeys}; each probe row reaching this join
 * looks up {@code probeKeys} (expressions over the pipeline's fields before this join). A NULL key matches nothing
 * unless its {@code nullSafe} flag is set. {@code residual} (nullable) is part of the match condition, over the
 * pipeline's fields with this join's build row bound; {@code conjunctsAfter} are filters over the joined rows.
 *
 * <p>The build side's fields take pipeline field positions {@code firstField .. firstField + build fields - 1}
 * (for every kind: a SEMI or ANTI residual reads them too); the kernel reads them from the build's materialised
 * columns at the matched build row.
 */
public record JoinStage(JoinKind kind, Pipeline build, List<Expr> probeKeys, List<Integer> buildKeys,
        List<Boolean> nullSafe, Expr residual, int firstField, List<Expr> conjunctsAfter) {
    public JoinStage {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(build, "build");
        probeKeys = List.copyOf(probeKeys);
        buildKeys = List.copyOf(buildKeys);
        nullSafe = List.copyOf(nullSafe);
        conjunctsAfter = List.copyOf(conjunctsAfter);
        if (probeKeys.size() != buildKeys.size() || probeKeys.size() != nullSafe.size()) {
            throw new IllegalArgumentException("a join needs as many probe keys as build keys and null-safe flags");
        }
        if (!(build.sink() instanceof PipelineSink.Materialization)) {
            throw new IllegalArgumentException("a join's build pipeline must materialise its rows");
        }
    }

    /** The build side's fields, as the kernel sees them from {@link #firstField()} on. */
    public List<Field> buildFields() {
        return build.sink().fields();
    }

    JoinStage withConjunctAfter(Expr conjunct) {
        List<Expr> after = new java.util.ArrayList<>(conjunctsAfter);
        after.add(conjunct);
        return new JoinStage(kind, build, probeKeys, buildKeys, nullSafe, residual, firstField, after);
    }

    String describe() {
        return "probe " + build.scan().table() + " (" + kind + " join on " + probeKeys.size() + " key(s)"
                + (residual == null ? "" : ", residual") + ")" + (conjunctsAfter.isEmpty() ? "" : " -> filter");
    }
}
