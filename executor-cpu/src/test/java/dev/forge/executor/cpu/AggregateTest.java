package dev.forge.executor.cpu;

import static dev.forge.executor.cpu.TestTables.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forge.columnar.DataType;
import dev.forge.columnar.Field;
import dev.forge.columnar.StringLayout;
import dev.forge.columnar.Table;
import dev.forge.cuda.testing.NativeLeakCheck;
import dev.forge.plan.AggregateCall;
import dev.forge.plan.AggregateFunction;
import dev.forge.plan.HashAggregate;
import dev.forge.plan.PlanNode;
import dev.forge.plan.PlanValidator;
import dev.forge.plan.QueryException;
import dev.forge.plan.Values;
import dev.forge.plan.expr.Literal;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NativeLeakCheck.class)
class AggregateTest {
    private static final DataType MONEY = DataType.decimal(12, 2);
    private static final List<Field> FIELDS = List.of(Field.nullable("k", DataType.VARCHAR),
            Field.nullable("g", DataType.INT32), Field.nullable("x", DataType.INT64),
            Field.nullable("m", MONEY), Field.nullable("f", DataType.FLOAT64), Field.nullable("keep", DataType.BOOLEAN));

    private static List<List<Object>> data(int rows, long seed) {
        Random random = new Random(seed);
        List<List<Object>> data = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            data.add(row(random.nextInt(10) == 0 ? null : "key" + random.nextInt(7),
                    random.nextInt(13) == 0 ? null : random.nextInt(5) - 2,
                    random.nextInt(9) == 0 ? null : (long) random.nextInt(2_000_001) - 1_000_000,
                    random.nextInt(8) == 0 ? null : BigDecimal.valueOf(random.nextLong() % 10_000_000_000L, 2),
                    random.nextInt(11) == 0 ? null : random.nextGaussian() * 1e6,
                    random.nextInt(6) == 0 ? null : random.nextBoolean()));
        }
        return data;
    }

    private static List<List<Object>> run(PlanNode plan, List<List<Object>> rows, int threads, int morsel,
            StringLayout layout) {
        PlanValidator.validate(plan);
        try (TestCatalog catalog = new TestCatalog().add("t", TestTables.table(FIELDS, rows, layout));
                Table result = new CpuExecutor(threads, morsel).execute(plan, catalog)) {
            assertThat(result.schema().fields()).isEqualTo(plan.fields());
            return TestTables.rows(result);
        }
    }

    private static HashAggregate groupedPlan() {
        return new HashAggregate(TestTables.scan("t", FIELDS), List.of(0, 1), List.of(
                AggregateCall.countStar("n"),
                AggregateCall.of(AggregateFunction.COUNT, 2, "nx", DataType.INT64, false),
                AggregateCall.of(AggregateFunction.SUM, 2, "sx", DataType.INT64, true),
                AggregateCall.of(AggregateFunction.SUM, 3, "sm", DataType.decimal(38, 2), true),
                AggregateCall.of(AggregateFunction.MIN, 3, "minm", MONEY, true),
                AggregateCall.of(AggregateFunction.MAX, 0, "maxk", DataType.VARCHAR, true),
                new AggregateCall(AggregateFunction.SUM0, List.of(2), false, 5, "filtered", DataType.INT64, false),
                new AggregateCall(AggregateFunction.COUNT, List.of(2), true, -1, "distinctx", DataType.INT64, false),
                AggregateCall.of(AggregateFunction.AVG, 3, "avgm", DataType.decimal(18, 4), true)));
    }

    /** The same aggregates, computed the obvious way. */
    private static List<List<Object>> oracle(List<List<Object>> rows) {
        Map<List<Object>, List<List<Object>>> groups = new LinkedHashMap<>();
        for (List<Object> row : rows) {
            groups.computeIfAbsent(java.util.Arrays.asList(row.get(0), row.get(1)), key -> new ArrayList<>()).add(row);
        }
        List<List<Object>> result = new ArrayList<>();
        for (Map.Entry<List<Object>, List<List<Object>>> group : groups.entrySet()) {
            List<List<Object>> members = group.getValue();
            List<Long> xs = members.stream().map(r -> (Long) r.get(2)).filter(Objects::nonNull).toList();
            List<BigDecimal> ms = members.stream().map(r -> (BigDecimal) r.get(3)).filter(Objects::nonNull).toList();
            List<String> ks = members.stream().map(r -> (String) r.get(0)).filter(Objects::nonNull).toList();
            long filtered = members.stream().filter(r -> Boolean.TRUE.equals(r.get(5)) && r.get(2) != null)
                    .mapToLong(r -> (Long) r.get(2)).sum();
            BigDecimal sum = ms.stream().reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
            List<Object> out = new ArrayList<>(group.getKey());
            out.add((long) members.size());
            out.add((long) xs.size());
            out.add(xs.isEmpty() ? null : xs.stream().mapToLong(Long::longValue).sum());
            out.add(ms.isEmpty() ? null : sum);
            out.add(ms.stream().min(Comparator.naturalOrder()).orElse(null));
            out.add(ks.stream().max(Comparator.naturalOrder()).orElse(null));
            out.add(filtered);
            out.add(xs.stream().distinct().count());
            out.add(ms.isEmpty() ? null : sum.divide(BigDecimal.valueOf(ms.size()), 4, java.math.RoundingMode.HALF_UP));
            result.add(out);
        }
        return result;
    }

    @Test
    void groupedAggregatesMatchTheObviousComputation() {
        List<List<Object>> rows = data(500, 1);
        List<List<Object>> expected = oracle(rows);
        for (StringLayout layout : StringLayout.values()) {
            assertThat(run(groupedPlan(), rows, 3, 37, layout)).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void resultsDoNotDependOnThreadCount() {
        List<List<Object>> rows = data(3000, 2);
        HashAggregate floatSums = new HashAggregate(TestTables.scan("t", FIELDS), List.of(1), List.of(
                AggregateCall.of(AggregateFunction.SUM, 4, "sf", DataType.FLOAT64, true),
                AggregateCall.of(AggregateFunction.AVG, 4, "af", DataType.FLOAT64, true)));
        List<List<Object>> single = run(floatSums, rows, 1, 64, StringLayout.PLAIN);
        assertThat(run(floatSums, rows, 4, 64, StringLayout.PLAIN)).isEqualTo(single);
        assertThat(run(groupedPlan(), rows, 4, 64, StringLayout.DICTIONARY))
                .isEqualTo(run(groupedPlan(), rows, 1, 64, StringLayout.DICTIONARY));
        Map<Object, Double> sums = new HashMap<>();
        for (List<Object> row : rows) {
            if (row.get(4) != null) {
                sums.merge(row.get(1), (Double) row.get(4), Double::sum);
            }
        }
        for (List<Object> result : single) {
            assertThat((Double) result.get(1)).isCloseTo(sums.get(result.get(0)),
                    org.assertj.core.api.Assertions.within(1e-6 * Math.abs(sums.get(result.get(0))) + 1e-6));
        }
    }

    @Test
    void noKeysGiveOneRowEvenForEmptyInput() {
        List<AggregateCall> calls = List.of(AggregateCall.countStar("n"),
                AggregateCall.of(AggregateFunction.SUM, 2, "s", DataType.INT64, true),
                AggregateCall.of(AggregateFunction.SUM0, 2, "s0", DataType.INT64, false),
                AggregateCall.of(AggregateFunction.MAX, 4, "mx", DataType.FLOAT64, true));
        HashAggregate total = new HashAggregate(TestTables.scan("t", FIELDS), List.of(), calls);
        assertThat(run(total, List.of(), 2, 8, StringLayout.PLAIN)).containsExactly(row(0L, null, 0L, null));
        HashAggregate grouped = new HashAggregate(TestTables.scan("t", FIELDS), List.of(1), calls);
        assertThat(run(grouped, List.of(), 2, 8, StringLayout.PLAIN)).isEmpty();
        List<List<Object>> rows = List.of(row("a", 1, 5L, null, Double.NaN, true), row("a", 1, null, null, 2.0, true));
        assertThat(run(total, rows, 2, 1, StringLayout.PLAIN)).containsExactly(row(2L, 5L, 5L, Double.NaN));
        HashAggregate any = new HashAggregate(TestTables.scan("t", FIELDS), List.of(), List.of(
                AggregateCall.of(AggregateFunction.ANY_VALUE, 2, "a", DataType.INT64, true),
                AggregateCall.of(AggregateFunction.MIN, 4, "mn", DataType.FLOAT64, true)));
        assertThat(run(any, rows, 2, 1, StringLayout.PLAIN)).containsExactly(row(5L, 2.0));
    }

    @Test
    void singleValueRejectsASecondRow() {
        Values two = new Values(List.of(Field.required("v", DataType.INT64)), List.of(
                List.of(Literal.of(1L)), List.of(Literal.of(2L))));
        HashAggregate single = new HashAggregate(two, List.of(), List.of(
                AggregateCall.of(AggregateFunction.SINGLE_VALUE, 0, "v", DataType.INT64, true)));
        try (TestCatalog catalog = new TestCatalog()) {
            assertThatThrownBy(() -> new CpuExecutor(2).execute(single, catalog).close())
                    .isInstanceOf(QueryException.class).hasMessageContaining("more than one row");
            Values one = new Values(two.fields(), List.of(List.of(Literal.of(7L))));
            try (Table result = new CpuExecutor(2).execute(new HashAggregate(one, List.of(), single.aggregates()),
                    catalog)) {
                assertThat(TestTables.rows(result)).containsExactly(row(7L));
            }
        }
    }

    @Test
    void manyGroupsGrowTheTables() {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            rows.add(row("k" + (i % 7), i % 5 - 2, (long) (i * 7919 % 15_000), null, null, null));
        }
        HashAggregate byX = new HashAggregate(TestTables.scan("t", FIELDS), List.of(2), List.of(
                AggregateCall.countStar("n")));
        List<List<Object>> result = run(byX, rows, 4, 1000, StringLayout.PLAIN);
        assertThat(result).hasSize(15_000);
        assertThat(result.stream().mapToLong(r -> (Long) r.get(1)).sum()).isEqualTo(20_000);
    }

    @Test
    void mostlyDistinctKeysPassRowsOnAndStillMatchTheObviousComputation() {
        // Morsels of 2,048 rows: the first 12 have keys that barely repeat (each row passes on as its own group), the
        // rest repeat 8 keys (pre-aggregated), and keys of both kinds meet in the merge.
        Random random = new Random(11);
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < 40_000; i++) {
            long key = i < 12 * 2048 ? random.nextInt(60_000) : random.nextInt(8);
            rows.add(row(null, null, key, BigDecimal.valueOf(random.nextLong() % 1_000_000L, 2),
                    random.nextGaussian() * 1e3, null));
        }
        HashAggregate byX = new HashAggregate(TestTables.scan("t", FIELDS), List.of(2), List.of(
                AggregateCall.countStar("n"),
                AggregateCall.of(AggregateFunction.SUM, 3, "sm", DataType.decimal(38, 2), true),
                AggregateCall.of(AggregateFunction.SUM, 4, "sf", DataType.FLOAT64, true)));
        List<List<Object>> single = run(byX, rows, 1, 2048, StringLayout.PLAIN);
        assertThat(run(byX, rows, 4, 2048, StringLayout.PLAIN)).isEqualTo(single);
        Map<Object, long[]> counts = new HashMap<>();
        Map<Object, BigDecimal> sums = new HashMap<>();
        Map<Object, Double> floatSums = new HashMap<>();
        for (List<Object> row : rows) {
            counts.computeIfAbsent(row.get(2), key -> new long[1])[0]++;
            sums.merge(row.get(2), (BigDecimal) row.get(3), BigDecimal::add);
            floatSums.merge(row.get(2), (Double) row.get(4), Double::sum);
        }
        assertThat(single).hasSize(counts.size());
        for (List<Object> result : single) {
            assertThat((Long) result.get(1)).isEqualTo(counts.get(result.get(0))[0]);
            assertThat((BigDecimal) result.get(2)).isEqualByComparingTo(sums.get(result.get(0)));
            assertThat((Double) result.get(3)).isCloseTo(floatSums.get(result.get(0)),
                    org.assertj.core.api.Assertions.within(1e-9 * Math.abs(floatSums.get(result.get(0))) + 1e-6));
        }
    }
}
