package dev.forge.cli;

import dev.forge.columnar.generate.Benchmark;
import dev.forge.columnar.generate.OutputFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code forge generate tpch|ssb}: writes a benchmark's tables at a scale factor into a folder. */
@Command(name = "generate", mixinStandardHelpOptions = true, versionProvider = ForgeVersion.class,
        description = "Generate TPC-H or SSB data into a folder (one file per table).")
final class GenerateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "BENCHMARK", description = "tpch or ssb")
    String benchmark;

    @Option(names = "--sf", paramLabel = "N", required = true, description = "Scale factor, e.g. 0.01, 1 or 10.")
    double scaleFactor;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder to write the tables into.")
    Path out;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "forge",
            description = "forge, csv (pipe-delimited .tbl as dbgen writes) or parquet (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--threads", paramLabel = "N", description = "Generator threads (default: all cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        OutputFormat outputFormat = OutputFormat.parse(format);
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
        }
        requireWritableFolder(out);
        PrintWriter err = spec.commandLine().getErr();
        TerminalProgressBar bar = TerminalProgressBar.forConsole(err);
        Benchmark data = Benchmark.of(benchmark, scaleFactor, threads, bar);
        long started = System.nanoTime();
        List<Path> files;
        try {
            files = data.writeTo(out, outputFormat);
        } finally {
            bar.finish();
        }
        long bytes = 0;
        for (Path file : files) {
            bytes += Files.size(file);
        }
        spec.commandLine().getOut().printf("wrote %d tables (%.1f MB) to %s in %.1f s%n", files.size(), bytes / 1e6, out,
                (System.nanoTime() - started) / 1e9);
        return 0;
    }

    private static void requireWritableFolder(Path folder) throws IOException {
        try {
            Files.createDirectories(folder);
        } catch (IOException failed) {
            throw new IOException("cannot create the output folder " + folder + " (" + failed.getClass().getSimpleName()
                    + (failed.getMessage() == null ? "" : ": " + failed.getMessage()) + ")", failed);
        }
        if (!Files.isDirectory(folder) || !Files.isWritable(folder)) {
            throw new IOException("cannot write to the output folder " + folder);
        }
    }
}
