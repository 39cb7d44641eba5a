package dev.forge.executor.gpu.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.columnar.DataType;
import dev.forge.columnar.Field;
import dev.forge.executor.gpu.GpuExecutor;
import dev.forge.plan.AggregateCall;
import dev.forge.plan.AggregateFunction;
import dev.forge.plan.Filter;
import dev.forge.plan.HashAggregate;
import dev.forge.plan.HashJoin;
import dev.forge.plan.JoinKey;
import dev.forge.plan.JoinKind;
import dev.forge.plan.PlanNode;
import dev.forge.plan.Project;
import dev.forge.plan.Scan;
import dev.forge.plan.Sort;
import dev.forge.plan.SortKey;
import dev.forge.plan.UnionAll;
import dev.forge.plan.expr.Call;
import dev.forge.plan.expr.ColumnRef;
import dev.forge.plan.expr.Expr;
import dev.forge.plan.expr.Literal;
import dev.forge.plan.expr.Operator;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How plans split into stages: what runs first, what later pipelines scan or bind, and what the host finishes. */
class StagePlannerTest {
    private static final DataType TOTAL = DataType.decimal(38, 2);
    private static final Scan ORDERS = new Scan("orders", List.of(0, 1), List.of(Field.required("o_key", DataType.INT64),
            Field.nullable("o_total", DataType.decimal(15, 2))), List.of());
    private static final Scan ITEMS = new Scan("items", List.of(0, 1), List.of(Field.nullable("i_order", DataType.INT64),
            Field.required("i_count", DataType.INT32)), List.of());

    private static ColumnRef column(PlanNode node, int index) {
        Field field = node.fields().get(index);
        return new ColumnRef(index, field.type(), field.nullable());
    }

    /** SUM(o_total) GROUP BY o_key. */
    private static HashAggregate totalByKey() {
        return new HashAggregate(ORDERS, List.of(0), List.of(AggregateCall.of(AggregateFunction.SUM, 1, "total", TOTAL,
                true)));
    }

    /** The one row SUM(o_total) * 0.5 over all orders (a scalar sub-query: a projection over an ungrouped aggregate). */
    private static PlanNode halfOfAllOrders() {
        HashAggregate all = new HashAggregate(ORDERS, List.of(), List.of(AggregateCall.of(AggregateFunction.SUM, 1,
                "all_total", TOTAL, true)));
        Expr half = new Call(Operator.MULTIPLY, List.of(column(all, 0), Literal.of(new BigDecimal("0.5"))),
                DataType.decimal(38, 3), true);
        return new Project(all, List.of(half), List.of("half"));
    }

    /** o_total > the single row's value, over orders ++ that row. */
    private static Expr aboveHalf() {
        return new Call(Operator.GREATER_THAN, List.of(new ColumnRef(1, DataType.decimal(15, 2), true),
                new ColumnRef(2, DataType.decimal(38, 3), true)), DataType.BOOLEAN, true);
    }

    @Test
    void anAggregateOverAnAggregateRunsTheInnerOneFirstAndScansItsResult() {
        PlanNode plan = new HashAggregate(totalByKey(), List.of(1), List.of(AggregateCall.countStar("orders")));
        GpuPlan gpuPlan = GpuPlan.of(plan);
        assertThat(gpuPlan.stages()).hasSize(2);
        Stage inner = gpuPlan.stages().getFirst();
        assertThat(inner.pipeline().scan().table()).isEqualTo("orders");
        assertThat(inner.pipelineSource()).isEqualTo(totalByKey());
        assertThat(gpuPlan.pipeline().scan().table()).isEqualTo(inner.tableName()).isEqualTo("$stage1");
        assertThat(gpuPlan.pipeline().scan().fields()).extracting(Field::type).containsExactly(DataType.INT64, TOTAL);
        assertThat(gpuPlan.describe()).isEqualTo("GPU: 2 stages: [1] 1 fused kernel (scan orders -> hash aggregate by"
                + " 1 key(s), 1 value(s)) -> $stage1; [2] 1 fused kernel (scan $stage1 -> hash aggregate by 1 key(s),"
                + " 1 value(s))");
        assertThat(GpuExecutor.unsupportedReason(plan)).isEmpty();
    }

