package dev.forge.bench.experiments;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Data that several trials of one suite run use (the SQL experiments' tables, loaded once into Forge and DuckDB per
 * size), made on first use and closed when the run ends.
 */
public final class SharedData implements AutoCloseable {
    private final Map<String, AutoCloseable> entries = new LinkedHashMap<>();

    public <T extends AutoCloseable> T get(String key, Class<T> type, Supplier<T> create) {
        AutoCloseable entry = entries.get(key);
        if (entry == null) {
            entry = create.get();
            entries.put(key, entry);
        }
        return type.cast(entry);
    }

    @Override
    public void close() {
        List<AutoCloseable> closing = new ArrayList<>(entries.values());
        entries.clear();
        RuntimeException failure = null;
        for (AutoCloseable entry : closing.reversed()) {
            try {
                entry.close();
            } catch (Exception failed) {
                if (failure == null) {
                    failure = new IllegalStateException("closing shared benchmark data failed: " + failed.getMessage(),
                            failed);
                } else {
                    failure.addSuppressed(failed);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
