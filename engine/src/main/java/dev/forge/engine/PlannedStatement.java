package dev.forge.engine;

import dev.forge.plan.PlanNode;
import java.util.List;
import java.util.Objects;

/** A planned query: its SQL, its physical plan, the names the SQL gives the result columns, and EXPLAIN's text. */
public record PlannedStatement(String sql, PlanNode plan, List<String> columnNames, String explain) {
    public PlannedStatement {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(explain, "explain");
        columnNames = List.copyOf(columnNames);
        if (columnNames.size() != plan.fields().size()) {
            throw new IllegalArgumentException("the plan has " + plan.fields().size() + " fields but the query names "
                    + columnNames.size() + " columns: " + columnNames);
        }
    }
}
