package dev.forge.executor.gpu.memory;

import dev.forge.columnar.Column;
import dev.forge.columnar.ColumnBuilder;
import dev.forge.columnar.ColumnView;
import dev.forge.columnar.DataType;
import dev.forge.columnar.StringLayout;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Dictionary-encoded copies of plain (offsets + bytes) VARCHAR columns, made on the host the first time a GPU query
 * reads one: the GPU compares, groups and matches strings as codes into a sorted dictionary, which the loaders only
 * build for columns whose values repeat. Keyed by the plain column object, so a reloaded table is encoded again; least
 * recently used copies are closed when the cache holds more than its byte budget, never one the current query uses.
 * Not thread-safe: the GPU executor runs one query at a time.
 */
public final class StringDictionaryCache implements AutoCloseable {
    private final long budgetBytes;
    private final Map<Column, Column> encoded = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<Column, Boolean> inUse = new IdentityHashMap<>();
    private long heldBytes;

    public StringDictionaryCache(long budgetBytes) {
        this.budgetBytes = budgetBytes;
    }

    /** The dictionary-encoded copy of {@code plain} (itself when it already is one), kept until {@link #releaseAll}. */
    public Column dictionaryEncoded(Column plain) {
        if (!(plain.type() instanceof DataType.Varchar) || plain.view().stringLayout() == StringLayout.DICTIONARY) {
            return plain;
        }
        inUse.put(plain, Boolean.TRUE);
        Column known = encoded.get(plain);
        if (known != null) {
            return known;
        }
        Column copy = encode(plain);
        copy.markCached(); // held across queries on purpose, closed when evicted or when the executor closes
        encoded.put(plain, copy);
        heldBytes += bytesOf(copy);
        evictOverBudget();
        return copy;
    }

    /**
     * Closes the copy of {@code plain}, if there is one, after {@code beforeClose} has seen it (so the device cache can
     * forget it first): for columns that live only as long as a query (a stage's result).
     */
    public void forget(Column plain, Consumer<Column> beforeClose) {
        inUse.remove(plain);
        Column copy = encoded.remove(plain);
        if (copy != null) {
            heldBytes -= bytesOf(copy);
            try {
                beforeClose.accept(copy);
            } finally {
                copy.close();
            }
        }
    }

    /** Ends the current query's claim on its copies: they may be closed again. */
    public void releaseAll() {
        inUse.clear();
        evictOverBudget();
    }

    public long heldBytes() {
        return heldBytes;
    }

    public int heldColumns() {
        return encoded.size();
    }

    /** Encodes with the loaders' own dictionary builder: sorted by UTF-8 bytes, so codes order like the strings. */
    static Column encode(Column plain) {
        ColumnView view = plain.view();
        try (ColumnBuilder builder = ColumnBuilder.of(DataType.VARCHAR, view.length())
                .stringLayout(StringLayout.DICTIONARY)) {
            for (long row = 0; row < view.length(); row++) {
                if (view.isNull(row)) {
                    builder.appendNull();
                } else {
                    builder.appendString(view.getString(row));
                }
            }
            return builder.build();
        }
    }

    private void evictOverBudget() {
        Iterator<Map.Entry<Column, Column>> entries = encoded.entrySet().iterator();
        while (heldBytes > budgetBytes && entries.hasNext()) {
            Map.Entry<Column, Column> eldest = entries.next();
            if (!inUse.containsKey(eldest.getKey())) {
                heldBytes -= bytesOf(eldest.getValue());
                eldest.getValue().close();
                entries.remove();
            }
        }
    }

    private static long bytesOf(Column column) {
        ColumnView view = column.view();
        ColumnView dictionary = view.dictionary();
        long bytes = view.values().byteSize() + (view.validity() == null ? 0 : view.validity().byteSize());
        return bytes + dictionary.values().byteSize() + dictionary.bytes().byteSize();
    }

    @Override
    public void close() {
        List<Column> all = new ArrayList<>(encoded.values());
        encoded.clear();
        inUse.clear();
        heldBytes = 0;
        all.forEach(Column::close);
    }
}
