package dev.forge.sql;

import dev.forge.plan.PlanNode;
import dev.forge.plan.PlanPrinter;
import java.util.List;
import java.util.Objects;

/**
 * A query planned into Forge's physical plan: the SQL it came from, the validated plan, the names of the result
 * columns as the query spelled them (the plan's own field names may differ where the planner renamed), and where the
 * planning time went.
 */
public record PlannedQuery(String sql, PlanNode plan, List<String> columnNames, PlanningPhases phases) {
    public PlannedQuery {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(phases, "phases");
        columnNames = List.copyOf(columnNames);
    }

    /** The plan as EXPLAIN text ({@link PlanPrinter}). */
    public String explain() {
        return PlanPrinter.explain(plan);
    }
}
