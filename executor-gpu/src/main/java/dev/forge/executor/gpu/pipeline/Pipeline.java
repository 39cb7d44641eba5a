package dev.forge.executor.gpu.pipeline;

import dev.forge.columnar.Field;
import dev.forge.plan.Scan;
import dev.forge.plan.expr.Expr;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One GPU pipeline, compiled into one kernel: a scan, the conjuncts that select its rows (each over the scan's output
 * fields, evaluated in order, a later one only on rows the earlier ones kept), the hash joins its rows probe in order
 * (each with its own build pipeline, run before this one), the single rows of earlier stages it reads as parameters
 * ({@code scalars}), and the sink its selected rows go to. Projections between the scan and the sink are inlined into
 * the sink's expressions, which are over the pipeline's {@link #fields()}: the scan's fields, then each join's build
 * fields and each scalar row's fields, in the order the plan joined them.
 */
public record Pipeline(Scan scan, List<Expr> conjuncts, List<JoinStage> joins, List<ScalarInput> scalars,
        PipelineSink sink) {
    public Pipeline {
        Objects.requireNonNull(scan, "scan");
        Objects.requireNonNull(sink, "sink");
        conjuncts = List.copyOf(conjuncts);
        joins = List.copyOf(joins);
        scalars = List.copyOf(scalars);
    }

    public Pipeline(Scan scan, List<Expr> conjuncts, List<JoinStage> joins, PipelineSink sink) {
        this(scan, conjuncts, joins, List.of(), sink);
    }

    public Pipeline(Scan scan, List<Expr> conjuncts, PipelineSink sink) {
        this(scan, conjuncts, List.of(), List.of(), sink);
    }

    /** The fields expressions of this pipeline read: the scan's, then the joins' and scalar rows' by position. */
    public List<Field> fields() {
        record Block(int first, List<Field> fields) {
        }
        List<Block> blocks = new ArrayList<>();
        joins.forEach(join -> blocks.add(new Block(join.firstField(), join.buildFields())));
        scalars.forEach(scalar -> blocks.add(new Block(scalar.firstField(), scalar.fields())));
        blocks.sort(Comparator.comparingInt(Block::first));
        List<Field> fields = new ArrayList<>(scan.fields());
        for (Block block : blocks) {
            if (block.first() != fields.size()) {
                throw new IllegalStateException("pipeline fields are not contiguous: a block starts at "
                        + block.first() + " after " + fields.size() + " fields");
            }
            fields.addAll(block.fields());
        }
        return fields;
    }

    /** The join whose build fields include pipeline field {@code field}, or -1 for any other field. */
    public int joinOfField(int field) {
        for (int j = 0; j < joins.size(); j++) {
            JoinStage join = joins.get(j);
            if (field >= join.firstField() && field < join.firstField() + join.buildFields().size()) {
                return j;
            }
        }
        return -1;
    }

    /** The scalar row whose fields include pipeline field {@code field}, or -1 for any other field. */
    public int scalarOfField(int field) {
        for (int s = 0; s < scalars.size(); s++) {
            if (scalars.get(s).holds(field)) {
                return s;
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
        text.append("scan ").append(scan.table());
        for (ScalarInput scalar : scalars) {
            text.append(" + the row of ").append(Stage.tableName(scalar.stage()));
        }
        text.append(conjuncts.isEmpty() ? "" : " -> filter");
        for (JoinStage join : joins) {
            text.append(" -> ").append(join.describe());
        }
        text.append(" -> ").append(sink.describe());
        if (sink instanceof PipelineSink.GroupedAggregation grouped && grouped.top() != null) {
            text.append(" -> read back the groups that can be among the first ").append(grouped.top().count());
        }
        return text.toString();
    }
}
