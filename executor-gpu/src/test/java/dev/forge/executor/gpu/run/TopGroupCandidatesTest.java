package dev.forge.executor.gpu.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forge.columnar.Table;
import dev.forge.engine.CalciteQueryPlanner;
import dev.forge.engine.Forge;
import dev.forge.engine.corpus.Dataset;
import dev.forge.engine.corpus.Datasets;
import dev.forge.engine.corpus.ResultComparator;
import dev.forge.engine.corpus.ResultRows;
import dev.forge.executor.cpu.CpuExecutor;
import dev.forge.executor.gpu.codegen.AggregateSlot;
import dev.forge.executor.gpu.codegen.KernelGenerator;
import dev.forge.executor.gpu.pipeline.GpuPlan;
import dev.forge.executor.gpu.pipeline.PipelineSink;
import dev.forge.executor.gpu.pipeline.Stage;
import dev.forge.plan.TableCatalog;
import dev.forge.plan.expr.Expr;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * A TopN over groups sees only the groups that can be among its rows, and gives the same rows as over all of them:
 * on made-up group words ({@link GroupReadBack}) for sorts by a key, a count full of ties, exact sums and a MAX, in
 * both directions; a sum that leaves its type in a group outside the top is still reported.
 */
class TopGroupCandidatesTest {
    private static final String GROUPS = "SELECT l_orderkey, l_shipdate, COUNT(*) AS n, SUM(l_quantity) AS q,"
            + " SUM(l_extendedprice * l_discount) AS r, MAX(l_tax) AS t FROM lineitem GROUP BY l_orderkey, l_shipdate";
    private static final TableCatalog CATALOG = Forge.of(Datasets.tables(Dataset.of(Dataset.TPCH, 0.01))).catalog();
    private static final Function<Expr, dev.forge.columnar.ColumnView> NO_STRINGS = expression -> {
        throw new AssertionError("no string column here: " + expression);
    };

    /** The grouped stage of {@code sql}, its kernel and its host part. */
    private record TopStage(Stage stage, GroupReadBack readBack) {
        static TopStage of(String sql) {
            GpuPlan plan = GpuPlan.of(new CalciteQueryPlanner(CATALOG).plan(sql).plan());
            Stage stage = plan.result();
            PipelineSink.GroupedAggregation sink = (PipelineSink.GroupedAggregation) stage.pipeline().sink();
            return new TopStage(stage, new GroupReadBack(KernelGenerator.generate(stage.pipeline()), sink));
        }

        Table finish(Table groups) {
            return new CpuExecutor().execute(stage.hostPlan(), OverlayCatalog.of(CATALOG, GpuPlan.GPU_RESULT_TABLE,
                    groups), () -> false);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"r DESC, l_orderkey, l_shipdate LIMIT 10", "n DESC, l_orderkey, l_shipdate LIMIT 5",
            "q, l_orderkey, l_shipdate LIMIT 7 OFFSET 3", "t DESC, l_orderkey, l_shipdate LIMIT 4",
            "l_shipdate, n, l_orderkey LIMIT 6", "l_orderkey DESC, l_shipdate LIMIT 1"})
    void theTopRowsOfTheCandidatesAreTheTopRowsOfAllGroups(String order) {
        TopStage top = TopStage.of(GROUPS + " ORDER BY " + order);
        PipelineSink.GroupedAggregation sink = top.readBack().sink();
        assertThat(sink.top()).as("the TopN's groups").isNotNull();
        long groups = 40_003;
        int rowWords = top.readBack().rowWords();
        try (Arena arena = Arena.ofShared()) {
            MemorySegment memory = arena.allocate(groups * rowWords * 8, 8);
            top.readBack().fill(memory, groups, order.hashCode(), 0);
            int[] candidates = TopGroupCandidates.select(top.readBack().kernel(), sink, memory, groups);
            assertThat(candidates).as("candidates").isNotNull();
            if (!order.startsWith("n ")) { // counts of 1 to 3 tie in thousands; the other keys hardly ever tie
                assertThat(candidates.length).as("candidates").isLessThanOrEqualTo((int) sink.top().count() + 2);
            }
            try (Table all = AggregateResult.decodeGroups(top.readBack().kernel(), sink, memory, groups, NO_STRINGS);
                    Table some = AggregateResult.decodeCandidates(top.readBack().kernel(), sink, memory, groups,
                            NO_STRINGS);
                    Table expected = top.finish(all); Table actual = top.finish(some)) {
                assertThat(some.rowCount()).isEqualTo(candidates.length);
                assertThat(ResultComparator.compare(ResultRows.of(expected), ResultRows.of(actual), true)).isEmpty();
                assertThat(actual.rowCount()).isEqualTo(Math.min(sink.top().count(), groups)
                        - (order.contains("OFFSET 3") ? 3 : 0));
            }
        }
    }

