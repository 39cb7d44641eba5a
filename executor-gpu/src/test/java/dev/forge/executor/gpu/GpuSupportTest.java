package dev.forge.executor.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.columnar.DataType;
import dev.forge.columnar.Field;
import dev.forge.executor.gpu.pipeline.GpuPlan;
import dev.forge.executor.gpu.pipeline.PipelineSink;
import dev.forge.plan.AggregateCall;
import dev.forge.plan.AggregateFunction;
import dev.forge.plan.HashAggregate;
import dev.forge.plan.HashJoin;
import dev.forge.plan.JoinKey;
import dev.forge.plan.JoinKind;
import dev.forge.plan.Limit;
import dev.forge.plan.PlanNode;
import dev.forge.plan.Project;
import dev.forge.plan.Scan;
import dev.forge.plan.Sort;
import dev.forge.plan.SortKey;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the slice runs on the GPU, what it finishes on the host, and the reason it gives for the rest. */
class GpuSupportTest {
    private static final Scan ORDERS = new Scan("orders", List.of(0, 1), List.of(Field.required("o_key", DataType.INT64),
            Field.required("o_total", DataType.decimal(15, 2))), List.of());
    private static final Scan ITEMS = new Scan("items", List.of(0), List.of(Field.required("i_order", DataType.INT64)),
            List.of());

    private static HashAggregate totalByKey() {
        return new HashAggregate(ORDERS, List.of(0), List.of(AggregateCall.of(AggregateFunction.SUM, 1, "total",
                DataType.decimal(38, 2), false)));
    }

    @Test
    void scansAndAggregatesAreSupported() {
        assertThat(GpuExecutor.supports(ORDERS)).isTrue();
        assertThat(GpuExecutor.supports(totalByKey())).isTrue();
    }

    @Test
    void aSortAboveAnAggregateIsFinishedOnTheHostAndSaysSo() {
        PlanNode plan = new Sort(totalByKey(), List.of(SortKey.ascending(1)));
        assertThat(GpuExecutor.supports(plan)).isTrue();
        GpuPlan gpuPlan = GpuPlan.of(plan);
        assertThat(gpuPlan.hostOperators()).containsExactly("Sort");
        assertThat(gpuPlan.describe()).contains("GPU: 1 fused kernel").contains("host (CPU executor) finishes Sort");
    }

    @Test
    void aSortOrLimitOverRowsIsFinishedOnTheHostOverTheMaterialisedRowsAndSaysSo() {
        GpuPlan sorted = GpuPlan.of(new Sort(ORDERS, List.of(SortKey.ascending(0))));
        assertThat(sorted.pipeline().sink()).isInstanceOf(PipelineSink.Materialization.class);
        assertThat(sorted.describe()).isEqualTo("GPU: 1 fused kernel (scan orders -> materialize 2 column(s)); host"
                + " (CPU executor) finishes Sort over its rows");
        assertThat(GpuPlan.of(new Limit(ORDERS, 0, 10)).hostOperators()).containsExactly("Limit");
    }

    @Test
    void innerLeftSemiAndAntiJoinsRunAsABuildAndAProbingKernel() {
        for (JoinKind kind : List.of(JoinKind.INNER, JoinKind.LEFT, JoinKind.SEMI, JoinKind.ANTI)) {
            PlanNode join = new HashJoin(ORDERS, ITEMS, kind, List.of(new JoinKey(0, 0, false)), null);
            PlanNode plan = new HashAggregate(join, List.of(), List.of(AggregateCall.of(AggregateFunction.SUM, 1,
                    "total", DataType.decimal(38, 2), false)));
            assertThat(GpuExecutor.unsupportedReason(plan)).as(kind.name()).isEmpty();
            assertThat(GpuPlan.of(plan).describe()).contains("GPU: 3 kernels").contains("build hash table on")
                    .contains("probe items (" + kind + " join on 1 key(s))");
        }
    }

    @Test
    void otherJoinKindsAndKeyTypesAreNamedAsWhatIsMissing() {
        PlanNode full = new HashJoin(ORDERS, ITEMS, JoinKind.FULL, List.of(new JoinKey(0, 0, false)), null);
        assertThat(GpuExecutor.unsupportedReason(new Project(full, List.of(), List.of())))
                .hasValueSatisfying(reason -> assertThat(reason).contains("hash joins (FULL)"));
        Scan names = new Scan("names", List.of(0), List.of(Field.required("n", DataType.VARCHAR)), List.of());
        PlanNode onStrings = new HashJoin(names, names, JoinKind.INNER, List.of(new JoinKey(0, 0, false)), null);
        assertThat(GpuExecutor.unsupportedReason(onStrings))
                .hasValueSatisfying(reason -> assertThat(reason).contains("join keys of type VARCHAR"));
        PlanNode nestedLoops = new HashJoin(ORDERS, ITEMS, JoinKind.INNER, List.of(), null);
        assertThat(GpuExecutor.unsupportedReason(nestedLoops))
                .hasValueSatisfying(reason -> assertThat(reason).contains("without an equality key"));
    }

    @Test
    void distinctAggregatesAreNamed() {
        PlanNode plan = new HashAggregate(ORDERS, List.of(), List.of(new AggregateCall(AggregateFunction.COUNT,
                List.of(0), true, -1, "n", DataType.INT64, false)));
        assertThat(GpuExecutor.unsupportedReason(plan))
                .hasValueSatisfying(reason -> assertThat(reason).contains("COUNT(DISTINCT ...)"));
    }
}
