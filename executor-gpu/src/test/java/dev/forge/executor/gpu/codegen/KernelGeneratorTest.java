package dev.forge.executor.gpu.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forge.columnar.DataType;
import dev.forge.columnar.Field;
import dev.forge.executor.gpu.UnsupportedOnGpuException;
import dev.forge.executor.gpu.pipeline.GpuPlan;
import dev.forge.plan.AggregateCall;
import dev.forge.plan.AggregateFunction;
import dev.forge.plan.Filter;
import dev.forge.plan.HashAggregate;
import dev.forge.plan.PlanNode;
import dev.forge.plan.Project;
import dev.forge.plan.Scan;
import dev.forge.plan.expr.Call;
import dev.forge.plan.expr.ColumnRef;
import dev.forge.plan.expr.Expr;
import dev.forge.plan.expr.Literal;
import dev.forge.plan.expr.Operator;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generated source of hand-built pipelines: literals as parameters, each expression kind's CUDA, the sinks. */
class KernelGeneratorTest {
    private static final DataType PRICE = DataType.decimal(15, 2);
    private static final Scan LINEITEM = new Scan("lineitem", List.of(0, 1, 2, 3), List.of(
            Field.required("l_quantity", PRICE), Field.required("l_extendedprice", PRICE),
            Field.required("l_discount", PRICE), Field.required("l_shipdate", DataType.DATE)), List.of());

    private static ColumnRef column(int index) {
        Field field = LINEITEM.fields().get(index);
        return new ColumnRef(index, field.type(), field.nullable());
    }

    /** TPC-H Q6's shape: SUM(price * discount) over a date range and a discount band. */
    private static PlanNode q6(LocalDate from, String discountLow, String quantity) {
        Expr predicate = new Call(Operator.AND, List.of(
                Call.of(Operator.GREATER_THAN_OR_EQUAL, DataType.BOOLEAN, false, column(3), Literal.of(from)),
                Call.of(Operator.LESS_THAN, DataType.BOOLEAN, false, column(3), Literal.of(from.plusYears(1))),
                Call.of(Operator.GREATER_THAN_OR_EQUAL, DataType.BOOLEAN, false, column(2),
                        Literal.of(new BigDecimal(discountLow))),
                Call.of(Operator.LESS_THAN, DataType.BOOLEAN, false, column(0), Literal.of(new BigDecimal(quantity)))),
                DataType.BOOLEAN, false);
        Expr revenue = Call.of(Operator.MULTIPLY, DataType.decimal(31, 4), false, column(1), column(2));
        PlanNode project = new Project(new Filter(LINEITEM, predicate), List.of(revenue), List.of("revenue_item"));
        return new HashAggregate(project, List.of(), List.of(AggregateCall.of(AggregateFunction.SUM, 0, "revenue",
                DataType.decimal(38, 4), true)));
    }

    private static GeneratedKernel generate(PlanNode plan) {
        return KernelGenerator.generate(GpuPlan.of(plan).pipeline());
    }

    @Test
    void anotherConstantGivesTheSameSourceSoTheKernelIsNotCompiledAgain() {
        String first = generate(q6(LocalDate.of(1994, 1, 1), "0.05", "24.00")).source();
        String second = generate(q6(LocalDate.of(1997, 6, 1), "0.01", "7.50")).source();
        assertThat(second).isEqualTo(first);
        assertThat(first).doesNotContain("1994").doesNotContain("8766").doesNotContain("0.05");
    }

    @Test
    void literalsAreKernelParametersAndDecimalsTravelAsTwoWords() {
        GeneratedKernel kernel = generate(q6(LocalDate.of(1994, 1, 1), "0.05", "24"));
        assertThat(kernel.source()).contains("const int lit0", "const i64 lit2_low", "const i64 lit2_high");
        assertThat(kernel.parameters()).filteredOn(KernelParameter.LiteralValue.class::isInstance).hasSize(6);
    }

    @Test
    void decimalProductIsExactAndCheckedAgainstItsPrecision() {
        String source = generate(q6(LocalDate.of(1994, 1, 1), "0.05", "24.00")).source();
        assertThat(source).contains("forge_mul_i128(").contains("forge_check_precision(").contains(", 31, ");
        // the exact sum: per-thread 128-bit accumulation, block reduction, one partial per block
        assertThat(source).contains("forge_sum128_add(").contains("forge_block_reduce(").contains("partials");
    }

