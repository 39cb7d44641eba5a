package dev.forge.executor.gpu.run;

import dev.forge.engine.CalciteQueryPlanner;
import dev.forge.engine.Forge;
import dev.forge.engine.corpus.Dataset;
import dev.forge.engine.corpus.Datasets;
import dev.forge.executor.gpu.codegen.AggregateSlot;
import dev.forge.executor.gpu.codegen.GeneratedKernel;
import dev.forge.executor.gpu.codegen.KernelGenerator;
import dev.forge.executor.gpu.pipeline.GpuPlan;
import dev.forge.executor.gpu.pipeline.PipelineSink;
import dev.forge.executor.gpu.pipeline.Stage;
import dev.forge.plan.TableCatalog;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;

/**
 * A grouped aggregation's kernel, planned on the CPU from SQL over TPC-H SF 0.01, and group words made up for it the
 * way the GPU's group table holds them: what {@link AggregateResultTest} checks and {@link GroupReadBackProfile}
 * times, without a GPU.
 */
record GroupReadBack(GeneratedKernel kernel, PipelineSink.GroupedAggregation sink) {
    /** Keys INT64 and DATE; COUNT, two exact SUMs and a MAX over DECIMAL columns. */
    static final String SQL = "SELECT l_orderkey, l_shipdate, COUNT(*) AS n, SUM(l_quantity) AS q,"
            + " SUM(l_extendedprice * l_discount) AS r, MAX(l_tax) AS t FROM lineitem GROUP BY l_orderkey, l_shipdate";

    static GroupReadBack plan() {
        TableCatalog catalog = Forge.of(Datasets.tables(Dataset.of(Dataset.TPCH, 0.01))).catalog();
        GpuPlan plan = GpuPlan.of(new CalciteQueryPlanner(catalog).plan(SQL).plan());
        for (Stage stage : plan.stages()) {
            if (stage.pipeline() != null && stage.pipeline().sink() instanceof PipelineSink.GroupedAggregation sink) {
                return new GroupReadBack(KernelGenerator.generate(stage.pipeline()), sink);
            }
        }
        throw new IllegalStateException("no grouped aggregation in the plan of " + SQL);
    }

    int rowWords() {
        return kernel.aggregateWords() - 1;
    }

    /**
     * Fills {@code groups} groups: key 0 any long, key 1 a day number, each aggregate a count of 1 to 3 (every group has
     * a row, and these columns no NULLs) and a value: a sum within +-10^12 as its two 128-bit halves, a maximum encoded
     * as the kernel keeps it.
     */
    void fill(MemorySegment memory, long groups, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int rowWords = rowWords();
        for (long group = 0; group < groups; group++) {
            long base = group * rowWords;
            memory.setAtIndex(ValueLayout.JAVA_LONG, base, random.nextLong());
            memory.setAtIndex(ValueLayout.JAVA_LONG, base + 1, random.nextInt(8000, 11000));
            for (AggregateSlot slot : kernel.aggregates()) {
                long first = base + slot.firstWord() - 1;
                long value = random.nextLong(-1_000_000_000_000L, 1_000_000_000_000L);
                switch (slot.kind()) {
                    case EXACT_SUM -> {
                        memory.setAtIndex(ValueLayout.JAVA_LONG, first, value);
                        memory.setAtIndex(ValueLayout.JAVA_LONG, first + 1, value >> 63);
                    }
                    case EXTREME -> {
                        long encoded = value ^ Long.MIN_VALUE;
                        memory.setAtIndex(ValueLayout.JAVA_LONG, first, slot.inverted() ? ~encoded : encoded);
                    }
                    default -> {
                    }
                }
                memory.setAtIndex(ValueLayout.JAVA_LONG, base + slot.countWord() - 1, random.nextInt(1, 4));
            }
        }
    }
}
