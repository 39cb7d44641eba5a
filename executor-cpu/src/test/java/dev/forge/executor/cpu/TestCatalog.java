package dev.forge.executor.cpu;

import dev.forge.columnar.Schema;
import dev.forge.columnar.Table;
import dev.forge.plan.ColumnStatistics;
import dev.forge.plan.TableCatalog;
import dev.forge.plan.TableStatistics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An in-memory catalog of tables built by a test; closing it closes them. Statistics are trivial (unknown). */
final class TestCatalog implements TableCatalog, AutoCloseable {
    private final Map<String, Table> tables = new LinkedHashMap<>();

    TestCatalog add(String name, Table table) {
        tables.put(name, table);
        return this;
    }

    @Override
    public List<String> tableNames() {
        return new ArrayList<>(tables.keySet());
    }

    @Override
    public Schema schema(String table) {
        return table(table).schema();
    }

    @Override
    public TableStatistics statistics(String table) {
        Table data = table(table);
        List<ColumnStatistics> columns = new ArrayList<>();
        for (int i = 0; i < data.schema().size(); i++) {
            columns.add(new ColumnStatistics(data.column(i).nullCount(), -1, null, null));
        }
        return new TableStatistics(data.rowCount(), columns, List.of());
    }

    @Override
    public Table table(String table) {
        Table data = tables.get(table);
        if (data == null) {
            throw new IllegalArgumentException("no table " + table + " in " + tables.keySet());
        }
        return data;
    }

    @Override
    public void close() {
        tables.values().forEach(Table::close);
    }
}