    @Test
    void conjunctsAreThreeValuedAndLaterOnesCountErrorsOnlyWhereEarlierOnesLeftTheRowOpen() {
        Scan scan = new Scan("t", List.of(0, 1), List.of(Field.nullable("x", DataType.INT64),
                Field.nullable("y", DataType.INT64)), List.of());
        ColumnRef x = new ColumnRef(0, DataType.INT64, true);
        ColumnRef y = new ColumnRef(1, DataType.INT64, true);
        Expr guard = Call.of(Operator.NOT_EQUALS, DataType.BOOLEAN, true, y, Literal.of(0L));
        Expr ratio = Call.of(Operator.GREATER_THAN, DataType.BOOLEAN, true,
                Call.of(Operator.DIVIDE, DataType.INT64, true, x, y), Literal.of(1L));
        String source = generate(new Filter(scan, new Call(Operator.AND, List.of(guard, ratio), DataType.BOOLEAN,
                true))).source();
        assertThat(source).contains("forge_div_i64(").contains("forge_valid(col1_valid, row)");
        // the division's error is guarded by the first operand not being FALSE
        assertThat(source).containsPattern("\\(!b\\d+ && ");
        assertThat(source).contains("forge_raise(status, FORGE_ERROR_ARITHMETIC)");
    }

    @Test
    void groupedAggregateGathersInASharedTableThenInTheGlobalOneAndAddsExactlyWithCarry() {
        Scan scan = new Scan("t", List.of(0, 1), List.of(Field.nullable("k", DataType.INT32),
                Field.required("v", PRICE)), List.of());
        PlanNode plan = new HashAggregate(scan, List.of(0), List.of(
                AggregateCall.of(AggregateFunction.SUM, 1, "s", DataType.decimal(38, 2), true),
                AggregateCall.of(AggregateFunction.MIN, 1, "low", PRICE, true),
                AggregateCall.countStar("n")));
        GeneratedKernel kernel = generate(plan);
        assertThat(kernel.keyWords()).isEqualTo(2); // the key and its NULL mask
        assertThat(kernel.aggregateWords()).isEqualTo(1 + 2 + 3 + 2 + 1);
        // 9 words a slot: 341 slots fit the shared budget, rounded down to 256
        assertThat(kernel.source()).contains("__shared__ u64 local_groups[9 * 256];")
                .contains("forge_local_group_slot<2, 256>(local_groups, key, hash)")
                .contains("forge_group_slot<2>(group_table, group_capacity, key, hash, status)")
                .contains("forge_atomic_add128(").contains("atomicMax(").contains("~forge_order_i64(");
        // no joins: the lanes of a warp leave each row together, so each group's lanes combine first, in registers
        assertThat(kernel.source()).contains("forge_peers_of(__match_any_sync(0xffffffffu, local_slot))")
                .contains("g0_value = forge_peer_reduce(peers, g0_value, forge_add_op());")
                .contains("g1_value = forge_peer_reduce(peers, g1_value, forge_max_op());")
                .contains("if (peers.leader && local_slot >= 0)");
        // the block's groups reach the global table after its last tile: keys from the shared table, 128-bit sums whole
        String flush = kernel.source().substring(kernel.source().lastIndexOf("__syncthreads();"));
        assertThat(flush).contains("forge_group_slot<2>(group_table, group_capacity, key, status)")
                .contains("forge_i128_of_words(local_groups[(i64)3 * 256 + local_slot], local_groups[(i64)4 * 256"
                        + " + local_slot])");
    }

    @Test
    void rowsTooWideForTheSharedBudgetGoStraightToTheGlobalTable() {
        assertThat(GroupTableCode.localSlots(9)).isEqualTo(256);
        assertThat(GroupTableCode.localSlots(3)).isEqualTo(1024);
        assertThat(GroupTableCode.localSlots(GroupTableCode.LOCAL_TABLE_BYTES / 8 / GroupTableCode.MIN_LOCAL_SLOTS))
                .isEqualTo(GroupTableCode.MIN_LOCAL_SLOTS);
        assertThat(GroupTableCode.localSlots(GroupTableCode.LOCAL_TABLE_BYTES / 8 / GroupTableCode.MIN_LOCAL_SLOTS
                + 1)).isZero();
    }

