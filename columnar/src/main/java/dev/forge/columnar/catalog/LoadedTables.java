package dev.forge.columnar.catalog;

import dev.forge.columnar.Table;
import java.util.Map;

/** The tables of a loaded folder by name; closing it closes them all. */
public record LoadedTables(Map<String, Table> tables) implements AutoCloseable {
    public LoadedTables {
        tables = Map.copyOf(tables);
    }

    public Table table(String name) {
        Table table = tables.get(name);
        if (table == null) {
            throw new IllegalArgumentException("no table '" + name + "'; loaded are " + tables.keySet());
        }
        return table;
    }

    @Override
    public void close() {
        tables.values().forEach(Table::close);
    }
}
