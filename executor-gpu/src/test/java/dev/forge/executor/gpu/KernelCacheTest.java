package dev.forge.executor.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.cuda.Cuda;
import dev.forge.cuda.compile.KernelCompiler;
import dev.forge.cuda.testing.RequiresGpu;
import dev.forge.engine.Engine;
import dev.forge.engine.Forge;
import dev.forge.engine.QueryResult;
import dev.forge.engine.Session;
import dev.forge.engine.corpus.Dataset;
import dev.forge.engine.corpus.Datasets;
import dev.forge.engine.corpus.ResultComparator;
import dev.forge.engine.corpus.ResultRows;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same query with other constants reuses the compiled kernel, the same text reuses its plan and GPU preparation
 * (plan cache); cold and warm times are printed, and warm times with the plan cache on and off.
 */
@RequiresGpu
class KernelCacheTest {
    private static final String Q6 = "SELECT sum(l_extendedprice * l_discount) AS revenue FROM lineitem"
            + " WHERE l_shipdate >= DATE '%s' AND l_shipdate < DATE '%s' AND l_discount BETWEEN %s AND %s"
            + " AND l_quantity < %s";

    @BeforeAll
    static void startTheGpuExecutorAndGenerateTheDataBeforeTheLeakMarks() {
        GpuQueryExecutor.shared();
        Datasets.tables(Dataset.of(Dataset.TPCH, 0.01)); // kept for the whole run by Datasets, on purpose
    }

    @Test
    void otherLiteralsReuseTheKernelAndGiveTheCpuAnswer() {
        Forge forge = Forge.of(Datasets.tables(Dataset.of(Dataset.TPCH, 0.01)));
        Session gpu = forge.session().engine(Engine.GPU);
        Session cpu = forge.session().engine(Engine.CPU);
        KernelCompiler compiler = KernelCompiler.shared(Cuda.defaultDevice());
        // a shape no other test uses, so the first run compiles (or finds the disk cache)
        String first = String.format(Q6, "1994-01-01", "1995-01-01", "0.05", "0.07", "24") + " AND l_tax >= 0.0";
        long coldStart = System.nanoTime();
        run(gpu, cpu, first);
        long coldMicros = (System.nanoTime() - coldStart) / 1000;
        KernelCompiler.Statistics afterFirst = compiler.statistics();
        String second = String.format(Q6, "1996-03-01", "1997-09-01", "0.01", "0.09", "40") + " AND l_tax >= 0.02";
        long warmStart = System.nanoTime();
        run(gpu, cpu, second);
        long warmMicros = (System.nanoTime() - warmStart) / 1000;
        KernelCompiler.Statistics afterSecond = compiler.statistics();
        System.out.println("KernelCacheTest: first run " + coldMicros + " us (NVRTC total so far "
                + afterFirst.nvrtcNanos() / 1000 + " us, " + afterFirst.nvrtcCompiles() + " compiles, "
                + afterFirst.diskHits() + " disk hits); same shape, other literals: " + warmMicros + " us");
        assertThat(afterSecond.nvrtcCompiles()).as("NVRTC compiles").isEqualTo(afterFirst.nvrtcCompiles());
        assertThat(afterSecond.diskHits()).as("disk cache reads").isEqualTo(afterFirst.diskHits());
    }

    @Test
    void theSameTextReusesItsPlanAndPreparationAndSaysSo() {
        Forge forge = Forge.of(Datasets.tables(Dataset.of(Dataset.TPCH, 0.01)));
        Session cached = forge.session().engine(Engine.GPU);
        Session uncached = forge.session().engine(Engine.GPU).planCache(false);
        Session cpu = forge.session().engine(Engine.CPU).planCache(false);
        String sql = String.format(Q6, "1995-01-01", "1996-01-01", "0.02", "0.04", "30");
        run(cached, cpu, sql); // plans, prepares and compiles (or finds the kernel)
        KernelCompiler compiler = KernelCompiler.shared(Cuda.defaultDevice());
        KernelCompiler.Statistics before = compiler.statistics();
        long[] cachedMicros = new long[5];
        long[] uncachedMicros = new long[5];
        for (int run = 0; run < 5; run++) {
            cachedMicros[run] = timed(cached, cpu, sql, true);
            uncachedMicros[run] = timed(uncached, cpu, sql, false);
        }
        Arrays.sort(cachedMicros);
        Arrays.sort(uncachedMicros);
        System.out.println("KernelCacheTest: warm TPC-H Q6 at SF 0.01 on the GPU, median of 5: plan cache on "
                + cachedMicros[2] + " us, off " + uncachedMicros[2] + " us");
        assertThat(compiler.statistics().nvrtcCompiles()).as("NVRTC compiles").isEqualTo(before.nvrtcCompiles());
        assertThat(compiler.statistics().diskHits()).as("disk cache reads").isEqualTo(before.diskHits());
        assertThat(cached.explain(sql)).contains("engine: GPU").endsWith("plan: cached\n");
    }

    /** Runs {@code sql} on the GPU session (checked against the CPU) and returns the GPU run's wall time. */
    private static long timed(Session gpu, Session cpu, String sql, boolean planCached) {
        long start = System.nanoTime();
        try (QueryResult onGpu = gpu.sql(sql)) {
            long micros = (System.nanoTime() - start) / 1000;
            assertThat(onGpu.statistics().planCached()).isEqualTo(planCached);
            assertThat(onGpu.statistics().engine()).isEqualTo(Engine.GPU);
            try (QueryResult onCpu = cpu.sql(sql)) {
                assertThat(ResultComparator.compare(ResultRows.of(onCpu.table()), ResultRows.of(onGpu.table()),
                        false)).isEmpty();
            }
            return micros;
        }
    }

    private static void run(Session gpu, Session cpu, String sql) {
        try (QueryResult onGpu = gpu.sql(sql); QueryResult onCpu = cpu.sql(sql)) {
            assertThat(onGpu.statistics().engine()).isEqualTo(Engine.GPU);
            assertThat(ResultComparator.compare(ResultRows.of(onCpu.table()), ResultRows.of(onGpu.table()), false))
                    .isEmpty();
        }
    }
}