    @Test
    void aJoinWhoseBuildSideIsAnAggregateHashesTheEarlierStagesResult() {
        PlanNode plan = new HashJoin(ITEMS, totalByKey(), JoinKind.INNER, List.of(JoinKey.equal(0, 0)), null);
        GpuPlan gpuPlan = GpuPlan.of(plan);
        assertThat(gpuPlan.stages()).hasSize(2);
        assertThat(gpuPlan.pipeline().joins()).singleElement()
                .satisfies(join -> assertThat(join.build().scan().table()).isEqualTo("$stage1"));
        assertThat(gpuPlan.pipeline().sink().fields()).isEqualTo(plan.fields());
    }

    @Test
    void aSubtreeThatAppearsTwiceRunsAsOneStage() {
        PlanNode plan = new HashJoin(totalByKey(), totalByKey(), JoinKind.INNER, List.of(JoinKey.equal(0, 0)), null);
        GpuPlan gpuPlan = GpuPlan.of(plan);
        assertThat(gpuPlan.stages()).hasSize(2);
        assertThat(gpuPlan.pipeline().scan().table()).isEqualTo("$stage1");
        assertThat(gpuPlan.pipeline().joins().getFirst().build().scan().table()).isEqualTo("$stage1");
    }

    @Test
    void aScalarSubQueryRunsFirstAndItsRowIsReadAsParametersAfterTheProbeFields() {
        PlanNode plan = new HashJoin(ORDERS, halfOfAllOrders(), JoinKind.INNER, List.of(), aboveHalf());
        GpuPlan gpuPlan = GpuPlan.of(plan);
        assertThat(gpuPlan.stages()).hasSize(2);
        Stage scalar = gpuPlan.stages().getFirst();
        assertThat(scalar.hostOperators()).containsExactly("Project"); // the CPU computes the projection of one row
        assertThat(scalar.pipeline().sink()).isInstanceOf(PipelineSink.UngroupedAggregation.class);
        Pipeline pipeline = gpuPlan.pipeline();
        assertThat(pipeline.joins()).isEmpty();
        assertThat(pipeline.scalars()).containsExactly(new ScalarInput(1, halfOfAllOrders().fields(), 2));
        assertThat(pipeline.fields()).extracting(Field::name).containsExactly("o_key", "o_total", "half");
        assertThat(pipeline.scalarOfField(2)).isZero();
        assertThat(pipeline.joinOfField(2)).isEqualTo(-1);
        assertThat(pipeline.conjuncts()).containsExactly(aboveHalf());
        assertThat(((PipelineSink.Materialization) pipeline.sink()).columns())
                .containsExactly(column(ORDERS, 0), column(ORDERS, 1), new ColumnRef(2, DataType.decimal(38, 3), true));
        assertThat(gpuPlan.describe()).contains("[2] 1 fused kernel (scan orders + the row of $stage1 -> filter");
    }

    @Test
    void aKeyedJoinWithASingleRowSideComparesTheKeysAsAFilter() {
        HashAggregate maxTotal = new HashAggregate(ORDERS, List.of(), List.of(AggregateCall.of(AggregateFunction.MAX, 1,
                "max_total", DataType.decimal(15, 2), true)));
        PlanNode plan = new HashJoin(ORDERS, maxTotal, JoinKind.INNER, List.of(JoinKey.equal(1, 0)), null);
        Pipeline pipeline = GpuPlan.of(plan).pipeline();
        assertThat(pipeline.conjuncts()).containsExactly(Call.of(Operator.EQUALS, DataType.BOOLEAN, true,
                column(ORDERS, 1), new ColumnRef(2, DataType.decimal(15, 2), true)));
    }

    @Test
    void aLeftJoinWithASingleRowSideTakesTheRowWhereTheConditionHoldsAndNullElsewhere() {
        PlanNode plan = new HashJoin(ORDERS, halfOfAllOrders(), JoinKind.LEFT, List.of(), aboveHalf());
        Pipeline pipeline = GpuPlan.of(plan).pipeline();
        assertThat(pipeline.conjuncts()).isEmpty();
        Expr half = ((PipelineSink.Materialization) pipeline.sink()).columns().get(2);
        assertThat(half).isEqualTo(new Call(Operator.CASE, List.of(aboveHalf(), new ColumnRef(2,
                DataType.decimal(38, 3), true), Literal.nullOf(DataType.decimal(38, 3))), DataType.decimal(38, 3),
                true));
        PlanNode withoutCondition = new HashJoin(ORDERS, halfOfAllOrders(), JoinKind.LEFT, List.of(), null);
        assertThat(((PipelineSink.Materialization) GpuPlan.of(withoutCondition).pipeline().sink()).columns().get(2))
                .isEqualTo(new ColumnRef(2, DataType.decimal(38, 3), true));
    }

