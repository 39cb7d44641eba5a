package dev.forge.executor.gpu.pipeline;

import dev.forge.plan.Scan;
import dev.forge.plan.expr.Expr;
import java.util.List;
import java.util.Objects;

/**
 * One GPU pipeline, compiled into one kernel: a scan, the conjuncts that select its rows (each over the scan's output
 * fields, evaluated in order, a later one only on rows the earlier ones kept), and the sink its selected rows go to.
 * Projections between the scan and the sink are inlined into the sink's expressions.
 */
public record Pipeline(Scan scan, List<Expr> conjuncts, PipelineSink sink) {
    public Pipeline {
        Objects.requireNonNull(scan, "scan");
        Objects.requireNonNull(sink, "sink");
        conjuncts = List.copyOf(conjuncts);
    }

    /** How EXPLAIN and the result describe it. */
    public String describe() {
        String filter = conjuncts.isEmpty() ? "" : " -> filter";
        return "scan " + scan.table() + filter + " -> " + sink.describe();
    }
}
