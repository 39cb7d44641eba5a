package dev.forge.executor.cpu;

import dev.forge.columnar.DataType;
import dev.forge.columnar.Field;
import dev.forge.columnar.StringLayout;
import dev.forge.columnar.Table;
import dev.forge.plan.PlanValidator;
import dev.forge.plan.Project;
import dev.forge.plan.expr.Call;
import dev.forge.plan.expr.ColumnRef;
import dev.forge.plan.expr.Expr;
import dev.forge.plan.expr.Literal;
import dev.forge.plan.expr.Operator;
import java.util.ArrayList;
import java.util.List;

/** Evaluates expressions over small tables through a real Scan + Project plan, on small morsels and two threads. */
final class Expressions {
    private Expressions() {
    }

    static ColumnRef column(int index, DataType type) {
        return new ColumnRef(index, type, true);
    }

    static Call call(Operator operator, DataType type, Expr... arguments) {
        return Call.of(operator, type, true, arguments);
    }

    /** The expression's value for each row, in row order. */
    static List<Object> evaluate(List<Field> fields, List<List<Object>> rows, Expr expression) {
        return evaluate(fields, rows, expression, StringLayout.PLAIN);
    }

    static List<Object> evaluate(List<Field> fields, List<List<Object>> rows, Expr expression, StringLayout layout) {
        Project project = new Project(TestTables.scan("t", fields), List.of(expression), List.of("value"));
        PlanValidator.validate(project);
        try (TestCatalog catalog = new TestCatalog().add("t", TestTables.table(fields, rows, layout));
                Table result = new CpuExecutor(2, 3).execute(project, catalog)) {
            List<Object> values = new ArrayList<>();
            for (List<Object> row : TestTables.rows(result)) {
                values.add(row.getFirst());
            }
            return values;
        }
    }

    /** One column of values as single-field rows. */
    static List<List<Object>> singleColumn(List<?> values) {
        List<List<Object>> rows = new ArrayList<>();
        for (Object value : values) {
            rows.add(TestTables.row(value));
        }
        return rows;
    }

    static Literal literal(Object value, DataType type) {
        return new Literal(value, type);
    }
}
