package dev.forge.executor.gpu.pipeline;

import dev.forge.columnar.Field;
import dev.forge.plan.Scan;
import dev.forge.plan.expr.Expr;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One GPU pipeline, compiled into one kernel: a scan, the conjuncts that select its rows (each over the scan's output
 * fields, evaluated in order, a later one only on rows the earlier ones kept), the hash joins its rows probe in order
 * (each with its own build pipeline, run before this one), and the sink its selected rows go to. Projections between
 * the scan and the sink are inlined into the sink's expressions, which are over the pipeline's {@link #fields()}: the
 * scan's fields, then each join's build fields.
 */
public record Pipeline(Scan scan, List<Expr> conjuncts, List<JoinStage> joins, PipelineSink sink) {
    public Pipeline {
        Objects.requireNonNull(scan, "scan");
        Objects.requireNonNull(sink, "sink");
        conjuncts = List.copyOf(conjuncts);
        joins = List.copyOf(joins);
    }

    public Pipeline(Scan scan, List<Expr> conjuncts, PipelineSink sink) {
        this(scan, conjuncts, List.of(), sink);
    }

    /** The fields expressions of this pipeline read: the scan's, then each join's build fields. */
    public List<Field> fields() {
        List<Field> fields = new ArrayList<>(scan.fields());
        for (JoinStage join : joins) {
            fields.addAll(join.buildFields());
        }
        return fields;
    }

    /** The join whose build fields include pipeline field {@code field}, or -1 for a scan field. */
    public int joinOfField(int field) {
        for (int j = joins.size() - 1; j >= 0; j--) {
            if (field >= joins.get(j).firstField()) {
                return j;
            }
        }
        return -1;
    }

    /** The kernels this pipeline launches: its own, and per join the build's kernels and the hash table's. */
    public int kernelCount() {
        int count = 1;
        for (JoinStage join : joins) {
            count += join.build().kernelCount() + 1;
        }
        return count;
    }

    /** How EXPLAIN and the result describe it. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        for (JoinStage join : joins) {
            text.append("build hash table on ").append(join.build().describe()).append("; ");
        }
        text.append("scan ").append(scan.table()).append(conjuncts.isEmpty() ? "" : " -> filter");
        for (JoinStage join : joins) {
            text.append(" -> ").append(join.describe());
        }
        return text.append(" -> ").append(sink.describe()).toString();
    }
}
