package dev.forge.engine;

import dev.forge.plan.TableCatalog;
import dev.forge.sql.PlannedQuery;
import dev.forge.sql.SqlPlanner;

/** The SQL front end (module {@code sql}, Calcite) as the engine's planner. */
public final class CalciteQueryPlanner implements QueryPlanner {
    private final SqlPlanner planner;

    public CalciteQueryPlanner(TableCatalog catalog) {
        this.planner = new SqlPlanner(catalog);
    }

    @Override
    public PlannedStatement plan(String sql) {
        PlannedQuery planned = planner.plan(sql);
        return new PlannedStatement(planned.sql(), planned.plan(), planned.columnNames(), planned.explain());
    }
}
