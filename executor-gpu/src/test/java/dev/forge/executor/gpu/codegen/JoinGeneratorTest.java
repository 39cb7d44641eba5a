package dev.forge.executor.gpu.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.columnar.DataType;
import dev.forge.columnar.Field;
import dev.forge.executor.gpu.pipeline.GpuPlan;
import dev.forge.executor.gpu.pipeline.JoinStage;
import dev.forge.executor.gpu.pipeline.Pipeline;
import dev.forge.plan.AggregateCall;
import dev.forge.plan.AggregateFunction;
import dev.forge.plan.Filter;
import dev.forge.plan.HashAggregate;
import dev.forge.plan.HashJoin;
import dev.forge.plan.JoinKey;
import dev.forge.plan.JoinKind;
import dev.forge.plan.PlanNode;
import dev.forge.plan.Scan;
import dev.forge.plan.expr.Call;
import dev.forge.plan.expr.ColumnRef;
import dev.forge.plan.expr.Expr;
import dev.forge.plan.expr.Literal;
import dev.forge.plan.expr.Operator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pipelines and generated CUDA of hash joins: star joins, residuals, filters after joins, SEMI/ANTI, NULL keys. */
class JoinGeneratorTest {
    private static final Scan FACT = new Scan("fact", List.of(0, 1, 2), List.of(Field.nullable("f_key", DataType.INT32),
            Field.required("f_date", DataType.DATE), Field.required("f_value", DataType.INT64)), List.of());
    private static final Scan DIMENSION = new Scan("dimension", List.of(0, 1, 2), List.of(
            Field.nullable("d_key", DataType.INT32), Field.required("d_name", DataType.VARCHAR),
            Field.nullable("d_weight", DataType.INT64)), List.of());
    private static final Scan DATES = new Scan("dates", List.of(0, 1), List.of(Field.required("dt", DataType.DATE),
            Field.required("year", DataType.INT32)), List.of());

    private static ColumnRef column(List<Field> fields, int index) {
        return new ColumnRef(index, fields.get(index).type(), fields.get(index).nullable());
    }

    /** SUM(f_value) GROUP BY d_name, year over fact JOIN dimension JOIN dates WHERE year >= {@code fromYear}. */
    private static PlanNode star(int fromYear) {
        PlanNode dates = new Filter(DATES, Call.of(Operator.GREATER_THAN_OR_EQUAL, DataType.BOOLEAN, false,
                column(DATES.fields(), 1), Literal.of(fromYear)));
        PlanNode withDimension = new HashJoin(FACT, DIMENSION, JoinKind.INNER, List.of(JoinKey.equal(0, 0)), null);
        PlanNode withDates = new HashJoin(withDimension, dates, JoinKind.INNER, List.of(JoinKey.equal(1, 0)), null);
        // fields: f_key, f_date, f_value, d_key, d_name, d_weight, dt, year
        return new HashAggregate(withDates, List.of(4, 7), List.of(AggregateCall.of(AggregateFunction.SUM, 2, "total",
                DataType.INT64, false)));
    }

    @Test
    void aStarJoinProbesEveryDimensionInOneKernelAndReadsBuildColumnsFromTheBuildRows() {
        Pipeline pipeline = GpuPlan.of(star(1995)).pipeline();
        assertThat(pipeline.scan().table()).isEqualTo("fact");
        assertThat(pipeline.joins()).extracting(JoinStage::firstField).containsExactly(3, 6);
        assertThat(pipeline.fields()).extracting(Field::name)
                .containsExactly("f_key", "f_date", "f_value", "d_key", "d_name", "d_weight", "dt", "year");
        assertThat(pipeline.joins().get(1).build().conjuncts()).hasSize(1);
        GeneratedKernel kernel = KernelGenerator.generate(pipeline);
        assertThat(kernel.builds()).hasSize(2);
        String source = kernel.source();
        assertThat(source).contains("forge_join_build0(", "forge_join_build1(", "forge_group_slot<2>");
        // the joins run as stages over all of a thread's items: each stage reads the first slot of every live item's
        // key, and build columns load for all items once every join has bound its row
        int deferred = source.indexOf("for (unsigned pending = deferred_items;");
        String staged = source.substring(0, deferred);
        assertThat(staged).contains("join0_head_t[item] = join0_rows[join0_slot]",
                "join1_head_t[item] = join1_rows[join1_slot]", "join0_c1_t[item] = load ? join0_c1[join0_bound[item]]",
                "join1_c1_t[item] = load ? join1_c1[join1_bound[item]]");
        assertThat(staged.indexOf("join1_head_t[item] =")).isGreaterThan(staged.indexOf("join0_head_t[item] ="));
        // the staged rows leave their scope converged, so each warp combines its rows of a group first
        assertThat(staged).contains("forge_peers_of(__match_any_sync(0xffffffffu, local_slot))");
        // a key with several build rows defers its probe row to the nested code: the probe of the second join is
        // nested in the first's loop (one joined row per pair of matches), and lanes leave the match loops at
        // different times, so no warp collective is written where not every lane would reach it
        String nested = source.substring(deferred, source.indexOf("extern \"C\"", deferred));
        assertThat(nested).contains("join0_rows[join0_slot]", "join1_rows[join1_slot]", "join0_c1[join0_row]",
                "join1_c1[join1_row]", "forge_local_group_slot<2, ").doesNotContain("__match_any_sync");
        assertThat(nested.indexOf("join1_slot")).isGreaterThan(nested.indexOf("join0_slot"));
        assertThat(kernel.parameters()).contains(new KernelParameter.JoinRows(0), new KernelParameter.JoinKeys(1),
                new KernelParameter.JoinLinks(0), new KernelParameter.JoinCapacity(1),
                new KernelParameter.BuildValues(0, 1, "int"));
        // each key's build rows are a chain in one slot: the probe walks it and looks at no further slot
        assertThat(kernel.source()).contains("join0_links[FORGE_LINK_ROW(join0_link)]", "FORGE_MORE_ROWS",
                "break; // no other slot holds the key");
        assertThat(GpuPlan.of(star(1995)).describe()).startsWith("GPU: 5 kernels");
    }

