package dev.forge.plan;

import dev.forge.columnar.Field;
import dev.forge.plan.expr.Expr;
import java.util.List;
import java.util.Objects;

/**
 * Reads a catalog table. Only {@code columns} (positions in the table's schema) are read, and they are the output, in
 * that order. {@code filters} are conjuncts over the output columns that the scan applies itself (an executor may use
 * chunk statistics to skip whole chunks with them); a row is kept when every filter is TRUE (not FALSE, not NULL).
 */
public record Scan(String table, List<Integer> columns, List<Field> fields, List<Expr> filters) implements PlanNode {
    public Scan {
        Objects.requireNonNull(table, "table");
        columns = List.copyOf(columns);
        fields = List.copyOf(fields);
        filters = List.copyOf(filters);
        if (columns.size() != fields.size()) {
            throw new IllegalArgumentException("scan of " + table + ": " + columns.size() + " columns but " + fields.size()
                    + " fields");
        }
    }

    @Override
    public List<PlanNode> inputs() {
        return List.of();
    }
}
