package dev.forge.engine;

import dev.forge.columnar.Table;
import dev.forge.plan.PlanNode;
import dev.forge.plan.TableCatalog;
import java.util.function.BooleanSupplier;

/**
 * Runs a physical plan and returns its result as a new table the caller owns. Failures of the query itself are
 * {@link dev.forge.plan.QueryException}s; {@code cancelled} is polled, and once it says true the executor stops with a
 * {@link dev.forge.plan.QueryCancelledException}.
 */
@FunctionalInterface
public interface QueryExecutor {
    Table execute(PlanNode plan, TableCatalog catalog, BooleanSupplier cancelled);
}
