package dev.forge.executor.gpu.run;

import dev.forge.columnar.Column;
import dev.forge.columnar.Table;
import dev.forge.executor.gpu.pipeline.Pipeline;
import dev.forge.executor.gpu.pipeline.ScalarInput;
import dev.forge.executor.gpu.pipeline.Stage;
import dev.forge.plan.TableCatalog;

/** Where a pipeline's scalar rows are: each an earlier stage's result, one row, in the catalog under its stage name. */
public final class ScalarRows {
    private ScalarRows() {
    }

    /** Column {@code column} of the one-row result of the stage behind scalar input {@code scalar}. */
    public static Column column(Pipeline pipeline, int scalar, int column, TableCatalog catalog) {
        ScalarInput input = pipeline.scalars().get(scalar);
        Table row = catalog.table(Stage.tableName(input.stage()));
        if (row.rowCount() != 1) {
            throw new IllegalStateException(Stage.tableName(input.stage()) + " has " + row.rowCount() + " rows where a"
                    + " single row was planned");
        }
        return row.column(column);
    }
}
