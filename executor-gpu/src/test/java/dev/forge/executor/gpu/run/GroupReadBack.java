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
import dev.forge.columnar.DataType;
import dev.forge.plan.expr.Expr;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A grouped aggregation's kernel, planned on the CPU from SQL over TPC-H SF 0.01, and group words made up for it the
 * way the GPU's group table holds them: what {@link AggregateResultTest} and {@link GroupColumnsTest} check and {@link
 * GroupReadBackProfile} times, without a GPU.
 */
record GroupReadBack(GeneratedKernel kernel, PipelineSink.GroupedAggregation sink) {
    /** Keys INT64 and DATE; COUNT, two exact SUMs and a MAX over DECIMAL columns. */
    static final String SQL = "SELECT l_orderkey, l_shipdate, COUNT(*) AS n, SUM(l_quantity) AS q,"
            + " SUM(l_extendedprice * l_discount) AS r, MAX(l_tax) AS t FROM lineitem GROUP BY l_orderkey, l_shipdate";

    static GroupReadBack plan() {
        return plan(SQL);
    }

    static GroupReadBack plan(String sql) {
        TableCatalog catalog = Forge.of(Datasets.tables(Dataset.of(Dataset.TPCH, 0.01))).catalog();
        GpuPlan plan = GpuPlan.of(new CalciteQueryPlanner(catalog).plan(sql).plan());
        for (Stage stage : plan.stages()) {
            if (stage.pipeline() != null && stage.pipeline().sink() instanceof PipelineSink.GroupedAggregation sink) {
                return new GroupReadBack(KernelGenerator.generate(stage.pipeline()), sink);
            }
        }
        throw new IllegalStateException("no grouped aggregation in the plan of " + sql);
    }

    int rowWords() {
        return kernel.aggregateWords() - 1;
    }

    /**
     * Fills {@code groups} groups' words as the group table holds them: key words of each key's type (string codes
     * below {@code dictionaryEntries}), a NULL-mask word with random bits for the NULL-able keys, and per aggregate a
     * count of 0 to 3 (0, no value, only where the result may be NULL: a SUM of none is NULL), a value (sums within
     * +-10^12 as two 128-bit halves, any double's bits, MIN/MAX states encoded as the kernel keeps them) and, for
     * SINGLE_VALUE, at most one row.
     */
    void fill(MemorySegment memory, long groups, long seed, int dictionaryEntries) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Expr> keys = sink.keys();
        int rowWords = rowWords();
        for (long group = 0; group < groups; group++) {
            long base = group * rowWords;
            long nullMask = 0;
            for (int k = 0; k < keys.size(); k++) {
                memory.setAtIndex(ValueLayout.JAVA_LONG, base + k, word(keys.get(k).type(), random, dictionaryEntries));
                if (keys.get(k).nullable() && random.nextInt(4) == 0) {
                    nullMask |= 1L << k;
                }
            }
            if (kernel.keyNullMask()) {
                memory.setAtIndex(ValueLayout.JAVA_LONG, base + kernel.keyWords() - 1, nullMask);
            }
            for (int a = 0; a < kernel.aggregates().size(); a++) {
                AggregateSlot slot = kernel.aggregates().get(a);
                long first = base + slot.firstWord() - 1;
                switch (slot.kind()) {
                    case COUNT -> {
                    }
                    case EXACT_SUM -> {
                        long value = random.nextLong(-1_000_000_000_000L, 1_000_000_000_000L);
                        memory.setAtIndex(ValueLayout.JAVA_LONG, first, value);
                        memory.setAtIndex(ValueLayout.JAVA_LONG, first + 1, value >> 63);
                    }
                    case FLOAT_SUM -> memory.setAtIndex(ValueLayout.JAVA_LONG, first,
                            Double.doubleToRawLongBits(random.nextDouble(-1e6, 1e6)));
                    case EXTREME, SINGLE -> {
                        DataType type = slot.input().argument().type();
                        long encoded = slot.floatingValue() ? random.nextLong()
                                : word(type, random, dictionaryEntries) ^ Long.MIN_VALUE;
                        memory.setAtIndex(ValueLayout.JAVA_LONG, first, slot.inverted() ? ~encoded : encoded);
                        if (slot.kind() == AggregateSlot.Kind.SINGLE) {
                            memory.setAtIndex(ValueLayout.JAVA_LONG, base + slot.rowsWord() - 1, random.nextInt(2));
                        }
                    }
                }
                boolean mayBeNull = sink.fields().get(keys.size() + a).nullable();
                memory.setAtIndex(ValueLayout.JAVA_LONG, base + slot.countWord() - 1,
                        random.nextInt(mayBeNull ? 0 : 1, 4));
            }
        }
    }

    private static long word(DataType type, SplittableRandom random, int dictionaryEntries) {
        return switch (type) {
            case DataType.Varchar _ -> random.nextInt(dictionaryEntries);
            case DataType.Boolean _ -> random.nextInt(2);
            case DataType.Int32 _, DataType.Date _ -> random.nextInt();
            case DataType.Float32 _, DataType.Float64 _ -> Double.doubleToRawLongBits(random.nextDouble(-1e9, 1e9));
            case DataType.Decimal decimal when decimal.precision() <= 18 ->
                    random.nextLong(-999_999_999_999L, 1_000_000_000_000L);
            default -> random.nextLong();
        };
    }
}