    @Test
    void semiAndAntiJoinsWithASingleRowSideKeepRowsWhereTheConditionIsTrueOrIsNot() {
        Pipeline semi = GpuPlan.of(new HashJoin(ORDERS, halfOfAllOrders(), JoinKind.SEMI, List.of(), aboveHalf()))
                .pipeline();
        assertThat(semi.conjuncts()).containsExactly(aboveHalf());
        assertThat(semi.sink().fields()).hasSize(2);
        Pipeline anti = GpuPlan.of(new HashJoin(ORDERS, halfOfAllOrders(), JoinKind.ANTI, List.of(), aboveHalf()))
                .pipeline();
        assertThat(anti.conjuncts()).containsExactly(Call.of(Operator.IS_NOT_TRUE, DataType.BOOLEAN, false,
                aboveHalf()));
        Pipeline antiAll = GpuPlan.of(new HashJoin(ORDERS, halfOfAllOrders(), JoinKind.ANTI, List.of(), null))
                .pipeline();
        assertThat(antiAll.conjuncts()).containsExactly(Literal.of(false)); // the one row matches every probe row
    }

    @Test
    void aRightJoinRunsAsTheLeftJoinOfTheSidesSwappedWithTheFieldsInTheRightJoinsOrder() {
        PlanNode plan = new HashJoin(ITEMS, ORDERS, JoinKind.RIGHT, List.of(JoinKey.equal(0, 0)),
                new Call(Operator.GREATER_THAN, List.of(new ColumnRef(1, DataType.INT32, false), Literal.of(3)),
                        DataType.BOOLEAN, false));
        Pipeline pipeline = GpuPlan.of(plan).pipeline();
        assertThat(pipeline.scan().table()).isEqualTo("orders");
        JoinStage join = pipeline.joins().getFirst();
        assertThat(join.kind()).isEqualTo(JoinKind.LEFT);
        assertThat(join.build().scan().table()).isEqualTo("items");
        // the residual read i_count as field 1 of probe ++ build; with orders first it is field 3
        assertThat(join.residual()).isEqualTo(new Call(Operator.GREATER_THAN, List.of(new ColumnRef(3, DataType.INT32,
                true), Literal.of(3)), DataType.BOOLEAN, false));
        assertThat(pipeline.sink().fields()).isEqualTo(plan.fields());
        assertThat(((PipelineSink.Materialization) pipeline.sink()).columns()).extracting(Expr::nullable)
                .containsExactly(true, true, false, true); // items' fields are NULL for an order without items
    }

    @Test
    void anInnerJoinWhoseProbeSideIsASingleRowReadsThatRowFromTheOtherSide() {
        PlanNode plan = new HashJoin(halfOfAllOrders(), ORDERS, JoinKind.INNER, List.of(), null);
        Pipeline pipeline = GpuPlan.of(plan).pipeline();
        assertThat(pipeline.scan().table()).isEqualTo("orders");
        assertThat(pipeline.scalars()).hasSize(1);
        assertThat(((PipelineSink.Materialization) pipeline.sink()).columns()).containsExactly(
                new ColumnRef(2, DataType.decimal(38, 3), true), column(ORDERS, 0), column(ORDERS, 1));
    }

    @Test
    void theHostFinishesSortsAndProjectionsOverAggregatesButProjectionsOverRowsFuseIntoTheKernel() {
        Project overRows = new Project(ORDERS, List.of(column(ORDERS, 1)), List.of("total"));
        GpuPlan rows = GpuPlan.of(new Sort(overRows, List.of(SortKey.ascending(0))));
        assertThat(rows.hostOperators()).containsExactly("Sort");
        assertThat(rows.pipeline().sink().fields()).extracting(Field::name).containsExactly("total");
        Project overGroups = new Project(totalByKey(), List.of(column(totalByKey(), 1)), List.of("total"));
        GpuPlan groups = GpuPlan.of(new Sort(overGroups, List.of(SortKey.ascending(0))));
        assertThat(groups.hostOperators()).containsExactly("Sort", "Project");
        assertThat(groups.pipeline().sink()).isInstanceOf(PipelineSink.GroupedAggregation.class);
    }

