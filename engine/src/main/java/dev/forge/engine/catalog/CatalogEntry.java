package dev.forge.engine.catalog;

import dev.forge.columnar.Schema;
import dev.forge.columnar.Table;
import dev.forge.columnar.catalog.FolderCatalog;
import dev.forge.columnar.io.ProgressListener;
import dev.forge.engine.statistics.TableStatisticsCalculator;
import dev.forge.plan.QueryException;
import dev.forge.plan.TableStatistics;
import java.io.IOException;

/**
 * One table of a {@link ForgeCatalog}: where it comes from, its data once loaded (folder tables load at first use)
 * and its statistics once computed. Loading and computing happen once, under this entry's lock, so concurrent first
 * uses wait for one load rather than doing it twice.
 */
final class CatalogEntry implements AutoCloseable {
    private final String name;
    private final FolderCatalog folder;
    private final boolean owned;
    private Table table;
    private TableStatistics statistics;
    private boolean closed;

    private CatalogEntry(String name, FolderCatalog folder, Table table, boolean owned) {
        this.name = name;
        this.folder = folder;
        this.table = table;
        this.owned = owned;
    }

    static CatalogEntry inFolder(String name, FolderCatalog folder) {
        return new CatalogEntry(name, folder, null, true);
    }

    /** A table the caller owns and keeps open while the catalog is used. */
    static CatalogEntry borrowed(String name, Table table) {
        return new CatalogEntry(name, null, table, false);
    }

    String name() {
        return name;
    }

    /** Where the table comes from, for messages. */
    String origin() {
        return folder == null ? "memory" : folder.folder().toString();
    }

    synchronized boolean isLoaded() {
        return table != null;
    }

    synchronized Table table() {
        if (closed) {
            throw new IllegalStateException("table '" + name + "' belongs to a closed catalog");
        }
        if (table == null) {
            try {
                table = folder.load(name, ProgressListener.NONE);
            } catch (IOException | RuntimeException failed) {
                throw new QueryException("cannot load table '" + name + "' from " + folder.folder() + ": "
                        + failed.getMessage(), failed);
            }
        }
        return table;
    }

    Schema schema() {
        return table().schema();
    }

    synchronized TableStatistics statistics() {
        if (statistics == null) {
            statistics = TableStatisticsCalculator.compute(table());
        }
        return statistics;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (owned && table != null) {
            table.close();
        }
        table = null;
    }
}
