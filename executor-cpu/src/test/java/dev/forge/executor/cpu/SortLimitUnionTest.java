package dev.forge.executor.cpu;

import static dev.forge.executor.cpu.TestTables.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forge.columnar.DataType;
import dev.forge.columnar.Field;
import dev.forge.columnar.StringLayout;
import dev.forge.columnar.Table;
import dev.forge.cuda.LeakTracker;
import dev.forge.cuda.testing.NativeLeakCheck;
import dev.forge.plan.Filter;
import dev.forge.plan.HashJoin;
import dev.forge.plan.JoinKey;
import dev.forge.plan.JoinKind;
import dev.forge.plan.Limit;
import dev.forge.plan.PlanNode;
import dev.forge.plan.PlanValidator;
import dev.forge.plan.Project;
import dev.forge.plan.QueryCancelledException;
import dev.forge.plan.QueryException;
import dev.forge.plan.Scan;
import dev.forge.plan.Sort;
import dev.forge.plan.SortKey;
import dev.forge.plan.TopN;
import dev.forge.plan.UnionAll;
import dev.forge.plan.Values;
import dev.forge.plan.expr.Call;
import dev.forge.plan.expr.ColumnRef;
import dev.forge.plan.expr.Literal;
import dev.forge.plan.expr.Operator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NativeLeakCheck.class)
class SortLimitUnionTest {
    private static final List<Field> FIELDS = List.of(Field.nullable("x", DataType.FLOAT64),
            Field.nullable("s", DataType.VARCHAR), Field.required("id", DataType.INT64));

    private static List<List<Object>> data(int count, long seed) {
        Random random = new Random(seed);
        double[] specials = {Double.NaN, -0.0, 0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Double x = random.nextInt(7) == 0 ? null : random.nextInt(5) == 0
                    ? specials[random.nextInt(specials.length)] : (double) random.nextInt(20);
            rows.add(row(x, random.nextInt(6) == 0 ? null : "v" + random.nextInt(9), (long) i));
        }
        return rows;
    }

    private static List<List<Object>> run(PlanNode plan, List<List<Object>> rows, int threads, int morsel) {
        PlanValidator.validate(plan);
        try (TestCatalog catalog = new TestCatalog().add("t", TestTables.table(FIELDS, rows, StringLayout.DICTIONARY));
                Table result = new CpuExecutor(threads, morsel).execute(plan, catalog)) {
            return TestTables.rows(result);
        }
    }

    /** SQL order for one key, NULLs placed as asked whatever the direction. */
    private static Comparator<List<Object>> order(SortKey key) {
        Comparator<Object> values = (a, b) -> a instanceof Double x ? compareDoubles(x, (Double) b)
                : ((String) a).compareTo((String) b);
        Comparator<Object> directed = key.descending() ? values.reversed() : values;
        return (r1, r2) -> {
            Object a = r1.get(key.field());
            Object b = r2.get(key.field());
            if (a == null || b == null) {
                return a == b ? 0 : (a == null) == key.nullsFirst() ? -1 : 1;
            }
            return directed.compare(a, b);
        };
    }

    private static int compareDoubles(double x, double y) {
        if (x < y) {
            return -1;
        }
        if (x > y) {
            return 1;
        }
        if (x == y) {
            return 0;
        }
        return Boolean.compare(Double.isNaN(x), Double.isNaN(y));
    }

    private static Comparator<List<Object>> order(List<SortKey> keys) {
        Comparator<List<Object>> comparator = order(keys.getFirst());
        for (SortKey key : keys.subList(1, keys.size())) {
            comparator = comparator.thenComparing(order(key));
        }
        return comparator.thenComparing(r -> (Long) r.get(2)); // stable: input order breaks ties
    }

    @Test
    void sortOrdersNullsNaNAndDirections() {
        List<List<Object>> rows = data(700, 1);
        for (List<SortKey> keys : List.of(List.of(SortKey.ascending(0)), List.of(SortKey.descending(0)),
                List.of(new SortKey(0, false, true), new SortKey(1, true, false)),
                List.of(new SortKey(1, false, false), SortKey.descending(0)))) {
            List<List<Object>> expected = new ArrayList<>(rows);
            expected.sort(order(keys));
            List<List<Object>> actual = run(new Sort(TestTables.scan("t", FIELDS), keys), rows, 3, 50);
            assertThat(actual).as(keys.toString()).hasSize(expected.size());
            // -0.0 and 0.0 are equal keys (either may come first), so compare key values
            assertThat(actual.stream().map(r -> keyView(r, keys)).toList())
                    .isEqualTo(expected.stream().map(r -> keyView(r, keys)).toList());
        }
    }

    private static List<Object> keyView(List<Object> row, List<SortKey> keys) {
        List<Object> view = new ArrayList<>();
        for (SortKey key : keys) {
            Object value = row.get(key.field());
            view.add(value instanceof Double d && d == 0.0 ? 0.0 : value);
        }
        return view;
    }

