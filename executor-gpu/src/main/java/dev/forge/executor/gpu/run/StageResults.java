package dev.forge.executor.gpu.run;

import dev.forge.columnar.Column;
import dev.forge.columnar.Table;
import dev.forge.executor.gpu.memory.DeviceTableCache;
import dev.forge.executor.gpu.memory.StringDictionaryCache;
import dev.forge.executor.gpu.pipeline.Stage;
import dev.forge.plan.TableCatalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The results of a GPU plan's stages while the query runs: host tables that later stages scan (their columns are
 * uploaded to the device like any table's) or bind as scalar rows. Owned here; closing forgets their device copies,
 * dictionary-encoded copies and derived dictionaries at once, rather than leaving them to LRU eviction, and closes
 * them.
 */
public final class StageResults implements AutoCloseable {
    private final DeviceTableCache cache;
    private final StringDictionaryCache dictionaries;
    private final StringDictionaries derived;
    private final Map<String, Table> tables = new LinkedHashMap<>();

    public StageResults(DeviceTableCache cache, StringDictionaryCache dictionaries, StringDictionaries derived) {
        this.cache = cache;
        this.dictionaries = dictionaries;
        this.derived = derived;
    }

    /** Keeps {@code result} (now owned here) as {@code stage}'s table for the stages after it. */
    public void add(Stage stage, Table result) {
        if (tables.putIfAbsent(stage.tableName(), result) != null) {
            result.close();
            throw new IllegalStateException(stage.tableName() + " ran twice");
        }
    }

    /** {@code catalog} plus the results so far. */
    public TableCatalog catalog(TableCatalog catalog) {
        return OverlayCatalog.of(catalog, tables);
    }

    @Override
    public void close() {
        List<Table> all = new ArrayList<>(tables.values());
        tables.clear();
        for (Table table : all) {
            try {
                for (Column column : table.columns()) {
                    cache.forget(column);
                    derived.forget(column);
                    dictionaries.forget(column, copy -> {
                        cache.forget(copy);
                        derived.forget(copy);
                    });
                }
            } finally {
                table.close();
            }
        }
    }
}
