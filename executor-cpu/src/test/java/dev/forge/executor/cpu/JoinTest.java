package dev.forge.executor.cpu;

import static dev.forge.executor.cpu.TestTables.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.columnar.DataType;
import dev.forge.columnar.Field;
import dev.forge.columnar.StringLayout;
import dev.forge.columnar.Table;
import dev.forge.cuda.testing.NativeLeakCheck;
import dev.forge.plan.HashJoin;
import dev.forge.plan.JoinKey;
import dev.forge.plan.JoinKind;
import dev.forge.plan.PlanValidator;
import dev.forge.plan.expr.Call;
import dev.forge.plan.expr.ColumnRef;
import dev.forge.plan.expr.Expr;
import dev.forge.plan.expr.Operator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NativeLeakCheck.class)
class JoinTest {
    private static final List<Field> PROBE = List.of(Field.nullable("a", DataType.INT64),
            Field.nullable("s", DataType.VARCHAR), Field.nullable("v", DataType.INT64));
    private static final List<Field> BUILD = List.of(Field.nullable("b", DataType.INT64),
            Field.nullable("t", DataType.VARCHAR), Field.nullable("w", DataType.INT64));
    /** v < w over probe fields then build fields. */
    private static final Expr RESIDUAL = Call.of(Operator.LESS_THAN, DataType.BOOLEAN, true,
            new ColumnRef(2, DataType.INT64, true), new ColumnRef(5, DataType.INT64, true));

