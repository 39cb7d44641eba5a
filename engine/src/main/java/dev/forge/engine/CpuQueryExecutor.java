package dev.forge.engine;

import dev.forge.columnar.Table;
import dev.forge.executor.cpu.CpuExecutor;
import dev.forge.plan.PlanNode;
import dev.forge.plan.TableCatalog;
import java.util.function.BooleanSupplier;

/** The CPU executor (module {@code executor-cpu}) on all cores. */
public final class CpuQueryExecutor implements QueryExecutor {
    private final CpuExecutor executor = new CpuExecutor();

    @Override
    public Table execute(PlanNode plan, TableCatalog catalog, BooleanSupplier cancelled) {
        return executor.execute(plan, catalog, cancelled);
    }
}
