package dev.forge.plan;

import dev.forge.columnar.DataType;
import dev.forge.columnar.Field;
import dev.forge.plan.expr.Expr;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Joins {@code probe} with {@code build}: the executor builds a hash table on the build side's key fields and streams
 * the probe side through it (the planner puts the smaller input on the build side). With no keys it is a nested-loop
 * join: every pair is a candidate and only the residual decides.
 *
 * <p>{@code residual} (nullable) is part of the match condition, not a filter after the join: it sees the probe fields
 * followed by the build fields (positions {@code 0..p-1} and {@code p..p+b-1}), whatever the kind, so a LEFT join keeps
 * a probe row whose candidates all fail it. Output fields are given by {@link JoinKind}.
 */
public record HashJoin(PlanNode probe, PlanNode build, JoinKind kind, List<JoinKey> keys, Expr residual)
        implements PlanNode {
    public static final String MARK_FIELD = "mark";

    public HashJoin {
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(build, "build");
        Objects.requireNonNull(kind, "kind");
        keys = List.copyOf(keys);
    }

    @Override
    public List<Field> fields() {
        List<Field> fields = new ArrayList<>();
        boolean probeMayBeMissing = kind == JoinKind.RIGHT || kind == JoinKind.FULL;
        boolean buildMayBeMissing = kind == JoinKind.LEFT || kind == JoinKind.FULL;
        for (Field field : probe.fields()) {
            fields.add(probeMayBeMissing ? asNullable(field) : field);
        }
        if (kind.emitsBuildFields()) {
            for (Field field : build.fields()) {
                fields.add(buildMayBeMissing ? asNullable(field) : field);
            }
        } else if (kind == JoinKind.MARK) {
            fields.add(Field.nullable(MARK_FIELD, DataType.BOOLEAN));
        }
        return fields;
    }

    /** The fields the residual sees: probe then build, as they come from the inputs. */
    public List<Field> residualInputFields() {
        List<Field> fields = new ArrayList<>(probe.fields());
        fields.addAll(build.fields());
        return fields;
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of(probe, build);
    }

    private static Field asNullable(Field field) {
        return field.nullable() ? field : Field.nullable(field.name(), field.type());
    }
}