    private static List<List<Object>> rows(int count, long seed) {
        Random random = new Random(seed);
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(row(random.nextInt(8) == 0 ? null : (long) random.nextInt(12),
                    random.nextInt(8) == 0 ? null : "s" + random.nextInt(3),
                    random.nextInt(10) == 0 ? null : (long) random.nextInt(100)));
        }
        return rows;
    }

    /** SQL's = : NULL when either side is NULL. */
    private static Boolean equal(Object x, Object y, boolean nullSafe) {
        if (x == null || y == null) {
            return nullSafe ? x == y : null;
        }
        return x.equals(y);
    }

    /** The match condition as three-valued logic: keys AND residual. */
    private static Boolean condition(List<Object> p, List<Object> b, List<JoinKey> keys, boolean residual) {
        Boolean result = true;
        for (JoinKey key : keys) {
            result = and(result, equal(p.get(key.probe()), b.get(key.build()), key.nullSafe()));
        }
        if (residual) {
            Long v = (Long) p.get(2);
            Long w = (Long) b.get(2);
            result = and(result, v == null || w == null ? null : v < w);
        }
        return result;
    }

    private static Boolean and(Boolean x, Boolean y) {
        if (Boolean.FALSE.equals(x) || Boolean.FALSE.equals(y)) {
            return false;
        }
        return x == null || y == null ? null : true;
    }

    private static List<List<Object>> oracle(List<List<Object>> probe, List<List<Object>> build, JoinKind kind,
            List<JoinKey> keys, boolean residual) {
        List<List<Object>> result = new ArrayList<>();
        boolean[] buildMatched = new boolean[build.size()];
        List<Object> nullBuild = Arrays.asList(null, null, null);
        for (List<Object> p : probe) {
            boolean matched = false;
            boolean sawNull = false;
            for (int j = 0; j < build.size(); j++) {
                Boolean match = condition(p, build.get(j), keys, residual);
                if (Boolean.TRUE.equals(match)) {
                    matched = true;
                    buildMatched[j] = true;
                    if (kind.emitsBuildFields()) {
                        List<Object> out = new ArrayList<>(p);
                        out.addAll(build.get(j));
                        result.add(out);
                    }
                } else if (match == null) {
                    sawNull = true;
                }
            }
            switch (kind) {
                case LEFT, FULL -> {
                    if (!matched) {
                        List<Object> out = new ArrayList<>(p);
                        out.addAll(nullBuild);
                        result.add(out);
                    }
                }
                case SEMI -> {
                    if (matched) {
                        result.add(p);
                    }
                }
                case ANTI -> {
                    if (!matched) {
                        result.add(p);
                    }
                }
                case MARK -> {
                    List<Object> out = new ArrayList<>(p);
                    out.add(matched ? Boolean.TRUE : sawNull ? null : Boolean.FALSE);
                    result.add(out);
                }
                default -> {
                }
            }
        }
        if (kind == JoinKind.RIGHT || kind == JoinKind.FULL) {
            for (int j = 0; j < build.size(); j++) {
                if (!buildMatched[j]) {
                    List<Object> out = new ArrayList<>(Arrays.asList(null, null, null));
                    out.addAll(build.get(j));
                    result.add(out);
                }
            }
        }
        return result;
    }

    private static List<List<Object>> run(List<List<Object>> probe, List<List<Object>> build, HashJoin join,
            int threads, StringLayout layout) {
        PlanValidator.validate(join);
        try (TestCatalog catalog = new TestCatalog().add("p", TestTables.table(PROBE, probe, layout))
                .add("b", TestTables.table(BUILD, build, layout));
                Table result = new CpuExecutor(threads, 7).execute(join, catalog)) {
            return TestTables.rows(result);
        }
    }

    private static void check(List<JoinKey> keys, boolean residual, List<List<Object>> probe,
            List<List<Object>> build) {
        for (JoinKind kind : JoinKind.values()) {
            HashJoin join = new HashJoin(TestTables.scan("p", PROBE), TestTables.scan("b", BUILD), kind, keys,
                    residual ? RESIDUAL : null);
            if (keys.isEmpty() && kind == JoinKind.MARK && !residual) {
                continue; // the plan contract requires a residual there
            }
            List<List<Object>> expected = oracle(probe, build, kind, keys, residual);
            for (StringLayout layout : StringLayout.values()) {
                assertThat(run(probe, build, join, 3, layout)).as(kind + " keys " + keys + " residual " + residual
                        + " " + layout).containsExactlyInAnyOrderElementsOf(expected);
            }
        }
    }

    @Test
    void everyKindMatchesNestedLoopsWithNullKeys() {
        List<List<Object>> probe = rows(60, 1);
        List<List<Object>> build = rows(40, 2);
        check(List.of(JoinKey.equal(0, 0)), false, probe, build);
        check(List.of(JoinKey.equal(0, 0)), true, probe, build);
        check(List.of(JoinKey.equal(0, 0), JoinKey.equal(1, 1)), false, probe, build);
        check(List.of(JoinKey.equal(0, 0), new JoinKey(1, 1, true)), true, probe, build);
        check(List.of(new JoinKey(0, 0, true)), false, probe, build);
    }

    @Test
    void noKeysIsANestedLoop() {
        check(List.of(), true, rows(25, 3), rows(15, 4));
        check(List.of(), false, rows(9, 5), rows(6, 6));
    }

    @Test
    void emptySidesKeepOuterRows() {
        List<List<Object>> some = rows(10, 7);
        check(List.of(JoinKey.equal(0, 0)), false, some, List.of());
        check(List.of(JoinKey.equal(0, 0)), true, List.of(), some);
    }

    @Test
    void markIsNullOnlyWhereInWouldBe() {
        List<List<Object>> probe = List.of(row(1L, "x", 1L), row(null, "x", 1L), row(5L, "x", 1L));
        List<List<Object>> withNull = List.of(row(1L, "y", 2L), row(null, "y", 2L));
        HashJoin mark = new HashJoin(TestTables.scan("p", PROBE), TestTables.scan("b", BUILD), JoinKind.MARK,
                List.of(JoinKey.equal(0, 0)), null);
        assertThat(run(probe, withNull, mark, 1, StringLayout.PLAIN)).containsExactly(row(1L, "x", 1L, true),
                row(null, "x", 1L, null), row(5L, "x", 1L, null));
        List<List<Object>> withoutNull = List.of(row(1L, "y", 2L));
        assertThat(run(probe, withoutNull, mark, 1, StringLayout.PLAIN)).containsExactly(row(1L, "x", 1L, true),
                row(null, "x", 1L, null), row(5L, "x", 1L, false));
        assertThat(run(probe, List.of(), mark, 1, StringLayout.PLAIN)).containsExactly(row(1L, "x", 1L, false),
                row(null, "x", 1L, false), row(5L, "x", 1L, false));
    }

    @Test
    void outputIsTheSameForAnyThreadCount() {
        List<List<Object>> probe = rows(400, 8);
        List<List<Object>> build = rows(300, 9);
        HashJoin join = new HashJoin(TestTables.scan("p", PROBE), TestTables.scan("b", BUILD), JoinKind.FULL,
                List.of(JoinKey.equal(0, 0)), RESIDUAL);
        List<List<Object>> one = run(probe, build, join, 1, StringLayout.DICTIONARY);
        assertThat(run(probe, build, join, 4, StringLayout.DICTIONARY)).isEqualTo(one);
        assertThat(one.stream().filter(Objects::nonNull).count()).isEqualTo(one.size());
    }

    @Test
    void largeBuildSidesArePartitioned() {
        Random random = new Random(10);
        List<List<Object>> build = new ArrayList<>();
        for (int i = 0; i < 70_000; i++) {
            build.add(row(random.nextInt(50) == 0 ? null : (long) random.nextInt(40_000), "b", (long) i));
        }
        List<List<Object>> probe = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            probe.add(row(random.nextInt(40) == 0 ? null : (long) random.nextInt(60_000), "p", (long) i));
        }
        java.util.Map<Long, List<Long>> buildByKey = new java.util.HashMap<>();
        for (List<Object> row : build) {
            if (row.get(0) != null) {
                buildByKey.computeIfAbsent((Long) row.get(0), key -> new ArrayList<>()).add((Long) row.get(2));
            }
        }
        List<List<Object>> expectedInner = new ArrayList<>();
        List<List<Object>> expectedAnti = new ArrayList<>();
        for (List<Object> p : probe) {
            List<Long> matches = p.get(0) == null ? List.of() : buildByKey.getOrDefault((Long) p.get(0), List.of());
            for (Long w : matches) {
                List<Object> out = new ArrayList<>(p);
                out.addAll(row(p.get(0), "b", w));
                expectedInner.add(out);
            }
            if (matches.isEmpty()) {
                expectedAnti.add(p);
            }
        }
        HashJoin inner = new HashJoin(TestTables.scan("p", PROBE), TestTables.scan("b", BUILD), JoinKind.INNER,
                List.of(JoinKey.equal(0, 0)), null);
        assertThat(run(probe, build, inner, 4, StringLayout.PLAIN)).isEqualTo(expectedInner);
        HashJoin anti = new HashJoin(TestTables.scan("p", PROBE), TestTables.scan("b", BUILD), JoinKind.ANTI,
                List.of(JoinKey.equal(0, 0)), null);
        assertThat(run(probe, build, anti, 4, StringLayout.PLAIN)).isEqualTo(expectedAnti);
    }
}
