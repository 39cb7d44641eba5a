package dev.forge.bench.load;

import dev.forge.bench.experiments.MachineDescription;
import dev.forge.bench.experiments.Statistics;
import dev.forge.bench.load.LoadStep.ByteBasis;
import dev.forge.columnar.Column;
import dev.forge.columnar.ColumnView;
import dev.forge.columnar.Schema;
import dev.forge.columnar.Table;
import dev.forge.columnar.catalog.FolderCatalog;
import dev.forge.columnar.file.ForgeFile;
import dev.forge.columnar.file.ForgeFileWriter;
import dev.forge.columnar.generate.TpchGenerator;
import dev.forge.columnar.io.DelimitedFormat;
import dev.forge.columnar.io.DelimitedReader;
import dev.forge.columnar.io.ProgressListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Issue 4's loading measurement: TPC-H {@code lineitem} from a {@code .tbl} file (generated, or given) parsed on every
 * core through the path a user's folder takes, its {@code .forge} cache written, and the cache opened again as a
 * second start of Forge finds it, each step timed as the median of a few runs, next to the ceilings of the same
 * machine in the same run (a sequential read of the {@code .forge} file, and a memory copy).
 *
 * <p>Everything happens in a work folder: {@code lineitem.tbl} (generated there, or a link to the given file), the
 * catalog's {@code .forge-cache/}, and {@code .load-bench/}, where the writer is timed on its own. Page-cache state:
 * warm throughout (the files were just written or read); cold figures would need dropping the cache, which needs
 * root.
 */
public final class LoadBenchmark {
    static final String TABLE = "lineitem";
    static final String STEP_GENERATE = "generate .tbl";
    static final String STEP_PARSE = "parse .tbl";
    static final String STEP_WRITE = "write .forge";
    static final String STEP_FIRST_START = "first start";
    static final String STEP_OPEN = "open .forge";
    static final String STEP_VERIFY = "verify checksums";
    static final String STEP_DECODE = "decode every chunk";
    static final String STEP_SECOND_START = "second start";
    static final String STEP_FILE_READ = "ceiling: file read";
    static final String STEP_FRESH_MEMORY = "ceiling: fresh memory";
    static final String STEP_COPY_ONE = "ceiling: memory copy, 1 thread";
    static final String STEP_COPY_ALL = "ceiling: memory copy, all threads";
    /** The steps that read the {@code .forge} file back, which the report sets against the ceilings. */
    static final List<String> RE_OPEN_STEPS = List.of(STEP_VERIFY, STEP_DECODE, STEP_SECOND_START);

    /**
     * What to measure: the given {@code .tbl} file, or TPC-H {@code lineitem} generated at {@code scaleFactor} (when
     * {@code tbl} is null); the work folder; timed runs per step; bytes of each memory-copy segment.
     */
    public record Settings(Path tbl, double scaleFactor, Path workFolder, int runs, long copyBytes) {
        public Settings {
            if (tbl == null && !(scaleFactor > 0)) {
                throw new IllegalArgumentException("the scale factor must be positive, got " + scaleFactor);
            }
            if (runs < 1) {
                throw new IllegalArgumentException("each step needs at least one timed run, got " + runs);
            }
            if (copyBytes < 1 << 20) {
                throw new IllegalArgumentException("the memory copy needs at least 1 MiB, got " + copyBytes + " bytes");
            }
        }
    }

    private final Settings settings;
    private final Consumer<String> progress;
    private final int threads = Runtime.getRuntime().availableProcessors();

    /** {@code progress} receives one line per run (for standard error). */
    public LoadBenchmark(Settings settings, Consumer<String> progress) {
        this.settings = settings;
        this.progress = progress;
    }

