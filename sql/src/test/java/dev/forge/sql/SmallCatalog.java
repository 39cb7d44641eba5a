package dev.forge.sql;

import dev.forge.columnar.DataType;
import dev.forge.columnar.Field;
import dev.forge.columnar.Schema;
import dev.forge.columnar.Table;
import dev.forge.plan.ColumnStatistics;
import dev.forge.plan.TableCatalog;
import dev.forge.plan.TableStatistics;
import java.util.List;
import java.util.Map;

/**
 * Two small tables with nullable columns of every type, for feature tests: {@code t} (1,000 rows, key {@code id}) and
 * {@code u} (100,000 rows, no key), so joins have an obvious smaller side.
 */
final class SmallCatalog implements TableCatalog {
    private static final Map<String, Schema> SCHEMAS = Map.of(
            "t", Schema.of(Field.required("id", DataType.INT64), Field.nullable("a", DataType.INT32),
                    Field.nullable("b", DataType.VARCHAR), Field.nullable("d", DataType.decimal(10, 2)),
                    Field.nullable("dt", DataType.DATE), Field.nullable("f", DataType.FLOAT64),
                    Field.nullable("ts", DataType.TIMESTAMP), Field.nullable("flag", DataType.BOOLEAN)),
            "u", Schema.of(Field.required("uid", DataType.INT64), Field.nullable("t_id", DataType.INT64),
                    Field.nullable("x", DataType.INT32), Field.nullable("name", DataType.VARCHAR),
                    Field.nullable("amount", DataType.decimal(12, 4))));
    private static final Map<String, Long> ROWS = Map.of("t", 1_000L, "u", 100_000L);

    @Override
    public List<String> tableNames() {
        return List.of("t", "u");
    }

    @Override
    public Schema schema(String table) {
        Schema schema = SCHEMAS.get(table);
        if (schema == null) {
            throw new IllegalArgumentException("no table '" + table + "'; the tables are " + tableNames());
        }
        return schema;
    }

    @Override
    public TableStatistics statistics(String table) {
        List<ColumnStatistics> columns = schema(table).fields().stream()
                .map(field -> new ColumnStatistics(field.nullable() ? 10 : 0, -1, null, null)).toList();
        return new TableStatistics(ROWS.get(table), columns, table.equals("t") ? List.of(List.of(0)) : List.of());
    }

    @Override
    public Table table(String table) {
        throw new UnsupportedOperationException("the planner tests' catalog has no data");
    }
}
