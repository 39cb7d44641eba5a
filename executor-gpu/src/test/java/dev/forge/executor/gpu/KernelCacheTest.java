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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The same query with other constants reuses the compiled kernel; cold and warm times are printed. */
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

    private static void run(Session gpu, Session cpu, String sql) {
        try (QueryResult onGpu = gpu.sql(sql); QueryResult onCpu = cpu.sql(sql)) {
            assertThat(onGpu.statistics().engine()).isEqualTo(Engine.GPU);
            assertThat(ResultComparator.compare(ResultRows.of(onCpu.table()), ResultRows.of(onGpu.table()), false))
                    .isEmpty();
        }
    }
}
