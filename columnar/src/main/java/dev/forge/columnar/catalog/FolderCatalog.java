package dev.forge.columnar.catalog;

import dev.forge.columnar.Schema;
import dev.forge.columnar.Table;
import dev.forge.columnar.Concatenation;
import dev.forge.columnar.file.ForgeFile;
import dev.forge.columnar.file.ForgeFileWriter;
import dev.forge.columnar.io.BadRowPolicy;
import dev.forge.columnar.io.DelimitedReader;
import dev.forge.columnar.io.NdjsonReader;
import dev.forge.columnar.io.ParquetTableReader;
import dev.forge.columnar.io.ProgressListener;
import dev.forge.columnar.io.ReadResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The tables of a folder: each data file is a table named by its lower-cased file stem, and each sub-folder of data
 * files of one format a table named by the folder. Tables read from text or Parquet are cached as {@code .forge}
 * files in {@code .forge-cache/} inside the folder, beside a stamp of the sources' sizes and modification times;
 * while the stamp matches, loading reads the cache only. Hidden files and unknown formats are ignored. Header-less
 * {@code .tbl} files of a TPC-H or SSB folder get the benchmark's column names and types ({@link BenchmarkSchemas}).
 */
public final class FolderCatalog {
    /** The cache's folder name inside the data folder. */
    public static final String CACHE_FOLDER = ".forge-cache";

    private final Path folder;
    private final Map<String, CatalogTable> tables;
    private final BadRowPolicy badRows;

    private FolderCatalog(Path folder, Map<String, CatalogTable> tables, BadRowPolicy badRows) {
        this.folder = folder;
        this.tables = tables;
        this.badRows = badRows;
    }

