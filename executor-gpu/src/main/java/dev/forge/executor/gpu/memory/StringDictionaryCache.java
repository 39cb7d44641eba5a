package dev.forge.executor.gpu.memory;

import dev.forge.columnar.Column;
import dev.forge.columnar.ColumnBuilder;
import dev.forge.columnar.ColumnView;
import dev.forge.columnar.DataType;
import dev.forge.columnar.StringLayout;
import java.util.function.Consumer;

/**
 * Dictionary-encoded copies of plain (offsets + bytes) VARCHAR columns, made on the host the first time a GPU query
 * reads one: the GPU compares, groups and matches strings as codes into a sorted dictionary, which the loaders only
 * build for columns whose values repeat. Keyed by the plain column object, so a reloaded table is encoded again; least
 * recently used copies are closed when the cache holds more than its byte budget, never one the current query uses
 * (see {@link QueryPinnedCache}).
 */
public final class StringDictionaryCache implements AutoCloseable {
    private final QueryPinnedCache<Column, Column> encoded;

    public StringDictionaryCache(long budgetBytes) {
        this.encoded = new QueryPinnedCache<>(budgetBytes, StringDictionaryCache::bytesOf, Column::close);
    }

    /** The dictionary-encoded copy of {@code plain} (itself when it already is one), kept until {@link #releaseAll}. */
    public Column dictionaryEncoded(Column plain) {
        if (!(plain.type() instanceof DataType.Varchar) || plain.view().stringLayout() == StringLayout.DICTIONARY) {
            return plain;
        }
        return encoded.get(plain, column -> {
            Column copy = encode(column.view());
            copy.markCached(); // held across queries on purpose, closed when evicted or when the executor closes
            return copy;
        });
    }

    /**
     * Closes the copy of {@code plain}, if there is one, after {@code beforeClose} has seen it (so the device cache can
     * forget it first): for columns that live only as long as a query (a stage's result).
     */
    public void forget(Column plain, Consumer<Column> beforeClose) {
        encoded.remove(plain, beforeClose);
    }

    /** Ends the current query's claim on its copies: they may be closed again. */
    public void releaseAll() {
        encoded.releaseAll();
    }

    public long heldBytes() {
        return encoded.heldBytes();
    }

    public int heldColumns() {
        return encoded.size();
    }

    /**
     * The VARCHAR values of {@code view} as a new dictionary column, built with the loaders' own dictionary builder:
     * sorted by UTF-8 bytes, so codes order like the strings.
     */
    public static Column encode(ColumnView view) {
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

    private static long bytesOf(Column column) {
        ColumnView view = column.view();
        ColumnView dictionary = view.dictionary();
        long bytes = view.values().byteSize() + (view.validity() == null ? 0 : view.validity().byteSize());
        return bytes + dictionary.values().byteSize() + dictionary.bytes().byteSize();
    }

    @Override
    public void close() {
        encoded.close();
    }
}