    public LoadReport run(String command) throws IOException {
        String loadBefore = loadAverage();
        Path folder = settings.workFolder();
        Files.createDirectories(folder);
        Path tbl = folder.resolve(TABLE + ".tbl");
        List<LoadStep> steps = new ArrayList<>();
        long generatedRows = -1;
        if (settings.tbl() == null) {
            LoadStep generate = generate(tbl);
            steps.add(generate);
            generatedRows = generate.rows();
        } else {
            linkGiven(settings.tbl(), tbl);
        }
        long tblBytes = Files.size(tbl);
        Schema schema = new TpchGenerator(1, 1, ProgressListener.NONE).schema(TABLE);

        Path written = folder.resolve(".load-bench").resolve(TABLE + ".forge");
        Files.createDirectories(written.getParent());
        long rows;
        long decodedBytes;
        try (Table parsed = parse(tbl, tblBytes, schema, steps)) {
            rows = parsed.rowCount();
            if (generatedRows >= 0 && rows != generatedRows) {
                throw new IllegalStateException("parsed " + rows + " rows from " + tbl + " but generated " + generatedRows);
            }
            decodedBytes = tableBytes(parsed);
            steps.add(timed(STEP_WRITE, "ForgeFileWriter.withDefaults().write of the parsed table", ByteBasis.FORGE_FILE,
                    () -> {
                        ForgeFileWriter.withDefaults().write(parsed, written);
                        return new Outcome(Files.size(written), rows);
                    }));
        }
        long forgeBytes = Files.size(written);

        Path cache = folder.resolve(FolderCatalog.CACHE_FOLDER).resolve(TABLE + ".forge");
        steps.add(timed(STEP_FIRST_START, "FolderCatalog.scan + load, no cache: parse, then write the .forge cache",
                ByteBasis.TBL_TEXT, () -> {
                    deleteRecursively(cache.getParent());
                    FolderCatalog catalog = FolderCatalog.scan(folder);
                    requireCached(catalog, false);
                    try (Table loaded = catalog.load(TABLE, ProgressListener.NONE)) {
                        return new Outcome(tblBytes, requireRows(loaded.rowCount(), rows, STEP_FIRST_START));
                    }
                }));
        long mismatch = Files.mismatch(written, cache);
        if (mismatch != -1) {
            throw new IllegalStateException("the catalog's cache " + cache + " differs from the file the writer made from"
                    + " the same table (" + written + ") at byte " + mismatch);
        }
        Files.delete(written);

        steps.add(timed(STEP_OPEN, "ForgeFile.open + close: mmap, header, trailer and footer checks", ByteBasis.NONE,
                () -> {
                    try (ForgeFile file = ForgeFile.open(cache)) {
                        return new Outcome(0, requireRows(file.rowCount(), rows, STEP_OPEN));
                    }
                }));
        steps.add(timed(STEP_VERIFY, "ForgeFile.open + verify: the CRC32C of every chunk", ByteBasis.FORGE_FILE,
                () -> {
                    try (ForgeFile file = ForgeFile.open(cache)) {
                        file.verify();
                        return new Outcome(forgeBytes, 0);
                    }
                }));
        steps.add(timed(STEP_DECODE, String.format(Locale.ROOT, "ForgeFile.open + readTable: every chunk checked and"
                + " decoded into owned columns (%.1f MB of them)", decodedBytes / 1e6), ByteBasis.FORGE_FILE, () -> {
                    try (ForgeFile file = ForgeFile.open(cache); Table table = file.readTable()) {
                        requireDecodedBytes(tableBytes(table), decodedBytes);
                        return new Outcome(forgeBytes, requireRows(table.rowCount(), rows, STEP_DECODE));
                    }
                }));
        steps.add(timed(STEP_SECOND_START, "FolderCatalog.scan + load with a valid cache (stamp check, open, decode)",
                ByteBasis.FORGE_FILE, () -> {
                    FolderCatalog catalog = FolderCatalog.scan(folder);
                    requireCached(catalog, true);
                    try (Table loaded = catalog.load(TABLE, ProgressListener.NONE)) {
                        return new Outcome(forgeBytes, requireRows(loaded.rowCount(), rows, STEP_SECOND_START));
                    }
                }));
        steps.add(timed(STEP_FILE_READ, "FileChannel.read of the .forge file into a reused 1 MiB direct buffer",
                ByteBasis.FORGE_FILE, () -> new Outcome(ReadCeilings.readSequentially(cache), 0)));
        steps.add(timed(STEP_FRESH_MEMORY, "HostBuffer.allocate + close of the decoded columns' size, one buffer per"
                + " thread (" + threads + "): page faults and zeroing, the floor under any decode into new columns",
                ByteBasis.ALLOCATED, () -> new Outcome(ReadCeilings.allocateFresh(decodedBytes, threads), 0)));
        try (ReadCeilings.MemoryCopy copy = new ReadCeilings.MemoryCopy(settings.copyBytes(), threads)) {
            String size = String.format(Locale.ROOT, "%.0f MiB", copy.bytes() / 1048576.0);
            steps.add(timed(STEP_COPY_ONE, "MemorySegment.copy of " + size + " off-heap", ByteBasis.COPIED, () -> {
                copy.copy(1);
                return new Outcome(copy.bytes(), 0);
            }));
            steps.add(timed(STEP_COPY_ALL, "MemorySegment.copy of " + size + " off-heap, one slice per thread ("
                    + threads + ")", ByteBasis.COPIED, () -> {
                        copy.copy(threads);
                        return new Outcome(copy.bytes(), 0);
                    }));
            copy.checkCopied();
        }
        String source = settings.tbl() == null
                ? "TPC-H lineitem generated at SF " + formatScaleFactor(settings.scaleFactor())
                : settings.tbl().toAbsolutePath().toString();
        return new LoadReport(MachineDescription.describe(null), command, source, settings.runs(), threads, rows,
                tblBytes, forgeBytes, decodedBytes, steps, loadBefore, loadAverage());
    }

