package dev.forge.executor.cpu;

import dev.forge.columnar.generate.TpchGenerator;
import dev.forge.columnar.io.ProgressListener;
import java.util.List;

/** Runs one hand-written TPC-H plan in a loop, for a profiler (arguments: scale factor, threads, query, seconds). */
final class TpchProfileProbe {
    private TpchProfileProbe() {
    }

    public static void main(String[] arguments) throws Exception {
        double scale = Double.parseDouble(arguments[0]);
        int threads = Integer.parseInt(arguments[1]);
        String name = arguments[2];
        long seconds = Long.parseLong(arguments[3]);
        TpchGenerator generator = new TpchGenerator(scale, threads, ProgressListener.NONE);
        try (TestCatalog catalog = new TestCatalog()) {
            for (String table : List.of("customer", "orders", "lineitem")) {
                catalog.add(table, generator.generate(table));
            }
            TpchPlans.Query query = new TpchPlans(catalog::schema).all().stream()
                    .filter(candidate -> candidate.name().equals(name)).findFirst().orElseThrow();
            CpuExecutor executor = new CpuExecutor(threads);
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            int runs = 0;
            long start = System.nanoTime();
            while (System.nanoTime() < end) {
                executor.execute(query.plan(), catalog).close();
                runs++;
            }
            System.out.printf("%s: %d runs, %.1f ms each%n", name, runs, (System.nanoTime() - start) / 1e6 / runs);
        }
    }
}
