package dev.forge.executor.cpu;

import dev.forge.columnar.Table;
import dev.forge.columnar.generate.TpchGenerator;
import dev.forge.columnar.io.ProgressListener;
import java.util.Arrays;
import java.util.List;

/**
 * Times the hand-written TPC-H plans against DuckDB on the same data and threads (not a test: run its main with
 * arguments scale factor, threads, and "duckdb" to include the peer). Prints warm medians of 5 runs.
 */
final class TpchTimingProbe {
    private TpchTimingProbe() {
    }

    public static void main(String[] arguments) throws Exception {
        double scale = arguments.length > 0 ? Double.parseDouble(arguments[0]) : 0.1;
        int threads = arguments.length > 1 ? Integer.parseInt(arguments[1]) : Runtime.getRuntime().availableProcessors();
        boolean peer = arguments.length > 2 && arguments[2].equals("duckdb");
        TpchGenerator generator = new TpchGenerator(scale, threads, ProgressListener.NONE);
        try (TestCatalog catalog = new TestCatalog(); DuckDbOracle duckDb = peer ? new DuckDbOracle() : null) {
            for (String table : List.of("customer", "orders", "lineitem")) {
                Table data = generator.generate(table);
                catalog.add(table, data);
                if (peer) {
                    duckDb.load(table, data);
                }
            }
            if (peer) {
                duckDb.execute("SET threads = " + threads);
            }
            CpuExecutor executor = new CpuExecutor(threads);
            System.out.printf("TPC-H SF %s, %d threads (%s)%n", scale, threads, Runtime.version());
            for (TpchPlans.Query query : new TpchPlans(catalog::schema).all()) {
                double forge = median(() -> executor.execute(query.plan(), catalog).close());
                String line = String.format("%-4s forge %8.1f ms", query.name(), forge);
                if (peer) {
                    double duck = median(() -> duckDb.query(query.sql()));
                    line += String.format("   duckdb %8.1f ms   ratio %.2f", duck, forge / duck);
                    try (Table result = executor.execute(query.plan(), catalog)) {
                        TpchAgainstDuckDbTest.assertSameRows(TestTables.rows(result), duckDb.query(query.sql()),
                                query.name());
                    }
                }
                System.out.println(line);
            }
        }
    }

    private interface Run {
        void run() throws Exception;
    }

    private static double median(Run run) throws Exception {
        for (int warm = 0; warm < 3; warm++) {
            run.run();
        }
        double[] times = new double[5];
        for (int i = 0; i < times.length; i++) {
            long start = System.nanoTime();
            run.run();
            times[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(times);
        return times[times.length / 2];
    }

}
