package dev.forge.engine.catalog;

import dev.forge.columnar.Schema;
import dev.forge.columnar.Table;
import dev.forge.columnar.catalog.CatalogTable;
import dev.forge.columnar.catalog.FolderCatalog;
import dev.forge.plan.TableCatalog;
import dev.forge.plan.TableStatistics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tables a Forge instance can query: those of data folders and single files (through columnar's
 * {@link FolderCatalog}, with its {@code .forge} cache), loaded at first use, and in-memory tables the caller lends.
 * Names are lower case and unique across all sources. Statistics are exact and computed once per table.
 */
public final class ForgeCatalog implements TableCatalog, AutoCloseable {
    private final Map<String, CatalogEntry> entries;

    private ForgeCatalog(Map<String, CatalogEntry> entries) {
        this.entries = entries;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The tables of these folders, or of single data files. */
    public static ForgeCatalog open(List<Path> paths) throws IOException {
        Builder builder = builder();
        for (Path path : paths) {
            builder.path(path);
        }
        return builder.build();
    }

    /** In-memory tables; the caller keeps ownership and keeps them open while the catalog is used. */
    public static ForgeCatalog of(Map<String, Table> tables) {
        Builder builder = builder();
        tables.forEach(builder::table);
        try {
            return builder.build();
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /**
     * How many times the tables (their set, schemas or statistics) changed since the catalog was built: always 0 today,
     * because a ForgeCatalog's tables are fixed when it is built (a folder table's files are read once, at first use).
     * Cached plans are keyed on it ({@code PlanCache}), so a catalog that learns to add or replace tables must count
     * each change here.
     */
    public long version() {
        return 0;
    }

    @Override
    public List<String> tableNames() {
        return List.copyOf(entries.keySet());
    }

    @Override
    public Schema schema(String table) {
        return entry(table).schema();
    }

    @Override
    public TableStatistics statistics(String table) {
        return entry(table).statistics();
    }

    @Override
    public Table table(String table) {
        return entry(table).table();
    }

    /** Whether the table's data is in memory yet (folder tables load at first use). */
    public boolean isLoaded(String table) {
        return entry(table).isLoaded();
    }

    private CatalogEntry entry(String name) {
        CatalogEntry entry = entries.get(name.toLowerCase(Locale.ROOT));
        if (entry == null) {
            throw new IllegalArgumentException("no table '" + name + "'; the tables are "
                    + (entries.isEmpty() ? "none" : String.join(", ", entries.keySet())));
        }
        return entry;
    }

    /** Closes the tables this catalog loaded; borrowed in-memory tables stay with their owner. */
    @Override
    public void close() {
        entries.values().forEach(CatalogEntry::close);
    }

    /** Collects folders, files and in-memory tables; a name that two sources both provide is an error. */
    public static final class Builder {
        private final Map<String, CatalogEntry> entries = new TreeMap<>();
        private final List<Path> paths = new ArrayList<>();

        private Builder() {
        }

        /** A folder (each data file or sub-folder a table) or one data file (one table). */
        public Builder path(Path path) {
            paths.add(path);
            return this;
        }

        /** An in-memory table under {@code name} (lower-cased); the caller keeps ownership. */
        public Builder table(String name, Table table) {
            add(CatalogEntry.borrowed(name.toLowerCase(Locale.ROOT), table));
            return this;
        }

        public ForgeCatalog build() throws IOException {
            for (Path path : paths) {
                if (Files.isDirectory(path)) {
                    FolderCatalog folder = FolderCatalog.scan(path);
                    for (CatalogTable table : folder.tables()) {
                        add(CatalogEntry.inFolder(table.name(), folder));
                    }
                } else if (Files.isRegularFile(path)) {
                    addFile(path);
                } else {
                    throw new IOException(path + " is neither a folder nor a file");
                }
            }
            return new ForgeCatalog(new TreeMap<>(entries));
        }

        private void addFile(Path file) throws IOException {
            Path parent = file.toAbsolutePath().getParent();
            FolderCatalog folder = FolderCatalog.scan(parent);
            for (CatalogTable table : folder.tables()) {
                for (Path source : table.sources()) {
                    if (Files.isSameFile(source, file)) {
                        add(CatalogEntry.inFolder(table.name(), folder));
                        return;
                    }
                }
            }
            throw new IOException(file + " is not a data file Forge reads (CSV, TSV, .tbl, NDJSON, Parquet, .forge)");
        }

        private void add(CatalogEntry entry) {
            CatalogEntry clash = entries.putIfAbsent(entry.name(), entry);
            if (clash != null) {
                throw new IllegalArgumentException("two sources provide a table named '" + entry.name() + "': "
                        + clash.origin() + " and " + entry.origin() + "; rename one of them");
            }
        }
    }
}