    @Test
    void materialisedRowsAreCompactedWithABlockPrefixSumAndOneAtomicPerTile() {
        Scan scan = new Scan("t", List.of(0), List.of(Field.nullable("d", DataType.DATE)), List.of(
                Call.of(Operator.IS_NOT_NULL, DataType.BOOLEAN, false, new ColumnRef(0, DataType.DATE, true))));
        Expr year = Call.of(Operator.EXTRACT_YEAR, DataType.INT64, true, new ColumnRef(0, DataType.DATE, true));
        String source = generate(new Project(scan, List.of(year), List.of("y"))).source();
        assertThat(source).contains("forge_block_exclusive_sum(kept, scan_scratch, block_total)")
                .contains("atomicAdd(output_count, (u64)block_total)").contains("forge_civil_from_days(");
    }

    @Test
    void stringComparisonsBecomeDictionaryCodeRanges() {
        Scan scan = new Scan("t", List.of(0), List.of(Field.required("flag", DataType.VARCHAR)), List.of());
        ColumnRef flag = new ColumnRef(0, DataType.VARCHAR, false);
        Expr equals = Call.of(Operator.EQUALS, DataType.BOOLEAN, false, flag, Literal.of("R"));
        GeneratedKernel kernel = generate(new Filter(scan, equals));
        assertThat(kernel.parameters()).contains(new KernelParameter.DictionaryBound("lit0_lower", flag, "R", false),
                new KernelParameter.DictionaryBound("lit0_upper", flag, "R", true));
        assertThat(kernel.source()).contains(">= lit0_lower").contains("< lit0_upper");
    }

    @Test
    void likeTestsABitPerDictionaryCodeWhoseSetIsAParameter() {
        Scan scan = new Scan("t", List.of(0), List.of(Field.required("s", DataType.VARCHAR)), List.of());
        GeneratedKernel kernel = generate(new Filter(scan, like("a%")));
        assertThat(kernel.parameters()).contains(new KernelParameter.DictionaryMatches("lit0",
                new ColumnRef(0, DataType.VARCHAR, false), "a%", null));
        assertThat(kernel.source()).contains("forge_bit(lit0, ").doesNotContain("a%");
        assertThat(generate(new Filter(scan, like("%other_pattern"))).source()).isEqualTo(kernel.source());
    }

    @Test
    void whatTheSliceLacksIsNamed() {
        Scan scan = new Scan("t", List.of(0, 1), List.of(Field.required("s", DataType.VARCHAR),
                Field.required("k", DataType.INT32)), List.of());
        Expr substring = new Call(Operator.SUBSTRING, List.of(new ColumnRef(0, DataType.VARCHAR, false),
                new ColumnRef(1, DataType.INT32, false), Literal.of(2)), DataType.VARCHAR, false);
        Expr test = new Call(Operator.EQUALS, List.of(substring, Literal.of("ab")), DataType.BOOLEAN, false);
        assertThatThrownBy(() -> generate(new Filter(scan, test))).isInstanceOf(UnsupportedOnGpuException.class)
                .hasMessageContaining("SUBSTRING");
    }

    @Test
    void aStringFunctionOfAColumnIsALookupIntoADerivedDictionaryWithItsConstantsOutOfTheSource() {
        Scan scan = new Scan("t", List.of(0), List.of(Field.nullable("s", DataType.VARCHAR)), List.of());
        Expr prefix = substring(1, 2);
        Expr test = new Call(Operator.EQUALS, List.of(prefix, Literal.of("ab")), DataType.BOOLEAN, true);
        GeneratedKernel kernel = generate(new Filter(scan, test));
        assertThat(kernel.parameters()).contains(new KernelParameter.DictionaryMapping("lit0_codes", prefix),
                new KernelParameter.DictionaryBound("lit1_lower", prefix, "ab", false));
        assertThat(kernel.source()).contains("lit0_codes[").contains(">= 0;"); // -1 is NULL
        Expr other = new Call(Operator.EQUALS, List.of(substring(3, 1), Literal.of("x")), DataType.BOOLEAN, true);
        assertThat(generate(new Filter(scan, other)).source()).isEqualTo(kernel.source());
    }

    private static Expr substring(int start, int length) {
        return new Call(Operator.SUBSTRING, List.of(new ColumnRef(0, DataType.VARCHAR, true), Literal.of(start),
                Literal.of(length)), DataType.VARCHAR, true);
    }

    private static Expr like(String pattern) {
        return new Call(Operator.LIKE, List.of(new ColumnRef(0, DataType.VARCHAR, false), Literal.of(pattern)),
                DataType.BOOLEAN, false);
    }
}
