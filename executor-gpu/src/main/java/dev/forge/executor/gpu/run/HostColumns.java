package dev.forge.executor.gpu.run;

import dev.forge.columnar.Column;
import dev.forge.executor.gpu.pipeline.JoinStage;
import dev.forge.executor.gpu.pipeline.Pipeline;
import dev.forge.executor.gpu.pipeline.PipelineSink;
import dev.forge.plan.ColumnStatistics;
import dev.forge.plan.Scan;
import dev.forge.plan.TableCatalog;
import dev.forge.plan.expr.ColumnRef;
import dev.forge.plan.expr.Expr;
import java.util.Optional;

/**
 * The table column behind a pipeline field: a scan field's column, or for a join's build field the column its build
 * pipeline materialised, followed down to a scan (a scalar row's field has none). Dictionaries (VARCHAR codes) and
 * statistics come from there.
 */
public final class HostColumns {
    private HostColumns() {
    }

    /** Where a field comes from: field {@code field} of {@code scan}, or empty when it is computed. */
    record Origin(Scan scan, int field) {
        Column column(TableCatalog catalog) {
            return catalog.table(scan.table()).column(scan.columns().get(field));
        }

        Optional<ColumnStatistics> statistics(TableCatalog catalog) {
            int column = scan.columns().get(field);
            var columns = catalog.statistics(scan.table()).columns();
            return column < columns.size() ? Optional.of(columns.get(column)) : Optional.empty();
        }
    }

    static Optional<Origin> origin(Pipeline pipeline, int field) {
        if (field < pipeline.scan().fields().size()) {
            return Optional.of(new Origin(pipeline.scan(), field));
        }
        int joinIndex = pipeline.joinOfField(field);
        if (joinIndex < 0) {
            return Optional.empty(); // a scalar row's field: a value, not a column
        }
        JoinStage join = pipeline.joins().get(joinIndex);
        Expr definition = ((PipelineSink.Materialization) join.build().sink()).columns()
                .get(field - join.firstField());
        return definition instanceof ColumnRef reference ? origin(join.build(), reference.index()) : Optional.empty();
    }

    /** The host column behind {@code field}, which must be a plain column (as every VARCHAR the GPU reads is). */
    public static Column column(Pipeline pipeline, int field, TableCatalog catalog) {
        return origin(pipeline, field).orElseThrow(() -> new IllegalStateException("pipeline field " + field
                + " is computed, not read from a table column")).column(catalog);
    }
}