    @Test
    void anotherConstantInABuildFilterReusesEveryKernel() {
        GeneratedKernel first = KernelGenerator.generate(GpuPlan.of(star(1995)).pipeline());
        GeneratedKernel second = KernelGenerator.generate(GpuPlan.of(star(1997)).pipeline());
        assertThat(second.source()).isEqualTo(first.source());
        assertThat(second.builds().get(1).source()).isEqualTo(first.builds().get(1).source())
                .doesNotContain("1995").doesNotContain("1997");
    }

    @Test
    void aNullKeyThatIsNotNullSafeIsNeitherInsertedNorLookedUp() {
        PlanNode join = new HashJoin(FACT, DIMENSION, JoinKind.INNER, List.of(JoinKey.equal(0, 0)), null);
        GeneratedKernel kernel = KernelGenerator.generate(GpuPlan.of(join).pipeline());
        assertThat(kernel.source()).contains("if (!valid0) continue;").contains("const u64 join0_key[1]");
        assertThat(kernel.joinKeyWords(0)).isEqualTo(1);
    }

    @Test
    void aNullSafeKeyHashesANullMaskWord() {
        PlanNode join = new HashJoin(FACT, DIMENSION, JoinKind.INNER, List.of(new JoinKey(0, 0, true)), null);
        GeneratedKernel kernel = KernelGenerator.generate(GpuPlan.of(join).pipeline());
        assertThat(kernel.joinKeyWords(0)).isEqualTo(2);
        assertThat(kernel.source()).doesNotContain("if (!valid0) continue;")
                .contains("(valid0 ? 0ULL : 1ULL)").contains("const u64 join0_key[2]");
    }

    @Test
    void semiAndAntiJoinsOnlyAskWhetherAMatchPassesTheResidual() {
        List<Field> both = new HashJoin(FACT, DIMENSION, JoinKind.SEMI, List.of(), null).residualInputFields();
        Expr residual = Call.of(Operator.GREATER_THAN, DataType.BOOLEAN, true, column(both, 2), column(both, 5));
        for (JoinKind kind : List.of(JoinKind.SEMI, JoinKind.ANTI)) {
            PlanNode join = new HashJoin(FACT, DIMENSION, kind, List.of(JoinKey.equal(0, 0)), residual);
            PlanNode plan = new HashAggregate(join, List.of(), List.of(AggregateCall.of(AggregateFunction.SUM, 2, "s",
                    DataType.INT64, false)));
            Pipeline pipeline = GpuPlan.of(plan).pipeline();
            assertThat(pipeline.joins().getFirst().residual()).isNotNull();
            String source = KernelGenerator.generate(pipeline).source();
            assertThat(source).contains("join0_matched = true;", "break;", "join0_c2[join0_row]")
                    .contains(kind == JoinKind.SEMI ? "if (join0_matched)" : "if (!join0_matched)");
        }
    }

    @Test
    void aFilterOverJoinedRowsRunsAfterTheJoin() {
        PlanNode join = new HashJoin(FACT, DIMENSION, JoinKind.INNER, List.of(JoinKey.equal(0, 0)), null);
        Expr heavier = Call.of(Operator.GREATER_THAN, DataType.BOOLEAN, true, column(join.fields(), 2),
                column(join.fields(), 5));
        Pipeline pipeline = GpuPlan.of(new Filter(join, heavier)).pipeline();
        assertThat(pipeline.conjuncts()).isEmpty();
        assertThat(pipeline.joins().getFirst().conjunctsAfter()).hasSize(1);
        String source = KernelGenerator.generate(pipeline).source();
        assertThat(source.indexOf("join0_c2[join0_row]")).isGreaterThan(source.indexOf("join0_slot"));
        assertThat(source).contains("atomicAdd(output_count, 1ULL)", "at < (u64)output_capacity");
        // the staged rows take their positions one warp at a time; the deferred rows of the nested code one by one
        int deferred = source.indexOf("for (unsigned pending = deferred_items;");
        assertThat(source.substring(0, deferred)).contains("forge_warp_claim(output_count, live[item])")
                .doesNotContain("atomicAdd(output_count");
        assertThat(source.substring(deferred)).contains("atomicAdd(output_count, 1ULL)");
    }
}