    @Test
    void aHavingConditionOverTheGroupsRunsOnTheDeviceWhetherTheGroupsAreTheResultOrAnEarlierStage() {
        Filter having = new Filter(totalByKey(), new Call(Operator.GREATER_THAN, List.of(column(totalByKey(), 1),
                Literal.of(new BigDecimal("300"))), DataType.BOOLEAN, true));
        GpuPlan top = GpuPlan.of(new Sort(having, List.of(SortKey.ascending(1))));
        assertThat(top.stages()).hasSize(1);
        assertThat(top.hostOperators()).containsExactly("Sort");
        assertThat(top.stages().getFirst().pipelineSource()).isEqualTo(having);
        assertThat(top.pipeline().sink()).isInstanceOfSatisfying(PipelineSink.GroupedAggregation.class,
                grouped -> assertThat(grouped.having()).isEqualTo(having.condition()));
        // TPC-H Q18's shape: the groups a HAVING keeps are a join's build side
        GpuPlan build = GpuPlan.of(new HashJoin(ITEMS, having, JoinKind.SEMI, List.of(JoinKey.equal(0, 0)), null));
        assertThat(build.stages()).hasSize(2);
        assertThat(build.stages().getFirst().pipelineSource()).isEqualTo(having);
        assertThat(build.stages().getFirst().describe()).isEqualTo("1 fused kernel (scan orders -> hash aggregate by"
                + " 1 key(s), 1 value(s) -> filter the groups)");
        assertThat(build.pipeline().joins().getFirst().build().conjuncts()).isEmpty();
    }

    @Test
    void aHavingConditionOverAStringStaysOnTheHost() {
        Scan named = new Scan("named", List.of(0, 1), List.of(Field.required("name", DataType.VARCHAR),
                Field.required("amount", DataType.INT64)), List.of());
        HashAggregate byName = new HashAggregate(named, List.of(0), List.of(AggregateCall.of(AggregateFunction.SUM, 1,
                "total", DataType.INT64, true)));
        Filter overName = new Filter(byName, new Call(Operator.EQUALS, List.of(column(byName, 0),
                Literal.of("x")), DataType.BOOLEAN, false));
        GpuPlan plan = GpuPlan.of(overName);
        assertThat(plan.hostOperators()).containsExactly("Filter");
        assertThat(((PipelineSink.GroupedAggregation) plan.pipeline().sink()).having()).isNull();
    }

    @Test
    void anAggregateProbedBySelectiveJoinOnItsGroupKeysFirstProbesItsRowsAgainstTheBuildSide() {
        Scan bigOrders = new Scan("orders", List.of(0, 1), ORDERS.fields(), List.of(new Call(Operator.GREATER_THAN,
                List.of(new ColumnRef(0, DataType.INT64, false), Literal.of(1000L)), DataType.BOOLEAN, false)));
        PlanNode plan = new HashJoin(totalByKey(), bigOrders, JoinKind.INNER, List.of(JoinKey.equal(0, 0)), null);
        GpuPlan gpuPlan = GpuPlan.of(plan);
        assertThat(gpuPlan.stages()).hasSize(2);
        Pipeline groups = gpuPlan.stages().getFirst().pipeline();
        assertThat(groups.sink()).isInstanceOf(PipelineSink.GroupedAggregation.class);
        assertThat(groups.joins()).singleElement().satisfies(semi -> {
            assertThat(semi.kind()).isEqualTo(JoinKind.SEMI);
            assertThat(semi.build().scan().table()).isEqualTo("orders");
            assertThat(semi.build().conjuncts()).isEqualTo(bigOrders.filters());
            assertThat(semi.build().sink().fields()).extracting(Field::type).containsExactly(DataType.INT64);
        });
        assertThat(gpuPlan.pipeline().joins().getFirst().kind()).isEqualTo(JoinKind.INNER); // the join itself stays
        // the SEMI join probes the input field the key groups by (i_count, input field 1, is the groups' field 0)
        HashAggregate byCount = new HashAggregate(ITEMS, List.of(1), List.of(AggregateCall.countStar("items")));
        Scan someCounts = new Scan("counts", List.of(0), List.of(Field.required("c", DataType.INT32)), List.of(
                new Call(Operator.GREATER_THAN, List.of(new ColumnRef(0, DataType.INT32, false), Literal.of(3)),
                        DataType.BOOLEAN, false)));
        GpuPlan counted = GpuPlan.of(new HashJoin(byCount, someCounts, JoinKind.INNER, List.of(JoinKey.equal(0, 0)),
                null));
        assertThat(counted.stages().getFirst().pipeline().joins()).singleElement().satisfies(semi -> assertThat(
                semi.probeKeys()).containsExactly(new ColumnRef(1, DataType.INT32, false)));
        // a key that lets NULL match NULL (decorrelation's IS NOT DISTINCT FROM) keeps the NULL group
        GpuPlan nullSafe = GpuPlan.of(new HashJoin(byCount, someCounts, JoinKind.INNER, List.of(new JoinKey(0, 0,
                true)), null));
        assertThat(nullSafe.stages().getFirst().pipeline().joins()).singleElement()
                .satisfies(semi -> assertThat(semi.nullSafe()).containsExactly(true));
        // no filter on the build side: nothing to gain, the aggregate is left as it is
        PlanNode unfiltered = new HashJoin(totalByKey(), ORDERS, JoinKind.INNER, List.of(JoinKey.equal(0, 0)), null);
        assertThat(GpuPlan.of(unfiltered).stages().getFirst().pipeline().joins()).isEmpty();
        // a key on an aggregate's value, or a LEFT join that keeps every group: nothing to filter the rows by
        PlanNode onTotals = new HashJoin(totalByKey(), new Project(bigOrders, List.of(column(bigOrders, 1)),
                List.of("o_total")), JoinKind.INNER, List.of(JoinKey.equal(1, 0)), null);
        assertThat(GpuPlan.of(onTotals).stages().getFirst().pipeline().joins()).isEmpty();
        PlanNode left = new HashJoin(totalByKey(), bigOrders, JoinKind.LEFT, List.of(JoinKey.equal(0, 0)), null);
        assertThat(GpuPlan.of(left).stages().getFirst().pipeline().joins()).isEmpty();
    }