    @Test
    void topNReturnsWhatAStableSortWould() {
        List<List<Object>> rows = data(900, 2);
        List<SortKey> keys = List.of(new SortKey(1, false, true), SortKey.descending(0));
        List<List<Object>> sorted = run(new Sort(TestTables.scan("t", FIELDS), keys), rows, 1, 900);
        for (long[] window : new long[][] {{0, 10}, {5, 17}, {0, 0}, {880, 50}, {0, 2000}}) {
            TopN topN = new TopN(TestTables.scan("t", FIELDS), keys, window[0], window[1]);
            int from = (int) Math.min(window[0], sorted.size());
            int to = (int) Math.min(window[0] + window[1], sorted.size());
            assertThat(run(topN, rows, 4, 64)).as(window[0] + "+" + window[1]).isEqualTo(sorted.subList(from, to));
        }
    }

    @Test
    void limitSkipsAndKeepsOrder() {
        List<List<Object>> rows = data(300, 3);
        Sort sort = new Sort(TestTables.scan("t", FIELDS), List.of(SortKey.descending(2)));
        List<List<Object>> limited = run(new Limit(sort, 25, 10), rows, 2, 16);
        assertThat(limited.stream().map(r -> r.get(2)).toList()).containsExactly(274L, 273L, 272L, 271L, 270L, 269L,
                268L, 267L, 266L, 265L);
        assertThat(run(new Limit(TestTables.scan("t", FIELDS), 290, Limit.UNLIMITED), rows, 2, 16)).hasSize(10);
    }

    @Test
    void unionAllAndValuesCombineInputs() {
        List<List<Object>> rows = data(50, 4);
        Values values = new Values(FIELDS, List.of(List.of(Literal.of(1.5), Literal.of("lit"), Literal.of(99L)),
                List.of(Literal.nullOf(DataType.FLOAT64), Literal.nullOf(DataType.VARCHAR), Literal.of(100L))));
        Scan scan = TestTables.scan("t", FIELDS);
        Filter small = new Filter(scan, Call.of(Operator.LESS_THAN, DataType.BOOLEAN, false,
                new ColumnRef(2, DataType.INT64, false), Literal.of(5L)));
        List<List<Object>> result = run(new UnionAll(List.of(small, values, small)), rows, 3, 4);
        List<List<Object>> expected = new ArrayList<>(rows.subList(0, 5));
        expected.add(row(1.5, "lit", 99L));
        expected.add(row(null, null, 100L));
        expected.addAll(rows.subList(0, 5));
        assertThat(result).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void repeatedNamesGetTheirPosition() {
        List<List<Object>> rows = data(20, 5);
        HashJoin self = new HashJoin(TestTables.scan("t", FIELDS), TestTables.scan("t", FIELDS), JoinKind.INNER,
                List.of(JoinKey.equal(2, 2)), null);
        PlanValidator.validate(self);
        try (TestCatalog catalog = new TestCatalog().add("t", TestTables.table(FIELDS, rows));
                Table result = new CpuExecutor(2).execute(self, catalog)) {
            assertThat(result.schema().fields().stream().map(Field::name).toList())
                    .containsExactly("x", "s", "id", "x#3", "s#4", "id#5");
            assertThat(result.rowCount()).isEqualTo(20);
        }
    }

    @Test
    void cancellationStopsTheQueryAndLeaksNothing() {
        List<List<Object>> rows = data(5000, 6);
        AtomicInteger checks = new AtomicInteger();
        PlanNode plan = new Sort(TestTables.scan("t", FIELDS), List.of(SortKey.ascending(0)));
        try (TestCatalog catalog = new TestCatalog().add("t", TestTables.table(FIELDS, rows))) {
            long mark = LeakTracker.mark();
            assertThatThrownBy(() -> new CpuExecutor(4, 10).execute(plan, catalog,
                    () -> checks.incrementAndGet() > 20)).isInstanceOf(QueryCancelledException.class);
            assertThat(LeakTracker.liveSince(mark)).isEmpty();
            assertThatThrownBy(() -> new CpuExecutor(1).execute(plan, catalog, () -> true))
                    .isInstanceOf(QueryCancelledException.class);
        }
    }

    @Test
    void failuresInWorkersSurfaceAsQueryExceptions() {
        List<List<Object>> rows = data(2000, 7);
        PlanNode dividing = new Project(TestTables.scan("t", FIELDS), List.of(Call.of(Operator.DIVIDE,
                DataType.INT64, false, Literal.of(1L), Call.of(Operator.SUBTRACT, DataType.INT64, false,
                        new ColumnRef(2, DataType.INT64, false), Literal.of(1500L)))), List.of("q"));
        assertThatThrownBy(() -> run(dividing, rows, 4, 100)).isInstanceOf(QueryException.class)
                .hasMessageContaining("division by zero");
    }
}
