package dev.forge.bench.load;

import dev.forge.bench.experiments.MachineDescription;
import dev.forge.bench.experiments.report.Json;
import dev.forge.bench.load.LoadStep.ByteBasis;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The loading benchmark's result: the machine, command and data, every timed step, and the re-open steps' rates as
 * fractions of the file-read and memory-copy ceilings measured in the same run; rendered as Markdown and as JSON.
 */
public record LoadReport(MachineDescription machine, String command, String source, int runs, int threads, long rows,
        long tblBytes, long forgeBytes, long decodedBytes, List<LoadStep> steps, String loadAverageBefore,
        String loadAverageAfter) {

    /** What the timings can and cannot say about the page cache; every report states it. */
    public static final String PAGE_CACHE = "page cache warm: the .tbl was generated or read and the .forge file"
            + " written just before they are timed, so reads come from memory, not the disk; no cold-cache figures"
            + " (dropping the cache needs root, and no file here is larger than memory)";

    public LoadReport {
        steps = List.copyOf(steps);
    }

    public Optional<LoadStep> step(String name) {
        return steps.stream().filter(step -> step.name().equals(name)).findFirst();
    }

    /** A re-open step's rate over a ceiling's, or NaN for other steps and where the ceiling is missing. */
    public double fractionOf(LoadStep step, String ceiling) {
        if (!LoadBenchmark.RE_OPEN_STEPS.contains(step.name())) {
            return Double.NaN;
        }
        return step(ceiling).map(c -> step.megabytesPerSecond() / c.megabytesPerSecond()).orElse(Double.NaN);
    }

    public String markdown() {
        StringBuilder page = new StringBuilder();
        page.append("# Loading TPC-H lineitem: .tbl, then re-opening the .forge cache\n\n");
        page.append("- command: `").append(command).append("`\n");
        page.append("- commit: ").append(machine.commit()).append(", date: ").append(machine.date()).append('\n');
        page.append("- machine: ").append(machine.cpu()).append(", ").append(machine.cores()).append(" cores, ")
                .append(gib(machine.hostMemoryBytes())).append(" memory, ").append(machine.javaVersion())
                .append(", max heap ").append(gib(Runtime.getRuntime().maxMemory())).append('\n');
        page.append("- load average (1, 5, 15 min) before: ").append(loadAverageBefore).append(", after: ")
                .append(loadAverageAfter).append('\n');
        page.append("- data: ").append(source).append(": ").append(String.format(Locale.ROOT, "%,d", rows))
                .append(" rows, .tbl ").append(mb(tblBytes)).append(", .forge ").append(mb(forgeBytes))
                .append(" (").append(String.format(Locale.ROOT, "%.2f", (double) tblBytes / forgeBytes))
                .append("x smaller), decoded columns ").append(mb(decodedBytes)).append('\n');
        page.append("- timing: wall clock, median of ").append(runs).append(" runs per step (generation: 1 run); ")
                .append(threads).append(" threads where a step is parallel\n");
        page.append("- ").append(PAGE_CACHE).append("\n\n");
        page.append("| step | median s | min s | max s | 1st run s | MB | MB/s | of file read | of memory copy | what |\n");
        page.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (LoadStep step : steps) {
            boolean rated = step.basis() != ByteBasis.NONE;
            page.append("| ").append(step.name())
                    .append(" | ").append(seconds(step.seconds().median()))
                    .append(" | ").append(seconds(step.seconds().min()))
                    .append(" | ").append(seconds(step.seconds().max()))
                    .append(" | ").append(seconds(step.firstRunSeconds()))
                    .append(" | ").append(rated ? String.format(Locale.ROOT, "%.1f %s", step.bytes() / 1e6,
                            step.basis().label) : "-")
                    .append(" | ").append(rated ? String.format(Locale.ROOT, "%.0f", step.megabytesPerSecond()) : "-")
                    .append(" | ").append(fraction(fractionOf(step, LoadBenchmark.STEP_FILE_READ)))
                    .append(" | ").append(fraction(fractionOf(step, LoadBenchmark.STEP_COPY_ALL)))
                    .append(" | ").append(step.description()).append(" |\n");
        }
        page.append("\nMB are 10^6 bytes. \"of file read\" and \"of memory copy\" divide a re-open step's rate in .forge")
                .append(" bytes by the file-read ceiling's and by the all-thread memory copy's (bytes copied per")
                .append(" second, each byte read once and written once) from this run. \"1st run\" is each step's first run")
                .append(" in this JVM, before its code is compiled: a second start of `forge` is a new JVM, so its")
                .append(" re-open is nearer that figure than the median.\n");
        Optional<LoadStep> decode = step(LoadBenchmark.STEP_DECODE);
        Optional<LoadStep> fresh = step(LoadBenchmark.STEP_FRESH_MEMORY);
        if (decode.isPresent() && fresh.isPresent()) {
            double decodeSeconds = decode.get().seconds().median();
            double freshSeconds = fresh.get().seconds().median();
            page.append(String.format(Locale.ROOT, "Decoding fills %.1f MB of new columns; allocating that much memory"
                    + " alone (ceiling: fresh memory) takes %.3f s here, %.0f%% of the decode's %.3f s.%n",
                    decodedBytes / 1e6, freshSeconds, 100 * freshSeconds / decodeSeconds, decodeSeconds));
        }
        return page.toString();
    }

    public String json() {
        Json json = new Json().beginObject(null);
        json.field("benchmark", "load-lineitem").field("command", command).field("commit", machine.commit())
                .field("date", machine.date());
        json.beginObject("machine").field("cpu", machine.cpu()).field("cores", machine.cores())
                .field("memoryBytes", machine.hostMemoryBytes()).field("java", machine.javaVersion())
                .field("maxHeapBytes", Runtime.getRuntime().maxMemory())
                .field("loadAverageBefore", loadAverageBefore).field("loadAverageAfter", loadAverageAfter).endObject();
        json.beginObject("data").field("source", source).field("rows", rows).field("tblBytes", tblBytes)
                .field("forgeBytes", forgeBytes).field("decodedBytes", decodedBytes).endObject();
        json.field("runsPerStep", runs).field("threads", threads).field("pageCache", PAGE_CACHE);
        json.beginArray("steps");
        for (LoadStep step : steps) {
            json.beginObject(null).field("name", step.name()).field("description", step.description())
                    .field("medianSeconds", step.seconds().median()).field("minSeconds", step.seconds().min())
                    .field("maxSeconds", step.seconds().max()).field("firstRunSeconds", step.firstRunSeconds())
                    .field("runs", step.seconds().runs())
                    .field("bytes", step.bytes()).field("bytesAre", step.basis().label)
                    .field("megabytesPerSecond", step.megabytesPerSecond())
                    .field("fractionOfFileRead", fractionOf(step, LoadBenchmark.STEP_FILE_READ))
                    .field("fractionOfMemoryCopy", fractionOf(step, LoadBenchmark.STEP_COPY_ALL))
                    .field("rows", step.rows()).endObject();
        }
        json.endArray().endObject();
        return json.toString();
    }

    private static String seconds(double value) {
        return value < 0.01 ? String.format(Locale.ROOT, "%.5f", value) : String.format(Locale.ROOT, "%.3f", value);
    }

    private static String fraction(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    private static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }
}