    @Test
    void aSemiJoinOverAnInnerJoinMovesToTheSideItsKeysComeFrom() {
        Scan large = new Scan("large", List.of(0), List.of(Field.required("l_key", DataType.INT64)), List.of());
        HashJoin joined = new HashJoin(ITEMS, ORDERS, JoinKind.INNER, List.of(JoinKey.equal(0, 0)), null);
        // Q18's shape: the SEMI's key is the build side's o_key (field 2 of items ++ orders)
        GpuPlan onOrders = GpuPlan.of(new HashJoin(joined, large, JoinKind.SEMI, List.of(JoinKey.equal(2, 0)), null));
        assertThat(onOrders.pipeline().joins()).singleElement().satisfies(inner -> {
            assertThat(inner.kind()).isEqualTo(JoinKind.INNER);
            assertThat(inner.build().scan().table()).isEqualTo("orders");
            assertThat(inner.build().joins()).singleElement().satisfies(semi -> {
                assertThat(semi.kind()).isEqualTo(JoinKind.SEMI);
                assertThat(semi.probeKeys()).containsExactly(new ColumnRef(0, DataType.INT64, false));
            });
        });
        assertThat(onOrders.pipeline().sink().fields()).isEqualTo(joined.fields());
        // on the probe side's i_order: probed before the INNER join
        GpuPlan onItems = GpuPlan.of(new HashJoin(joined, large, JoinKind.SEMI, List.of(new JoinKey(0, 0, true)),
                null));
        assertThat(onItems.pipeline().joins()).extracting(JoinStage::kind).containsExactly(JoinKind.SEMI,
                JoinKind.INNER);
        assertThat(onItems.pipeline().joins().getFirst().nullSafe()).containsExactly(true);
        // keys from both sides, or a residual: it stays where the plan put it
        PlanNode both = new HashJoin(joined, new Project(large, List.of(column(large, 0), column(large, 0)),
                List.of("a", "b")), JoinKind.SEMI, List.of(JoinKey.equal(0, 0), JoinKey.equal(2, 1)), null);
        assertThat(GpuPlan.of(both).pipeline().joins()).extracting(JoinStage::kind).containsExactly(JoinKind.INNER,
                JoinKind.SEMI);
    }