    private LoadStep generate(Path tbl) throws IOException {
        AtomicLong rows = new AtomicLong();
        TpchGenerator generator = new TpchGenerator(settings.scaleFactor(), threads,
                (task, done, total) -> rows.accumulateAndGet(done, Math::max));
        progress.accept(STEP_GENERATE + ": SF " + formatScaleFactor(settings.scaleFactor()) + " into " + tbl);
        long started = System.nanoTime();
        generator.writeTbl(TABLE, tbl);
        double seconds = (System.nanoTime() - started) / 1e9;
        progress.accept(String.format(Locale.ROOT, "%s: %.2f s, %d rows", STEP_GENERATE, seconds, rows.get()));
        return new LoadStep(STEP_GENERATE, "TpchGenerator.writeTbl on " + threads + " threads (1 run)",
                Statistics.of(new double[] {seconds}), seconds, Files.size(tbl), ByteBasis.TBL_TEXT, rows.get());
    }

    /** Times the parse; returns the last run's table, which the caller owns. */
    private Table parse(Path tbl, long tblBytes, Schema schema, List<LoadStep> steps) throws IOException {
        // the reader and options FolderCatalog uses for a header-less .tbl of a TPC-H folder
        DelimitedReader reader = DelimitedReader.of(DelimitedFormat.tbl()).schema(schema);
        Table[] last = {null};
        try {
            steps.add(timed(STEP_PARSE, "DelimitedReader with the lineitem schema, " + threads + " threads",
                    ByteBasis.TBL_TEXT, () -> {
                        if (last[0] != null) {
                            last[0].close();
                            last[0] = null;
                        }
                        last[0] = reader.read(tbl).table();
                        return new Outcome(tblBytes, last[0].rowCount());
                    }));
            return last[0];
        } catch (IOException | RuntimeException failed) {
            if (last[0] != null) {
                last[0].close();
            }
            throw failed;
        }
    }

    private record Outcome(long bytes, long rows) {
    }

