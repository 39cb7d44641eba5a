package dev.forge.executor.gpu.run;

import dev.forge.columnar.ColumnView;
import dev.forge.columnar.Table;
import dev.forge.executor.gpu.codegen.GeneratedKernel;
import dev.forge.executor.gpu.pipeline.PipelineSink;
import dev.forge.plan.expr.Expr;
import java.lang.foreign.MemorySegment;
import java.util.function.Function;

/** Lets the kernel emulation (another package) read its group words back the way the runner does. */
public final class GroupReadBackAccess {
    private GroupReadBackAccess() {
    }

    /** {@link AggregateResult#decodeGroups}: column by column where it can, else value by value. */
    public static Table decodeGroups(GeneratedKernel kernel, PipelineSink.GroupedAggregation sink,
            MemorySegment memory, long groups, Function<Expr, ColumnView> dictionaries) {
        return AggregateResult.decodeGroups(kernel, sink, memory, groups, dictionaries);
    }

    /** {@link AggregateResult#decodeCandidates}: only the groups a TopN that follows can return, where it says. */
    public static Table decodeCandidates(GeneratedKernel kernel, PipelineSink.GroupedAggregation sink,
            MemorySegment memory, long groups, Function<Expr, ColumnView> dictionaries) {
        return AggregateResult.decodeCandidates(kernel, sink, memory, groups, dictionaries);
    }
}