    /** Lists the folder's tables without reading them. */
    public static FolderCatalog scan(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException(folder + " is not a folder");
        }
        Map<String, CatalogTable> tables = new TreeMap<>();
        for (Path entry : sorted(folder)) {
            String fileName = entry.getFileName().toString();
            if (fileName.startsWith(".")) {
                continue;
            }
            Optional<CatalogTable> table = Files.isDirectory(entry) ? partitioned(entry) : single(entry);
            if (table.isPresent()) {
                CatalogTable found = table.get();
                CatalogTable clash = tables.putIfAbsent(found.name(), found);
                if (clash != null) {
                    throw new IOException("two files in " + folder + " make a table named '" + found.name() + "': "
                            + clash.sources().getFirst().getFileName() + " and " + entry.getFileName()
                            + "; rename one of them");
                }
            }
        }
        return new FolderCatalog(folder, tables, BadRowPolicy.FAIL);
    }

    public FolderCatalog badRows(BadRowPolicy policy) {
        return new FolderCatalog(folder, tables, policy);
    }

    private static List<Path> sorted(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.sorted(Comparator.comparing(path -> path.getFileName().toString())).toList();
        }
    }

    private static Optional<CatalogTable> single(Path file) throws IOException {
        return FileFormat.detect(file).map(format -> new CatalogTable(stem(file), format, List.of(file)));
    }

    private static Optional<CatalogTable> partitioned(Path directory) throws IOException {
        List<Path> files = new ArrayList<>();
        FileFormat format = null;
        for (Path file : sorted(directory)) {
            if (file.getFileName().toString().startsWith(".") || !Files.isRegularFile(file)) {
                continue;
            }
            Optional<FileFormat> detected = FileFormat.detect(file);
            if (detected.isEmpty()) {
                continue;
            }
            if (format != null && detected.get() != format) {
                throw new IOException(directory + " mixes " + format + " and " + detected.get() + " files ("
                        + file.getFileName() + "): a table folder holds files of one format");
            }
            format = detected.get();
            files.add(file);
        }
        if (files.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CatalogTable(directory.getFileName().toString().toLowerCase(Locale.ROOT), format, files));
    }

    /** {@code LineItem.tbl -> lineitem}, {@code orders.2024.csv -> orders.2024}. */
    static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return (dot > 0 ? name.substring(0, dot) : name).toLowerCase(Locale.ROOT);
    }

    public Path folder() {
        return folder;
    }

    public List<CatalogTable> tables() {
        return List.copyOf(tables.values());
    }

    public CatalogTable table(String name) {
        CatalogTable table = tables.get(name.toLowerCase(Locale.ROOT));
        if (table == null) {
            throw new IllegalArgumentException("no table '" + name + "' in " + folder + "; it has " + tables.keySet());
        }
        return table;
    }

    /** Source bytes of a table: the unit {@link #load} reports progress in. */
    public long sourceBytes(String name) throws IOException {
        long bytes = 0;
        for (Path source : table(name).sources()) {
            bytes += Files.size(source);
        }
        return bytes;
    }

    /** Whether {@link #load} would read the table from a valid {@code .forge} cache. */
    public boolean isCached(String name) throws IOException {
        CatalogTable table = table(name);
        return table.format().cacheable() && Files.isRegularFile(cacheFile(table)) && Files.isRegularFile(stampFile(table))
                && Files.readString(stampFile(table)).equals(CacheStamp.of(table.sources(), badRows).text());
    }

    /** Reads a table (from the cache when valid, else from its sources, then caches it); the caller owns it. */
    public Table load(String name, ProgressListener progress) throws IOException {
        CatalogTable table = table(name);
        long total = sourceBytes(name);
        if (isCached(name)) {
            try (ForgeFile cached = ForgeFile.open(cacheFile(table))) {
                Table loaded = cached.readTable();
                progress.update(table.name(), total, total);
                return loaded;
            }
        }
        CacheStamp stamp = table.format().cacheable() ? CacheStamp.of(table.sources(), badRows) : null;
        Table loaded = readSources(table, progress, total);
        if (stamp != null) {
            // the cache write takes a while and reports no steps of its own: say that it is happening
            progress.update(table.name() + " (writing .forge cache)", total, total);
            try {
                writeCache(table, loaded, stamp);
            } catch (IOException | RuntimeException failed) {
                loaded.close();
                throw failed;
            }
        }
        return loaded;
    }

    /** Every table (tables are kept in name order); the caller closes the result, which closes the tables. */
    public LoadedTables loadAll(ProgressListener progress) throws IOException {
        long total = 0;
        for (CatalogTable table : tables.values()) {
            total += sourceBytes(table.name());
        }
        long overallTotal = total;
        long[] before = {0};
        Map<String, Table> loaded = new LinkedHashMap<>();
        try {
            for (CatalogTable table : tables.values()) {
                long start = before[0];
                loaded.put(table.name(), load(table.name(),
                        (task, done, ignored) -> progress.update(task, start + done, overallTotal)));
                before[0] += sourceBytes(table.name());
            }
        } catch (IOException | RuntimeException failed) {
            loaded.values().forEach(Table::close);
            throw failed;
        }
        return new LoadedTables(loaded);
    }

    private Table readSources(CatalogTable table, ProgressListener progress, long total) throws IOException {
        List<Table> parts = new ArrayList<>();
        Schema schema = null;
        long before = 0;
        try {
            for (Path source : table.sources()) {
                long start = before;
                ProgressListener shifted = (task, done, ignored) -> progress.update(table.name(), start + done, total);
                Schema known = schema != null || table.format() != FileFormat.TBL ? schema
                        : BenchmarkSchemas.forTable(tables.keySet(), table.name()).orElse(null);
                Table part = readSource(table.format(), source, known, shifted);
                parts.add(part);
                if (schema == null) {
                    schema = part.schema();
                } else if (!schema.equals(part.schema())) {
                    throw new IOException(source + " has schema " + part.schema() + " but " + table.sources().getFirst()
                            + " of the same table has " + schema);
                }
                before += Files.size(source);
                progress.update(table.name(), before, total);
            }
            if (parts.size() == 1) {
                return parts.removeFirst();
            }
            return Concatenation.tables(schema, parts);
        } finally {
            parts.forEach(Table::close);
        }
    }

    /** One file; later files of a table folder are read with the schema inferred from the first. */
    private Table readSource(FileFormat format, Path source, Schema schema, ProgressListener progress) throws IOException {
        return switch (format) {
            case FORGE -> {
                try (ForgeFile file = ForgeFile.open(source)) {
                    yield file.readTable();
                }
            }
            case PARQUET -> ParquetTableReader.read(source);
            case NDJSON -> {
                NdjsonReader reader = NdjsonReader.create().badRows(badRows);
                yield unwrap(schema == null ? reader.read(source) : reader.schema(schema).read(source));
            }
            case CSV, TSV, TBL -> {
                DelimitedReader reader = DelimitedReader.of(format.delimited()).badRows(badRows).progress(progress);
                yield unwrap(schema == null ? reader.read(source) : reader.schema(schema).read(source));
            }
        };
    }

    private static Table unwrap(ReadResult result) {
        return result.table();
    }

    private Path cacheFile(CatalogTable table) {
        return folder.resolve(CACHE_FOLDER).resolve(table.name() + ".forge");
    }

    private Path stampFile(CatalogTable table) {
        return folder.resolve(CACHE_FOLDER).resolve(table.name() + ".stamp");
    }

    /** Writes the cache, then its stamp; a folder that cannot be written to just goes without a cache. */
    private void writeCache(CatalogTable table, Table loaded, CacheStamp stamp) throws IOException {
        Path cacheFolder = folder.resolve(CACHE_FOLDER);
        try {
            Files.createDirectories(cacheFolder);
            if (!Files.isWritable(cacheFolder)) {
                return;
            }
        } catch (IOException unwritable) {
            return;
        }
        Files.deleteIfExists(stampFile(table));
        ForgeFileWriter.withDefaults().write(loaded, cacheFile(table));
        Path temporary = Files.createTempFile(cacheFolder, "." + table.name(), ".stamp.partial");
        try {
            Files.writeString(temporary, stamp.text(), StandardCharsets.UTF_8);
            try {
                Files.move(temporary, stampFile(table), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException notAtomic) {
                Files.move(temporary, stampFile(table), StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
