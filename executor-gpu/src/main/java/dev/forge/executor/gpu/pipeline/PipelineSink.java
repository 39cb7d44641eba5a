package dev.forge.executor.gpu.pipeline;

import dev.forge.columnar.Field;
import dev.forge.plan.expr.Expr;
import java.util.List;

/** Where a pipeline's selected rows go. All expressions are over the pipeline's scan fields. */
public sealed interface PipelineSink {

    /** The fields of what the sink produces. */
    List<Field> fields();

    String describe();

    /** The selected rows, one output column per expression (row order unspecified, as SQL leaves it). */
    record Materialization(List<Expr> columns, List<Field> fields) implements PipelineSink {
        public Materialization {
            columns = List.copyOf(columns);
            fields = List.copyOf(fields);
        }

        @Override
        public String describe() {
            return "materialize " + columns.size() + " column(s)";
        }
    }

    /** One row of aggregates over all selected rows. */
    record UngroupedAggregation(List<AggregateInput> aggregates, List<Field> fields) implements PipelineSink {
        public UngroupedAggregation {
            aggregates = List.copyOf(aggregates);
            fields = List.copyOf(fields);
        }

        @Override
        public String describe() {
            return "aggregate " + aggregates.size() + " value(s) in shared memory, per-block partials";
        }
    }

    /**
     * One row per distinct key tuple (NULL keys form their own group), aggregated in a global hash table (through each
     * block's shared-memory table where the groups fit there). {@code having}, when not null, is a condition over the
     * sink's fields (the keys, then the aggregates) that a group must meet to be read back: a HAVING clause, evaluated
     * on the device while the groups are compacted (see {@link GroupFilter}). {@code top}, when not null, says which
     * groups the host's TopN over them can return: only those are decoded.
     */
    record GroupedAggregation(List<Expr> keys, List<AggregateInput> aggregates, List<Field> fields, Expr having,
            TopGroups top) implements PipelineSink {
        public GroupedAggregation {
            keys = List.copyOf(keys);
            aggregates = List.copyOf(aggregates);
            fields = List.copyOf(fields);
        }

        @Override
        public String describe() {
            return "hash aggregate by " + keys.size() + " key(s), " + aggregates.size() + " value(s)"
                    + (having == null ? "" : " -> filter the groups");
        }
    }
}
