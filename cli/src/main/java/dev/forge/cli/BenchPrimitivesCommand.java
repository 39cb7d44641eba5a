package dev.forge.cli;

import dev.forge.bench.primitives.BenchmarkReport;
import dev.forge.bench.primitives.PrimitiveFamily;
import dev.forge.bench.primitives.PrimitivesBenchmark;
import dev.forge.cuda.Cuda;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code forge bench primitives}: the GPU primitives against the CPU twins and CUB, with the copy ceiling. */
@Command(name = "primitives", mixinStandardHelpOptions = true, versionProvider = ForgeVersion.class,
        description = "Time the GPU primitives (median of CUDA-event samples) against their CPU twins on all cores and "
                + "CUB (built with this machine's nvcc), each result checked against the CPU twin.")
final class BenchPrimitivesCommand implements Callable<Integer> {

    @Option(names = "--sizes", split = ",", paramLabel = "N",
            description = "Element counts: plain numbers, 2^N, or with K/M/G (powers of 1024). Default: ${DEFAULT-VALUE}.",
            defaultValue = "2^20,2^24,2^28")
    List<String> sizes;

    @Option(names = "--only", paramLabel = "FAMILY,...",
            description = "Measure only these families (comma-separated): reduce, scan, run-length, segmented, sort,"
                    + " histogram, select, hash-probe, group-by, top-k. Default: all.")
    String only;

    @Mixin
    BenchmarkOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        // options first, so that a mistake in them is reported on any machine
        int samples = options.samples();
        List<Long> counts = new ArrayList<>();
        for (String size : sizes) {
            counts.add(parseSize(size));
        }
        Set<PrimitiveFamily> families = only == null ? EnumSet.allOf(PrimitiveFamily.class)
                : PrimitiveFamily.parseList(only);
        if (!BenchmarkOptions.gpuPresent(spec, "the primitives benchmark")) {
            return 1;
        }
        PrimitivesBenchmark.Report report = new PrimitivesBenchmark(Cuda.defaultDevice(), step -> out.println("  " + step))
                .run(counts, samples, families);
        out.println();
        BenchmarkReport.printTable(report, out);
        options.writeJson(BenchmarkReport.json(report), out);
        return 0;
    }

    static long parseSize(String text) {
        String size = text.strip().toUpperCase(Locale.ROOT);
        try {
            long count;
            if (size.startsWith("2^")) {
                count = 1L << Integer.parseInt(size.substring(2));
            } else if (size.endsWith("K") || size.endsWith("M") || size.endsWith("G")) {
                int shift = switch (size.charAt(size.length() - 1)) {
                    case 'K' -> 10;
                    case 'M' -> 20;
                    default -> 30;
                };
                count = Long.parseLong(size.substring(0, size.length() - 1)) << shift;
            } else {
                count = Long.parseLong(size);
            }
            if (count < 1 || count > (1L << 31)) {
                throw new NumberFormatException();
            }
            return count;
        } catch (NumberFormatException | IndexOutOfBoundsException notASize) {
            throw new IllegalArgumentException("--sizes: '" + text + "' is not an element count from 1 to 2^31"
                    + " (write e.g. 1000000, 2^24 or 16M)");
        }
    }
}
