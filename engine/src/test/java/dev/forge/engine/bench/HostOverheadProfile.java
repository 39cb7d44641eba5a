package dev.forge.engine.bench;

import dev.forge.columnar.Table;
import dev.forge.engine.Engine;
import dev.forge.engine.Forge;
import dev.forge.engine.QueryResult;
import dev.forge.engine.Session;
import dev.forge.engine.corpus.Dataset;
import dev.forge.engine.corpus.Datasets;
import dev.forge.executor.cpu.CpuExecutor;
import dev.forge.plan.PlanPrinter;
import dev.forge.sql.BenchmarkQueries;
import dev.forge.sql.PlannedQuery;
import dev.forge.sql.PlanningPhases;
import dev.forge.sql.SqlPlanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Where the host time of a warm query goes, on the CPU engine at a tiny scale factor (so execution is small and the
 * fixed costs show): Calcite's phases (set-up, parse, validate, convert, optimise) and Forge's translation, timed by
 * calling the SQL planner directly; the CPU executor alone; and {@code Session.sql} end to end, with the plan cache
 * off and on, split by its statistics into planning, execution and the rest (engine choice, scan volume, result
 * building). Medians of {@code --runs} runs after {@code --warmups}, per query, in microseconds, as Markdown. Run it
 * like {@link QueryBenchmark} (test class path), e.g. {@code --sf 0.01 --runs 30 --warmups 20 --benchmark ssb,tpch}.
 * Add {@code -XX:StartFlightRecording=filename=host.jfr,settings=profile} to find hot spots.
 */
public final class HostOverheadProfile {
    /** The TPC-H queries profiled unless {@code --tpch} names others: a scan, joins of several sizes, sub-queries. */
    private static final List<Integer> DEFAULT_TPCH = List.of(1, 3, 5, 6, 10, 18);

    private record Options(double scaleFactor, int runs, int warmups, List<String> benchmarks, List<Integer> tpch,
            Path out) {
    }

    private HostOverheadProfile() {
    }

    public static void main(String[] arguments) throws Exception {
        Options options = parse(arguments);
        PhaseTimings planner = new PhaseTimings();
        PhaseTimings session = new PhaseTimings();
        CpuExecutor cpu = new CpuExecutor();
        for (String benchmark : options.benchmarks()) {
            Dataset dataset = Dataset.of(benchmark, options.scaleFactor());
            List<BenchmarkQueries.Query> queries = benchmark.equals("tpch")
                    ? options.tpch().stream().map(BenchmarkQueries::tpch).toList() : BenchmarkQueries.ssb();
            try (Forge forge = Forge.of(Datasets.tables(dataset))) {
                SqlPlanner sqlPlanner = new SqlPlanner(forge.catalog());
                for (BenchmarkQueries.Query query : queries) {
                    for (int run = -options.warmups(); run < options.runs(); run++) {
                        boolean timed = run >= 0;
                        long start = System.nanoTime();
                        PlannedQuery planned = sqlPlanner.plan(query.sql());
                        long plannedAt = System.nanoTime();
                        String explain = PlanPrinter.explain(planned.plan());
                        long explained = System.nanoTime();
                        try (Table ignored = cpu.execute(planned.plan(), forge.catalog(), () -> false)) {
                            long executed = System.nanoTime();
                            if (timed) {
                                record(planner, query.id(), planned.phases());
                                planner.add(query.id(), "planner total", plannedAt - start);
                                planner.add(query.id(), "explain text", explained - plannedAt);
                                planner.add(query.id(), "cpu execute", executed - explained);
                            }
                        }
                        if (explain.isEmpty()) {
                            throw new IllegalStateException("no EXPLAIN text for " + query.id());
                        }
                    }
                    for (boolean cached : new boolean[] {false, true}) {
                        Session sessionUnderTest = forge.session().engine(Engine.CPU).planCache(cached);
                        String label = cached ? "cached" : "uncached";
                        for (int run = -options.warmups(); run < options.runs(); run++) {
                            long start = System.nanoTime();
                            try (QueryResult result = sessionUnderTest.sql(query.sql())) {
                                long wall = System.nanoTime() - start;
                                if (run >= 0) {
                                    long planning = result.statistics().planningMicros() * 1000;
                                    long execution = result.statistics().executionMicros() * 1000;
                                    session.add(query.id(), label + " planning", planning);
                                    session.add(query.id(), label + " execution", execution);
                                    session.add(query.id(), label + " rest", wall - planning - execution);
                                    session.add(query.id(), label + " wall", wall);
                                }
                            }
                        }
                    }
                    System.err.printf(Locale.ROOT, "%s: planner %.0f us, session %.0f us%n", query.id(),
                            planner.medianMicros(query.id(), "planner total"),
                            session.medianMicros(query.id(), "uncached wall"));
                }
            }
        }
        String report = String.format(Locale.ROOT, "Host overhead, SF %s, median of %d runs after %d warm-ups, %d"
                + " cores, Java %s (microseconds)%n%n## SQL planner phases and the CPU executor%n%n%s%n"
                + "## Session.sql on the CPU engine%n%n%s", options.scaleFactor(), options.runs(), options.warmups(),
                Runtime.getRuntime().availableProcessors(), Runtime.version(), planner.markdown(), session.markdown());
        System.out.println(report);
        if (options.out() != null) {
            Files.createDirectories(options.out());
            Files.writeString(options.out().resolve("host-overhead.md"), report);
        }
    }

    private static void record(PhaseTimings timings, String query, PlanningPhases phases) {
        timings.add(query, "setup", phases.setupNanos());
        timings.add(query, "parse", phases.parseNanos());
        timings.add(query, "validate", phases.validateNanos());
        timings.add(query, "convert", phases.convertNanos());
        timings.add(query, "optimise", phases.optimiseNanos());
        timings.add(query, "translate", phases.translateNanos());
    }

    private static Options parse(String[] arguments) {
        double scaleFactor = 0.01;
        int runs = 30;
        int warmups = 20;
        List<String> benchmarks = List.of("ssb", "tpch");
        List<Integer> tpch = DEFAULT_TPCH;
        Path out = null;
        for (int i = 0; i < arguments.length; i++) {
            String value = i + 1 < arguments.length ? arguments[i + 1] : null;
            switch (arguments[i]) {
                case "--sf" -> scaleFactor = Double.parseDouble(value);
                case "--runs" -> runs = Integer.parseInt(value);
                case "--warmups" -> warmups = Integer.parseInt(value);
                case "--benchmark" -> benchmarks = List.of(value.split(","));
                case "--tpch" -> tpch = Arrays.stream(value.split(",")).map(String::trim).map(Integer::valueOf)
                        .toList();
                case "--out" -> out = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + arguments[i]
                        + "; options: --sf N --runs N --warmups N --benchmark ssb,tpch --tpch 1,3,6 --out FOLDER");
            }
            i++;
        }
        if (runs < 1 || warmups < 0) {
            throw new IllegalArgumentException("--runs must be >= 1 and --warmups >= 0");
        }
        return new Options(scaleFactor, runs, warmups, new ArrayList<>(benchmarks), tpch, out);
    }
}