    @Test
    void aSumOutsideItsTypeInAGroupOutsideTheTopIsStillReported() {
        TopStage top = TopStage.of(GROUPS + " ORDER BY l_orderkey DESC LIMIT 3");
        PipelineSink.GroupedAggregation sink = top.readBack().sink();
        long groups = 1_000;
        int rowWords = top.readBack().rowWords();
        try (Arena arena = Arena.ofShared()) {
            MemorySegment memory = arena.allocate(groups * rowWords * 8, 8);
            top.readBack().fill(memory, groups, 7, 0);
            for (long group = 0; group < groups; group++) { // keys 0..999: the top three are the last groups
                memory.setAtIndex(ValueLayout.JAVA_LONG, group * rowWords, group);
            }
            AggregateSlot sum = top.readBack().kernel().aggregates().get(1);
            assertThat(sum.kind()).isEqualTo(AggregateSlot.Kind.EXACT_SUM);
            // about 2^127: beyond 64 bits, and beyond the 38 digits of the SUM's DECIMAL
            memory.setAtIndex(ValueLayout.JAVA_LONG, 10 * rowWords + sum.firstWord(), Long.MAX_VALUE);
            memory.setAtIndex(ValueLayout.JAVA_LONG, 10 * rowWords + sum.countWord() - 1, 1);
            assertThat(TopGroupCandidates.select(top.readBack().kernel(), sink, memory, groups))
                    .hasSizeLessThan(10).contains(10, 997, 998, 999);
            assertThatThrownBy(() -> AggregateResult.decodeCandidates(top.readBack().kernel(), sink, memory, groups,
                    NO_STRINGS).close()).isInstanceOf(GpuFallbackException.class).hasMessageContaining("SUM");
        }
    }

    @Test
    void theCountthLargestValueIsWhatSortingGives() {
        Random random = new Random(3);
        for (int trial = 0; trial < 200; trial++) {
            int size = 1 + random.nextInt(300);
            long[] values = new long[size];
            boolean[] skipped = new boolean[size];
            for (int i = 0; i < size; i++) {
                values[i] = random.nextInt(3) == 0 ? random.nextLong() : random.nextInt(20) - 10; // ties and extremes
                skipped[i] = random.nextInt(5) == 0;
            }
            long[] kept = new long[size];
            int keptCount = 0;
            for (int i = 0; i < size; i++) {
                if (!skipped[i]) {
                    kept[keptCount++] = values[i];
                }
            }
            if (keptCount < 2) {
                continue;
            }
            long[] sorted = Arrays.copyOf(kept, keptCount);
            Arrays.sort(sorted);
            int count = 1 + random.nextInt(keptCount - 1);
            assertThat(TopGroupCandidates.countthLargest(values, skipped, count)).as("trial " + trial)
                    .isEqualTo(sorted[keptCount - count]);
        }
    }

    @Test
    void doublesOrderAsTheEngineOrdersThem() {
        double[] ascending = {Double.NEGATIVE_INFINITY, -1e300, -1.5, -Double.MIN_VALUE, 0.0, Double.MIN_VALUE, 2.5,
                1e300, Double.POSITIVE_INFINITY, Double.NaN};
        for (int i = 1; i < ascending.length; i++) {
            assertThat(TopGroupCandidates.orderedDouble(ascending[i - 1]))
                    .isLessThan(TopGroupCandidates.orderedDouble(ascending[i]));
        }
        assertThat(TopGroupCandidates.orderedDouble(-0.0)).isEqualTo(TopGroupCandidates.orderedDouble(0.0));
        assertThat(TopGroupCandidates.orderedDouble(Double.longBitsToDouble(0x7ff0000000000123L)))
                .isEqualTo(TopGroupCandidates.orderedDouble(Double.NaN));
    }
}
