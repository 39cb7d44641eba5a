package dev.forge.cli;

import dev.forge.bench.load.LoadBenchmark;
import dev.forge.bench.load.LoadReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code forge bench load}: TPC-H lineitem from .tbl, its .forge cache written and re-opened, against the ceilings. */
@Command(name = "load", mixinStandardHelpOptions = true, versionProvider = ForgeVersion.class,
        description = {"Time loading TPC-H lineitem from a .tbl file as a folder of it loads (parse on all cores),"
                + " writing its .forge cache, and re-opening the cache as a second start does (open, checksums,"
                + " decoding), next to a sequential read of the .forge file and a memory copy measured in the same run.",
                "Progress goes to standard error; the Markdown table to standard output."})
final class BenchLoadCommand implements Callable<Integer> {

    @Option(names = "--sf", paramLabel = "N", defaultValue = "1",
            description = "Scale factor of the generated lineitem.tbl (default: ${DEFAULT-VALUE}); ignored with --tbl.")
    double scaleFactor;

    @Option(names = "--tbl", paramLabel = "FILE", description = "A lineitem .tbl file (dbgen's text) to load instead of"
            + " generating one; it is linked into the work folder as lineitem.tbl.")
    Path tbl;

    @Option(names = "--work", paramLabel = "DIR", description = "Work folder (lineitem.tbl, its .forge-cache); kept"
            + " afterwards. Default: a temporary folder, deleted afterwards.")
    Path work;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "3",
            description = "Timed runs per step; the median is reported (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--copy-mib", paramLabel = "N", defaultValue = "1024",
            description = "MiB in each of the memory-copy ceiling's two segments (default: ${DEFAULT-VALUE}).")
    int copyMebibytes;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON to FILE.")
    Path json;

    @Option(names = "--markdown", paramLabel = "FILE", description = "Also write the Markdown table to FILE.")
    Path markdown;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean temporary = work == null;
        Path folder = temporary ? Files.createTempDirectory("forge-bench-load") : work;
        LoadReport report;
        try {
            LoadBenchmark.Settings settings = new LoadBenchmark.Settings(tbl, scaleFactor, folder, runs,
                    (long) copyMebibytes << 20);
            report = new LoadBenchmark(settings, line -> {
                err.println("  " + line);
                err.flush();
            }).run("forge " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
        } finally {
            if (temporary) {
                LoadBenchmark.deleteWorkFolder(folder);
            }
        }
        out.println();
        out.print(report.markdown());
        out.flush(); // print does not flush an auto-flushing writer; println does
        if (json != null) {
            out.println();
            ResultFiles.write(json, report.json(), out);
        }
        if (markdown != null) {
            ResultFiles.write(markdown, report.markdown(), out);
        }
        return 0;
    }
}
