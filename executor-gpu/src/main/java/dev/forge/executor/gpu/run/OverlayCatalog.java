package dev.forge.executor.gpu.run;

import dev.forge.columnar.Field;
import dev.forge.columnar.Schema;
import dev.forge.columnar.Table;
import dev.forge.plan.ColumnStatistics;
import dev.forge.plan.TableCatalog;
import dev.forge.plan.TableStatistics;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A catalog plus tables a GPU plan made while it ran (each stage's result, the GPU part's result the host finishes),
 * under names no user table can have ({@code $...}). Their statistics know the row count only. The overlay owns none
 * of the tables: whoever made them closes them.
 */
public final class OverlayCatalog implements TableCatalog {
    private final TableCatalog tables;
    private final Map<String, Table> added;

    private OverlayCatalog(TableCatalog tables, Map<String, Table> added) {
        this.tables = tables;
        this.added = added;
    }

    public static OverlayCatalog of(TableCatalog tables, Map<String, Table> added) {
        for (String name : added.keySet()) {
            if (tables.tableNames().contains(name)) {
                throw new IllegalArgumentException("the catalog already has a table " + name);
            }
        }
        return new OverlayCatalog(tables, Collections.unmodifiableMap(new LinkedHashMap<>(added)));
    }

    public static OverlayCatalog of(TableCatalog tables, String name, Table table) {
        return of(tables, Map.of(name, table));
    }

    @Override
    public List<String> tableNames() {
        List<String> names = new ArrayList<>(tables.tableNames());
        names.addAll(added.keySet());
        return Collections.unmodifiableList(names);
    }

    @Override
    public Schema schema(String table) {
        Table result = added.get(table);
        return result != null ? result.schema() : tables.schema(table);
    }

    @Override
    public TableStatistics statistics(String table) {
        Table result = added.get(table);
        if (result == null) {
            return tables.statistics(table);
        }
        List<ColumnStatistics> unknown = new ArrayList<>();
        for (Field ignored : result.schema().fields()) {
            unknown.add(new ColumnStatistics(0, -1, null, null));
        }
        return new TableStatistics(result.rowCount(), unknown, List.of());
    }

    @Override
    public Table table(String table) {
        Table result = added.get(table);
        return result != null ? result : tables.table(table);
    }
}
