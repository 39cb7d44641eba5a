package dev.forge.cli;

import dev.forge.columnar.Table;
import dev.forge.columnar.catalog.CatalogTable;
import dev.forge.columnar.catalog.FolderCatalog;
import dev.forge.columnar.io.BadRowPolicy;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code forge load DIR}: reads every table of a folder (building its .forge cache) and reports what it took. */
@Command(name = "load", mixinStandardHelpOptions = true, versionProvider = ForgeVersion.class,
        description = "Load every table of a folder of CSV/TSV/.tbl/NDJSON/Parquet/.forge files, building or using"
                + " the .forge-cache, and show rows, time and throughput per table.")
final class LoadCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "The data folder.")
    Path folder;

    @Option(names = "--skip-bad-rows", description = "Skip and count rows that do not fit instead of failing.")
    boolean skipBadRows;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        FolderCatalog catalog = FolderCatalog.scan(folder).badRows(skipBadRows ? BadRowPolicy.SKIP : BadRowPolicy.FAIL);
        if (catalog.tables().isEmpty()) {
            out.println("no data files in " + folder);
            return 0;
        }
        TerminalProgressBar bar = TerminalProgressBar.forConsole(spec.commandLine().getErr());
        out.printf("%-14s %12s %10s %9s %10s  %s%n", "table", "rows", "source MB", "seconds", "MB/s", "from");
        for (CatalogTable entry : catalog.tables()) {
            boolean cached = catalog.isCached(entry.name());
            long bytes = catalog.sourceBytes(entry.name());
            long started = System.nanoTime();
            long rows;
            try (Table table = catalog.load(entry.name(), bar)) {
                rows = table.rowCount();
            } finally {
                bar.finish();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            out.printf("%-14s %12d %10.1f %9.2f %10.1f  %s%n", entry.name(), rows, bytes / 1e6, seconds,
                    bytes / 1e6 / seconds, cached ? ".forge cache" : entry.format() + " (cache written)");
        }
        return 0;
    }
}