    @FunctionalInterface
    private interface Run {
        Outcome once() throws IOException;
    }

    private LoadStep timed(String name, String description, ByteBasis basis, Run run) throws IOException {
        double[] seconds = new double[settings.runs()];
        Outcome outcome = null;
        for (int i = 0; i < seconds.length; i++) {
            long started = System.nanoTime();
            outcome = run.once();
            seconds[i] = (System.nanoTime() - started) / 1e9;
            progress.accept(String.format(Locale.ROOT, "%s %d/%d: %.4f s%s", name, i + 1, seconds.length, seconds[i],
                    basis == ByteBasis.NONE ? "" : String.format(Locale.ROOT, " (%.0f MB/s)",
                            outcome.bytes() / 1e6 / seconds[i])));
        }
        return new LoadStep(name, description, Statistics.of(seconds), seconds[0], outcome.bytes(), basis,
                outcome.rows());
    }

    private static long requireRows(long actual, long expected, String step) {
        if (actual != expected) {
            throw new IllegalStateException(step + " gave " + actual + " rows, but parsing the .tbl gave " + expected);
        }
        return actual;
    }

    private static void requireDecodedBytes(long actual, long expected) {
        if (actual != expected) {
            throw new IllegalStateException("the decoded table holds " + actual + " bytes of columns, but the parsed one "
                    + expected);
        }
    }

    private static void requireCached(FolderCatalog catalog, boolean expected) throws IOException {
        if (catalog.isCached(TABLE) != expected) {
            throw new IllegalStateException("the catalog of " + catalog.folder() + " " + (expected
                    ? "does not find the .forge cache just written valid" : "finds a cache that was just deleted"));
        }
    }

    /** The off-heap bytes of a table's columns (validity, values, string bytes and dictionaries). */
    static long tableBytes(Table table) {
        long total = 0;
        for (Column column : table.columns()) {
            total += viewBytes(column.view());
        }
        return total;
    }

    private static long viewBytes(ColumnView view) {
        long total = size(view.validity()) + size(view.values()) + size(view.bytes());
        return view.dictionary() == null ? total : total + viewBytes(view.dictionary());
    }

    private static long size(MemorySegment segment) {
        return segment == null ? 0 : segment.byteSize();
    }

    /** Points {@code link} at the given file, so the catalog sees it as {@code lineitem.tbl} in the work folder. */
    private static void linkGiven(Path given, Path link) throws IOException {
        if (!Files.isRegularFile(given)) {
            throw new IOException("--tbl " + given + " is not a file");
        }
        Path target = given.toAbsolutePath();
        if (Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            if (Files.isSameFile(link, target)) {
                return;
            }
            Files.delete(link);
        }
        try {
            Files.createSymbolicLink(link, target);
        } catch (UnsupportedOperationException | IOException noLinks) {
            throw new IOException("cannot link " + link + " to " + target + " (" + noLinks.getMessage() + "); copy the"
                    + " file there as lineitem.tbl and pass --work with that folder instead", noLinks);
        }
    }

    /** Deletes a work folder and everything in it (a linked .tbl is unlinked, its target left alone). */
    public static void deleteWorkFolder(Path folder) throws IOException {
        deleteRecursively(folder);
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> entries = Files.walk(folder)) {
            entries.sorted(Comparator.reverseOrder()).forEach(entry -> {
                try {
                    Files.delete(entry);
                } catch (IOException failed) {
                    throw new UncheckedIOException(failed);
                }
            });
        } catch (UncheckedIOException failed) {
            throw failed.getCause();
        }
    }

    /** The first three fields of /proc/loadavg (1, 5 and 15 minutes), or "unknown". */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).strip().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException unreadable) {
            return "unknown";
        }
    }

    static String formatScaleFactor(double scaleFactor) {
        return scaleFactor == Math.rint(scaleFactor) ? Long.toString((long) scaleFactor) : Double.toString(scaleFactor);
    }
}
