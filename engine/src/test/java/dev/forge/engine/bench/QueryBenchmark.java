package dev.forge.engine.bench;

import dev.forge.engine.Engine;
import dev.forge.engine.Forge;
import dev.forge.engine.QueryResult;
import dev.forge.engine.Session;
import dev.forge.engine.corpus.Dataset;
import dev.forge.engine.corpus.Datasets;
import dev.forge.engine.corpus.DuckDbOracle;
import dev.forge.sql.BenchmarkQueries;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Per-query median times of Forge's engines ({@code --engines cpu,gpu}; CPU by default) against DuckDB (all cores, the
 * same generated tables, the same JVM run), after warm-up runs, for TPC-H and SSB at one scale factor. With a GPU and
 * executor-gpu on the class path, {@code gpu} times Engine.GPU with data resident after the warm-ups; a query it cannot
 * run is reported as failed with the reason, and the note says where each ran. Warm runs reuse the plan from the plan
 * cache, as a prepared statement would; {@code --no-plan-cache} plans every run afresh (parse, validate, optimise, GPU
 * preparation), and the header says which. Writes a Markdown table and JSON. It lives in the
 * test sources because DuckDB is a test dependency; run it with the test class path:
 *
 * <pre>{@code
 * ./mvnw -q -pl engine -am test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test
 * java --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector -Xmx48g \
 *     -cp engine/target/test-classes:engine/target/classes:$(cat engine/cp.txt) \
 *     dev.forge.engine.bench.QueryBenchmark --sf 1 --runs 5 --warmups 2 --out target/query-benchmark
 * }</pre>
 * The data's generation and loading leave gigabytes of garbage behind; a full collection before the queries keeps the
 * collector from reclaiming it during the timed runs (with G1 at TPC-H SF 10: pauses of 60-200 ms, several times some
 * queries' own time, bench/results/2026-12-07-h100-tpch-host-profile).
 */
public final class QueryBenchmark {
    /** {@code queries}: the ids to run ("q01", "q2.1", or in full "tpch/q01"); empty for all of each benchmark. */
    private record Options(double scaleFactor, int runs, int warmups, List<String> benchmarks, List<Engine> engines,
            boolean planCache, Path out, List<String> queries) {
        boolean selected(BenchmarkQueries.Query query) {
            return queries.isEmpty() || queries.stream().anyMatch(id -> query.id().equals(id)
                    || query.id().endsWith("/" + id));
        }
    }

    /**
     * One Forge engine's result for a query: the median milliseconds (NaN where it failed, with why in {@code note}),
     * where it ran (the engine note: the GPU, or the CPU and why), the first run's milliseconds (cold: it includes
     * the GPU's upload of tables no earlier query used and the kernels' compilation, unless the kernel cache on disk
     * had them) and the bytes of table columns its scans read.
     */
    private record EngineTime(Engine engine, double millis, String note, double firstMillis, long bytesScanned) {
        boolean failed() {
            return Double.isNaN(millis);
        }
    }

    /** One query's result: median milliseconds per Forge engine and for DuckDB. */
    private record Measurement(String query, List<EngineTime> forge, double duckDbMillis, long rows) {
    }

    private static final String KERNEL_TIMING_PROPERTY = "forge.gpu.kernelTiming";
    private static final Pattern KERNEL_TIME = Pattern.compile("GPU kernels ([0-9.]+) ms");

    private QueryBenchmark() {
    }

    public static void main(String[] arguments) throws Exception {
        Options options = parse(arguments);
        // the GPU executor's notes then carry its kernels' device time (read when the executor starts)
        System.setProperty(KERNEL_TIMING_PROPERTY, "true");
        List<Measurement> measurements = new ArrayList<>();
        for (String benchmark : options.benchmarks()) {
            Dataset dataset = Dataset.of(benchmark, options.scaleFactor());
            long start = System.nanoTime();
            Datasets.tables(dataset);
            DuckDbOracle duckDb = DuckDbOracle.of(dataset);
            System.err.printf(Locale.ROOT, "%s generated and loaded into DuckDB in %.1f s%n", dataset,
                    (System.nanoTime() - start) / 1e9);
            Forge forge = Forge.of(Datasets.tables(dataset));
            System.gc(); // the garbage of generating and loading, collected now rather than in a timed run
            List<BenchmarkQueries.Query> queries = benchmark.equals("tpch") ? BenchmarkQueries.tpch()
                    : BenchmarkQueries.ssb();
            for (BenchmarkQueries.Query query : queries.stream().filter(options::selected).toList()) {
                measurements.add(measure(query, forge, duckDb, options));
                System.err.println(format(measurements.getLast()));
            }
        }
        String markdown = markdown(measurements, options);
        String json = json(measurements, options);
        System.out.println(markdown);
        if (options.out() != null) {
            Files.createDirectories(options.out());
            Files.writeString(options.out().resolve("query-benchmark.md"), markdown);
            Files.writeString(options.out().resolve("query-benchmark.json"), json);
        }
    }

    private static Measurement measure(BenchmarkQueries.Query query, Forge forge, DuckDbOracle duckDb,
            Options options) throws Exception {
        double[] duckDbTimes = new double[options.runs()];
        long rows = 0;
        try (Statement statement = duckDb.connection().createStatement()) {
            for (int run = -options.warmups(); run < options.runs(); run++) {
                long start = System.nanoTime();
                rows = 0;
                try (ResultSet result = statement.executeQuery(query.sql())) {
                    while (result.next()) {
                        rows++;
                    }
                }
                if (run >= 0) {
                    duckDbTimes[run] = (System.nanoTime() - start) / 1e6;
                }
            }
        }
        List<EngineTime> forgeTimes = new ArrayList<>();
        for (Engine engine : options.engines()) {
            forgeTimes.add(time(query, forge.session().engine(engine).planCache(options.planCache()), engine, options));
        }
        return new Measurement(query.id(), forgeTimes, median(duckDbTimes), rows);
    }

    /** Warm-up runs (the GPU's include upload and kernel compilation), then the median of the timed runs. */
    private static EngineTime time(BenchmarkQueries.Query query, Session session, Engine engine, Options options) {
        double[] times = new double[options.runs()];
        String note = "";
        double firstMillis = Double.NaN;
        long bytesScanned = 0;
        long collectorMillis = 0;
        try {
            for (int run = -options.warmups(); run < options.runs(); run++) {
                long collectedBefore = collectorMillis();
                long start = System.nanoTime();
                try (QueryResult result = session.sql(query.sql())) {
                    double millis = (System.nanoTime() - start) / 1e6;
                    if (run >= 0) {
                        collectorMillis += collectorMillis() - collectedBefore;
                    }
                    if (run == -options.warmups()) {
                        firstMillis = millis;
                    }
                    if (run >= 0) {
                        times[run] = millis;
                    }
                    String where = result.statistics().engineNote();
                    note = where.isEmpty() ? result.statistics().engine().toString() : where;
                    // where a run's wall time went outside the executor's own phases: planning (plan cache, engine
                    // choice), the executor's call, and what is left (result statistics, the result's wrapper)
                    note += String.format(Locale.ROOT, "; session: planning %.3f ms, execution %.3f ms, wall %.3f ms",
                            result.statistics().planningMicros() / 1e3, result.statistics().executionMicros() / 1e3,
                            millis);
                    bytesScanned = result.statistics().bytesScanned();
                }
            }
        } catch (RuntimeException failed) {
            return new EngineTime(engine, Double.NaN, "failed: " + failed.getMessage(), firstMillis, 0);
        }
        // a collection inside a timed run measures the collector, not the query (G1 at TPC-H SF 10: 60-200 ms)
        note += "; garbage collection in the " + options.runs() + " timed run(s): " + collectorMillis + " ms";
        return new EngineTime(engine, median(times), note, firstMillis, bytesScanned);
    }

    /** The collectors' accumulated time so far (pauses, and for some collectors concurrent cycles), in ms. */
    private static long collectorMillis() {
        long total = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, collector.getCollectionTime());
        }
        return total;
    }

    private static double median(double[] times) {
        double[] sorted = times.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static String format(Measurement measurement) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-10s", measurement.query()));
        for (EngineTime time : measurement.forge()) {
            line.append(String.format(Locale.ROOT, " forge-%s %10s ms", time.engine().name().toLowerCase(Locale.ROOT),
                    time.failed() ? "failed" : String.format(Locale.ROOT, "%.2f", time.millis())));
        }
        line.append(String.format(Locale.ROOT, "  duckdb %10.2f ms", measurement.duckDbMillis()));
        for (EngineTime time : measurement.forge()) {
            line.append("  [").append(time.note()).append(']');
        }
        return line.toString();
    }

    private static String header(Options options) {
        return String.format(Locale.ROOT, "SF %s, median of %d runs after %d warm-up runs, plan cache %s, %d cores,"
                + " Java %s", options.scaleFactor(), options.runs(), options.warmups(),
                options.planCache() ? "on (warm runs reuse the plan)" : "off (every run plans)",
                Runtime.getRuntime().availableProcessors(), Runtime.version());
    }

    private static String markdown(List<Measurement> measurements, Options options) {
        List<Engine> engines = options.engines();
        StringBuilder text = new StringBuilder("Forge vs DuckDB: " + header(options) + "\n\n| query | rows |");
        for (Engine engine : engines) {
            text.append(" Forge ").append(engine).append(" ms |");
        }
        text.append(" DuckDB ms |");
        for (Engine engine : engines) {
            text.append(" DuckDB / Forge ").append(engine).append(" |");
        }
        text.append("\n|---|---|").append("---|".repeat(2 * engines.size() + 1)).append('\n');
        double[] forgeTotals = new double[engines.size()];
        double[] duckDbTotals = new double[engines.size()];
        for (Measurement measurement : measurements) {
            text.append(String.format(Locale.ROOT, "| %s | %d |", measurement.query(), measurement.rows()));
            for (EngineTime time : measurement.forge()) {
                text.append(time.failed() ? " failed |" : String.format(Locale.ROOT, " %.2f |", time.millis()));
            }
            text.append(String.format(Locale.ROOT, " %.2f |", measurement.duckDbMillis()));
            for (int e = 0; e < engines.size(); e++) {
                EngineTime time = measurement.forge().get(e);
                text.append(time.failed() ? " - |" : String.format(Locale.ROOT, " %.2fx |",
                        measurement.duckDbMillis() / time.millis()));
                if (!time.failed()) {
                    forgeTotals[e] += time.millis();
                    duckDbTotals[e] += measurement.duckDbMillis();
                }
            }
            text.append('\n');
        }
        for (int e = 0; e < engines.size(); e++) {
            text.append(String.format(Locale.ROOT, "%nTotal over the queries Forge %s ran: Forge %.2f ms, DuckDB %.2f ms"
                    + " (DuckDB / Forge %.2fx)%n", engines.get(e), forgeTotals[e], duckDbTotals[e],
                    forgeTotals[e] == 0 ? 0 : duckDbTotals[e] / forgeTotals[e]));
        }
        text.append(coldAndBytes(measurements, engines));
        text.append("\nWhere each query ran:\n\n");
        for (Measurement measurement : measurements) {
            for (EngineTime time : measurement.forge()) {
                text.append("- ").append(measurement.query()).append(" (").append(time.engine()).append("): ")
                        .append(time.note()).append('\n');
            }
        }
        return text.toString();
    }

    /**
     * Per engine: each query's first run (cold), the bytes its scans read and what that is per second at the median
     * time (the rate a query would need to stream its columns once in that time).
     */
    private static String coldAndBytes(List<Measurement> measurements, List<Engine> engines) {
        StringBuilder text = new StringBuilder();
        for (int e = 0; e < engines.size(); e++) {
            text.append("\nForge ").append(engines.get(e)).append(": first run (cold: upload of tables no earlier query"
                    + " used, kernel compilation), bytes scanned, and the GPU kernels' device time in the last run\n\n"
                    + "| query | first run ms | median ms | MB scanned | GB/s at the median | GPU kernels ms |"
                    + " GB/s in the kernels |\n|---|---:|---:|---:|---:|---:|---:|\n");
            double firstTotal = 0;
            for (Measurement measurement : measurements) {
                EngineTime time = measurement.forge().get(e);
                firstTotal += Double.isNaN(time.firstMillis()) ? 0 : time.firstMillis();
                Matcher kernels = KERNEL_TIME.matcher(time.note());
                double kernelMillis = kernels.find() ? Double.parseDouble(kernels.group(1)) : Double.NaN;
                text.append(String.format(Locale.ROOT, "| %s | %.2f | %s | %.1f | %s | %s | %s |%n",
                        measurement.query(), time.firstMillis(),
                        time.failed() ? "failed" : String.format(Locale.ROOT, "%.2f", time.millis()),
                        time.bytesScanned() / 1e6, time.failed() ? "-" : String.format(Locale.ROOT, "%.1f",
                                time.bytesScanned() / 1e6 / time.millis()),
                        Double.isNaN(kernelMillis) ? "-" : String.format(Locale.ROOT, "%.3f", kernelMillis),
                        Double.isNaN(kernelMillis) ? "-" : String.format(Locale.ROOT, "%.1f",
                                time.bytesScanned() / 1e6 / kernelMillis)));
            }
            text.append(String.format(Locale.ROOT, "%nFirst runs in all: %.1f ms%n", firstTotal));
        }
        return text.toString();
    }

    private static String json(List<Measurement> measurements, Options options) {
        StringBuilder text = new StringBuilder("{\n  \"description\": \"" + header(options) + "\",\n  \"queries\": [\n");
        for (int i = 0; i < measurements.size(); i++) {
            Measurement measurement = measurements.get(i);
            text.append(String.format(Locale.ROOT, "    {\"query\": \"%s\", \"rows\": %d, \"duckdb_ms\": %.3f",
                    measurement.query(), measurement.rows(), measurement.duckDbMillis()));
            for (EngineTime time : measurement.forge()) {
                String engine = time.engine().name().toLowerCase(Locale.ROOT);
                text.append(String.format(Locale.ROOT, ", \"forge_%s_ms\": %s, \"forge_%s_note\": %s", engine,
                        time.failed() ? "null" : String.format(Locale.ROOT, "%.3f", time.millis()), engine,
                        quote(time.note())));
                text.append(String.format(Locale.ROOT, ", \"forge_%s_first_ms\": %s, \"forge_%s_bytes_scanned\": %d",
                        engine, Double.isNaN(time.firstMillis()) ? "null"
                                : String.format(Locale.ROOT, "%.3f", time.firstMillis()), engine, time.bytesScanned()));
            }
            text.append(i + 1 < measurements.size() ? "},\n" : "}\n");
        }
        return text.append("  ]\n}\n").toString();
    }

    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    private static Options parse(String[] arguments) throws IOException {
        double scaleFactor = 1;
        int runs = 5;
        int warmups = 2;
        List<String> benchmarks = List.of("tpch", "ssb");
        List<Engine> engines = List.of(Engine.CPU);
        boolean planCache = true;
        Path out = null;
        List<String> queries = List.of();
        for (int i = 0; i < arguments.length; i++) {
            String value = i + 1 < arguments.length ? arguments[i + 1] : null;
            if (arguments[i].equals("--no-plan-cache")) {
                planCache = false;
                continue;
            }
            switch (arguments[i]) {
                case "--sf" -> scaleFactor = Double.parseDouble(value);
                case "--runs" -> runs = Integer.parseInt(value);
                case "--warmups" -> warmups = Integer.parseInt(value);
                case "--benchmark" -> benchmarks = List.of(value.split(","));
                case "--out" -> out = Path.of(value);
                case "--queries" -> queries = Arrays.stream(value.split(",")).map(String::trim).toList();
                case "--engines" -> engines = Arrays.stream(value.split(","))
                        .map(name -> Engine.valueOf(name.trim().toUpperCase(Locale.ROOT))).toList();
                default -> throw new IllegalArgumentException("unknown option " + arguments[i]
                        + "; options: --sf N --runs N --warmups N --benchmark tpch,ssb --engines cpu,gpu"
                        + " --queries q01,q2.1 --no-plan-cache --out FOLDER");
            }
            i++;
        }
        if (runs < 1 || warmups < 0) {
            throw new IllegalArgumentException("--runs must be >= 1 and --warmups >= 0");
        }
        return new Options(scaleFactor, runs, warmups, benchmarks, engines, planCache, out, queries);
    }
}
