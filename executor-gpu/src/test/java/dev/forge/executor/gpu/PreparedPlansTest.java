package dev.forge.executor.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.columnar.DataType;
import dev.forge.columnar.Field;
import dev.forge.plan.AggregateCall;
import dev.forge.plan.AggregateFunction;
import dev.forge.plan.HashAggregate;
import dev.forge.plan.HashJoin;
import dev.forge.plan.JoinKey;
import dev.forge.plan.JoinKind;
import dev.forge.plan.PlanNode;
import dev.forge.plan.Project;
import dev.forge.plan.Scan;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The GPU executor's prepared plans: one preparation per plan object (an equal plan made apart is prepared again), the
 * least recently used going beyond the capacity, and a plan the GPU cannot run remembered with its reason.
 */
class PreparedPlansTest {
    private static final Scan ORDERS = new Scan("orders", List.of(0, 1), List.of(Field.required("o_key", DataType.INT64),
            Field.required("o_total", DataType.decimal(15, 2))), List.of());

    private static PlanNode totalByKey() {
        return new HashAggregate(ORDERS, List.of(0), List.of(AggregateCall.of(AggregateFunction.SUM, 1, "total",
                DataType.decimal(38, 2), false)));
    }

    @Test
    void thePlanObjectIsPreparedOnceAndItsKernelsAndDescriptionKept() {
        PreparedPlans plans = new PreparedPlans(4);
        PlanNode plan = totalByKey();
        PreparedPlans.Prepared first = plans.prepare(plan);
        assertThat(plans.prepare(plan)).isSameAs(first);
        assertThat(first.ready().kernels()).hasSize(1);
        assertThat(first.ready().description()).isEqualTo(first.ready().plan().describe())
                .startsWith("GPU: 1 fused kernel");
        PreparedPlans.Prepared equalButApart = plans.prepare(totalByKey());
        assertThat(equalButApart).isNotSameAs(first);
        assertThat(equalButApart.ready().kernels().values().iterator().next().source())
                .isEqualTo(first.ready().kernels().values().iterator().next().source());
        assertThat(plans.size()).isEqualTo(2);
    }

    @Test
    void theLeastRecentlyUsedPlanGoesBeyondTheCapacity() {
        PreparedPlans plans = new PreparedPlans(2);
        PlanNode a = totalByKey();
        PlanNode b = totalByKey();
        PreparedPlans.Prepared preparedA = plans.prepare(a);
        plans.prepare(b);
        assertThat(plans.prepare(a)).isSameAs(preparedA); // now b is the least recently used
        PreparedPlans.Prepared preparedB = plans.prepare(b);
        plans.prepare(totalByKey()); // a third plan: a goes
        assertThat(plans.size()).isEqualTo(2);
        assertThat(plans.prepare(b)).isSameAs(preparedB);
        assertThat(plans.prepare(a)).isNotSameAs(preparedA);
    }

    @Test
    void aPlanTheGpuCannotRunIsRememberedWithItsReason() {
        PreparedPlans plans = new PreparedPlans(4);
        PlanNode full = new Project(new HashJoin(ORDERS, ORDERS, JoinKind.FULL, List.of(new JoinKey(0, 0, false)),
                null), List.of(), List.of());
        PreparedPlans.Prepared prepared = plans.prepare(full);
        assertThat(prepared.ready()).isNull();
        assertThat(prepared.unsupported()).hasMessageContaining("hash joins (FULL)");
        assertThat(plans.prepare(full)).isSameAs(prepared);
    }

}