    @Test
    void anAggregateThatCouldFailInGroupsTheJoinDropsIsNotReduced() {
        Scan bigOrders = new Scan("orders", List.of(0, 1), ORDERS.fields(), List.of(new Call(Operator.GREATER_THAN,
                List.of(new ColumnRef(0, DataType.INT64, false), Literal.of(1000L)), DataType.BOOLEAN, false)));
        // a SUM of INT64 values may overflow INT64 in a group the join would drop: the CPU reports that
        Scan counts = new Scan("counts", List.of(0, 1), List.of(Field.required("c_key", DataType.INT64),
                Field.required("c_value", DataType.INT64)), List.of());
        HashAggregate sums = new HashAggregate(counts, List.of(0), List.of(AggregateCall.of(AggregateFunction.SUM, 1,
                "total", DataType.INT64, false)));
        PlanNode overflowing = new HashJoin(sums, bigOrders, JoinKind.INNER, List.of(JoinKey.equal(0, 0)), null);
        assertThat(GpuPlan.of(overflowing).stages().getFirst().pipeline().joins()).isEmpty();
        // a division inside the aggregate's argument may fail on rows the join would drop
        Project halves = new Project(counts, List.of(column(counts, 0), new Call(Operator.DIVIDE, List.of(
                column(counts, 1), Literal.of(0L)), DataType.INT64, false)), List.of("c_key", "c_half"));
        HashAggregate maxima = new HashAggregate(halves, List.of(0), List.of(AggregateCall.of(AggregateFunction.MAX, 1,
                "top", DataType.INT64, false)));
        PlanNode failing = new HashJoin(maxima, bigOrders, JoinKind.INNER, List.of(JoinKey.equal(0, 0)), null);
        assertThat(GpuPlan.of(failing).stages().getFirst().pipeline().joins()).isEmpty();
        HashAggregate plainMaxima = new HashAggregate(counts, List.of(0), List.of(
                AggregateCall.of(AggregateFunction.MAX, 1, "top", DataType.INT64, false)));
        PlanNode plain = new HashJoin(plainMaxima, bigOrders, JoinKind.SEMI, List.of(JoinKey.equal(0, 0)), null);
        assertThat(GpuPlan.of(plain).stages().getFirst().pipeline().joins()).singleElement()
                .satisfies(semi -> assertThat(semi.kind()).isEqualTo(JoinKind.SEMI));
    }

    @Test
    void aUnionRunsEachInputAsAStageAndTheHostConcatenatesThem() {
        Project orderKeys = new Project(ORDERS, List.of(column(ORDERS, 0)), List.of("key"));
        Project itemOrders = new Project(ITEMS, List.of(column(ITEMS, 0)), List.of("key"));
        UnionAll union = new UnionAll(List.of(orderKeys, itemOrders));
        GpuPlan sorted = GpuPlan.of(new Sort(union, List.of(SortKey.ascending(0))));
        assertThat(sorted.stages()).hasSize(3);
        assertThat(sorted.stages().get(0).pipeline().scan().table()).isEqualTo("orders");
        assertThat(sorted.stages().get(1).pipeline().scan().table()).isEqualTo("items");
        Stage concatenation = sorted.result();
        assertThat(concatenation.hostOnly()).isTrue();
        assertThat(concatenation.hostOperators()).containsExactly("Sort", "UnionAll");
        assertThat(concatenation.hostPlan().fields()).isEqualTo(union.fields());
        assertThat(sorted.describe()).endsWith("[3] host (CPU executor) runs Sort, UnionAll over earlier stages'"
                + " tables");
        GpuPlan counted = GpuPlan.of(new HashAggregate(union, List.of(0), List.of(AggregateCall.countStar("n"))));
        assertThat(counted.stages()).hasSize(4);
        assertThat(counted.pipeline().scan().table()).isEqualTo("$stage3");
        assertThat(GpuExecutor.kernels(counted)).hasSize(3); // the union itself has no kernel
    }

    @Test
    void joinsThatAreNeitherHashJoinsNorSingleRowJoinsStayOnTheCpuWithTheReason() {
        assertThat(GpuExecutor.unsupportedReason(new HashJoin(ORDERS, ITEMS, JoinKind.INNER, List.of(), null)))
                .hasValueSatisfying(reason -> assertThat(reason).contains("unless one side is a single row"));
        assertThat(GpuExecutor.unsupportedReason(new HashJoin(ORDERS, halfOfAllOrders(), JoinKind.MARK, List.of(),
                null))).hasValueSatisfying(reason -> assertThat(reason).contains("hash joins (MARK)"));
    }
}
