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
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Per-query median times of Forge's CPU executor against DuckDB (all cores, the same generated tables, the same JVM
 * run), after warm-up runs, for TPC-H and SSB at one scale factor. Writes a Markdown table and JSON. It lives in the
 * test sources because DuckDB is a test dependency; run it with the test class path:
 *
 * <pre>{@code
 * ./mvnw -q -pl engine -am test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test
 * java --enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector -Xmx48g \
 *     -cp engine/target/test-classes:engine/target/classes:$(cat engine/cp.txt) \
 *     dev.forge.engine.bench.QueryBenchmark --sf 1 --runs 5 --warmups 2 --out target/query-benchmark
 * }</pre>
 */
public final class QueryBenchmark {
    private record Options(double scaleFactor, int runs, int warmups, List<String> benchmarks, Path out) {
    }

    /** One query's result: median milliseconds per engine, NaN where the engine failed, with why. */
    private record Measurement(String query, double forgeMillis, double duckDbMillis, long rows, String forgeError) {
    }

    private QueryBenchmark() {
    }

    public static void main(String[] arguments) throws Exception {
        Options options = parse(arguments);
        List<Measurement> measurements = new ArrayList<>();
        for (String benchmark : options.benchmarks()) {
            Dataset dataset = Dataset.of(benchmark, options.scaleFactor());
            long start = System.nanoTime();
            Datasets.tables(dataset);
            DuckDbOracle duckDb = DuckDbOracle.of(dataset);
            System.err.printf(Locale.ROOT, "%s generated and loaded into DuckDB in %.1f s%n", dataset,
                    (System.nanoTime() - start) / 1e9);
            Session session = Forge.of(Datasets.tables(dataset)).session().engine(Engine.CPU);
            List<BenchmarkQueries.Query> queries = benchmark.equals("tpch") ? BenchmarkQueries.tpch()
                    : BenchmarkQueries.ssb();
            for (BenchmarkQueries.Query query : queries) {
                measurements.add(measure(query, session, duckDb, options));
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

    private static Measurement measure(BenchmarkQueries.Query query, Session session, DuckDbOracle duckDb,
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
        double[] forgeTimes = new double[options.runs()];
        try {
            for (int run = -options.warmups(); run < options.runs(); run++) {
                long start = System.nanoTime();
                try (QueryResult ignored = session.sql(query.sql())) {
                    if (run >= 0) {
                        forgeTimes[run] = (System.nanoTime() - start) / 1e6;
                    }
                }
            }
        } catch (RuntimeException failed) {
            return new Measurement(query.id(), Double.NaN, median(duckDbTimes), rows, failed.getMessage());
        }
        return new Measurement(query.id(), median(forgeTimes), median(duckDbTimes), rows, null);
    }

    private static double median(double[] times) {
        double[] sorted = times.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static String format(Measurement measurement) {
        return String.format(Locale.ROOT, "%-10s forge %10s ms  duckdb %10.2f ms%s", measurement.query(),
                Double.isNaN(measurement.forgeMillis()) ? "failed" : String.format(Locale.ROOT, "%.2f",
                        measurement.forgeMillis()), measurement.duckDbMillis(),
                measurement.forgeError() == null ? "" : "  (" + measurement.forgeError() + ")");
    }

    private static String header(Options options) {
        return String.format(Locale.ROOT, "SF %s, median of %d runs after %d warm-up runs, %d cores, Java %s",
                options.scaleFactor(), options.runs(), options.warmups(), Runtime.getRuntime().availableProcessors(),
                Runtime.version());
    }

    private static String markdown(List<Measurement> measurements, Options options) {
        StringBuilder text = new StringBuilder("Forge CPU vs DuckDB: " + header(options) + "\n\n");
        text.append("| query | rows | Forge CPU ms | DuckDB ms | DuckDB / Forge |\n|---|---|---|---|---|\n");
        double forgeTotal = 0;
        double duckDbTotal = 0;
        for (Measurement measurement : measurements) {
            boolean failed = Double.isNaN(measurement.forgeMillis());
            text.append(String.format(Locale.ROOT, "| %s | %d | %s | %.2f | %s |%n", measurement.query(),
                    measurement.rows(), failed ? "failed" : String.format(Locale.ROOT, "%.2f", measurement.forgeMillis()),
                    measurement.duckDbMillis(), failed ? "-" : String.format(Locale.ROOT, "%.2fx",
                            measurement.duckDbMillis() / measurement.forgeMillis())));
            if (!failed) {
                forgeTotal += measurement.forgeMillis();
                duckDbTotal += measurement.duckDbMillis();
            }
        }
        text.append(String.format(Locale.ROOT, "| total (queries Forge ran) | | %.2f | %.2f | %.2fx |%n", forgeTotal,
                duckDbTotal, forgeTotal == 0 ? 0 : duckDbTotal / forgeTotal));
        return text.toString();
    }

    private static String json(List<Measurement> measurements, Options options) {
        StringBuilder text = new StringBuilder("{\n  \"description\": \"" + header(options) + "\",\n  \"queries\": [\n");
        for (int i = 0; i < measurements.size(); i++) {
            Measurement measurement = measurements.get(i);
            text.append(String.format(Locale.ROOT,
                    "    {\"query\": \"%s\", \"rows\": %d, \"forge_cpu_ms\": %s, \"duckdb_ms\": %.3f, \"forge_error\": %s}%s%n",
                    measurement.query(), measurement.rows(),
                    Double.isNaN(measurement.forgeMillis()) ? "null"
                            : String.format(Locale.ROOT, "%.3f", measurement.forgeMillis()),
                    measurement.duckDbMillis(),
                    measurement.forgeError() == null ? "null" : quote(measurement.forgeError()),
                    i + 1 < measurements.size() ? "," : ""));
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
        Path out = null;
        for (int i = 0; i < arguments.length; i++) {
            String value = i + 1 < arguments.length ? arguments[i + 1] : null;
            switch (arguments[i]) {
                case "--sf" -> scaleFactor = Double.parseDouble(value);
                case "--runs" -> runs = Integer.parseInt(value);
                case "--warmups" -> warmups = Integer.parseInt(value);
                case "--benchmark" -> benchmarks = List.of(value.split(","));
                case "--out" -> out = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + arguments[i]
                        + "; options: --sf N --runs N --warmups N --benchmark tpch,ssb --out FOLDER");
            }
            i++;
        }
        if (runs < 1 || warmups < 0) {
            throw new IllegalArgumentException("--runs must be >= 1 and --warmups >= 0");
        }
        return new Options(scaleFactor, runs, warmups, benchmarks, out);
    }
}
