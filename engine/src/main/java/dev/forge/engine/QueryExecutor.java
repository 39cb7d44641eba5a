package dev.forge.engine;

import dev.forge.columnar.Table;
import dev.forge.plan.PlanNode;
import dev.forge.plan.TableCatalog;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Runs a physical plan and returns its result as a new table the caller owns. Failures of the query itself are
 * {@link dev.forge.plan.QueryException}s; {@code cancelled} is polled, and once it says true the executor stops with a
 * {@link dev.forge.plan.QueryCancelledException}.
 */
@FunctionalInterface
public interface QueryExecutor {
    Table execute(PlanNode plan, TableCatalog catalog, BooleanSupplier cancelled);

    /** Why this executor cannot run {@code plan} over {@code catalog}'s data, or empty when it can. */
    default Optional<String> unsupportedReason(PlanNode plan, TableCatalog catalog) {
        return Optional.empty();
    }

    /**
     * Why Engine.AUTO should leave {@code plan} to the CPU although this executor can run it (a capability not yet
     * verified on hardware, say), or empty. Engine.GPU still runs such a plan when asked.
     */
    default Optional<String> autoDeclineReason(PlanNode plan, TableCatalog catalog) {
        return Optional.empty();
    }

    /** What EXPLAIN says about how this executor would run {@code plan} (empty: nothing beyond its name). */
    default String explain(PlanNode plan) {
        return "";
    }

    /** Runs like {@link #execute} and says how (executors that may hand work to another one override it). */
    default ExecutedQuery executeAndDescribe(PlanNode plan, TableCatalog catalog, BooleanSupplier cancelled) {
        return new ExecutedQuery(execute(plan, catalog, cancelled), true, "");
    }
}
