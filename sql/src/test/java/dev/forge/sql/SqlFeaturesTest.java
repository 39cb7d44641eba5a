package dev.forge.sql;

import static dev.forge.sql.BenchmarkPlansTest.joins;
import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.columnar.DataType;
import dev.forge.columnar.Field;
import dev.forge.plan.HashAggregate;
import dev.forge.plan.HashJoin;
import dev.forge.plan.JoinKind;
import dev.forge.plan.Limit;
import dev.forge.plan.PlanNode;
import dev.forge.plan.SortKey;
import dev.forge.plan.TopN;
import dev.forge.plan.UnionAll;
import dev.forge.plan.Values;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What each SQL feature plans to: join kinds, sub-queries, NULL semantics, sorting, types and expressions. */
class SqlFeaturesTest {
    private final SqlPlanner planner = new SqlPlanner(new SmallCatalog());

    private PlannedQuery plan(String sql) {
        return planner.plan(sql);
    }

    private String explain(String sql) {
        return plan(sql).explain();
    }

    private List<JoinKind> joinKinds(String sql) {
        return joins(plan(sql).plan()).stream().map(HashJoin::kind).toList();
    }

    @Test
    void innerJoinBuildsOnTheSmallerSideAndKeepsTheQueryFieldOrder() {
        PlannedQuery query = plan("SELECT uid, id FROM u JOIN t ON t.id = u.t_id");
        HashJoin join = joins(query.plan()).getFirst();
        assertThat(join.kind()).isEqualTo(JoinKind.INNER);
        assertThat(join.build().fields()).extracting(Field::name).contains("id");
        assertThat(query.plan().fields()).extracting(Field::name).containsExactly("uid", "id");
    }

    @Test
    void innerJoinWithTheSmallTableFirstIsSwappedAndReordered() {
        PlannedQuery query = plan("SELECT t.id, u.uid FROM t JOIN u ON t.id = u.t_id");
        HashJoin join = joins(query.plan()).getFirst();
        assertThat(join.build().fields()).extracting(Field::name).contains("id");
        assertThat(query.plan().fields()).extracting(Field::name).containsExactly("id", "uid");
    }

    @Test
    void outerJoinsKeepThePreservedSideWhicheverSideIsBuilt() {
        // t (small) LEFT JOIN u: the small preserved side is built, so the join is a RIGHT join probing u.
        assertThat(joinKinds("SELECT t.id, u.uid FROM t LEFT JOIN u ON t.id = u.t_id")).containsExactly(JoinKind.RIGHT);
        assertThat(joinKinds("SELECT t.id, u.uid FROM u LEFT JOIN t ON t.id = u.t_id")).containsExactly(JoinKind.LEFT);
        assertThat(joinKinds("SELECT t.id, u.uid FROM t RIGHT JOIN u ON t.id = u.t_id"))
                .containsExactly(JoinKind.LEFT);
        assertThat(joinKinds("SELECT t.id, u.uid FROM t FULL JOIN u ON t.id = u.t_id")).containsExactly(JoinKind.FULL);
        PlannedQuery left = plan("SELECT t.id, u.uid FROM t LEFT JOIN u ON t.id = u.t_id");
        assertThat(left.plan().fields()).extracting(Field::nullable).containsExactly(false, true);
    }

    @Test
    void crossJoinAndNonEquiJoinHaveNoKeys() {
        assertThat(joins(plan("SELECT * FROM t, u").plan()).getFirst().keys()).isEmpty();
        HashJoin theta = joins(plan("SELECT t.id FROM t JOIN u ON t.a < u.x").plan()).getFirst();
        assertThat(theta.keys()).isEmpty();
        assertThat(theta.residual()).isNotNull();
    }

    @Test
    void existsAndNotExistsAreSemiAndAntiJoinsWithTheCorrelationAsCondition() {
        String exists = explain("SELECT id FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.t_id = t.id AND u.x > t.a)");
        assertThat(exists).contains("HashJoin SEMI [id = t_id] residual: (x > a)");
        String notExists = explain("SELECT id FROM t WHERE NOT EXISTS (SELECT 1 FROM u WHERE u.t_id = t.id)");
        assertThat(notExists).contains("HashJoin ANTI [id = t_id]");
    }

    @Test
    void inSubQueryIsASemiJoin() {
        assertThat(explain("SELECT id FROM t WHERE a IN (SELECT x FROM u)")).contains("HashJoin SEMI [a = x]");
    }

    @Test
    void notInOverNullableColumnsIsAMarkJoinSoNullsGiveUnknown() {
        String plan = explain("SELECT id FROM t WHERE a NOT IN (SELECT x FROM u)");
        assertThat(plan).contains("HashJoin MARK [a = x]").contains("Filter NOT mark");
        assertThat(plan(("SELECT id FROM t WHERE a NOT IN (SELECT x FROM u)")).plan().fields())
                .extracting(Field::name).containsExactly("id");
    }

    @Test
    void notInOverNonNullColumnsIsAnAntiJoin() {
        assertThat(explain("SELECT id FROM t WHERE id NOT IN (SELECT uid FROM u)")).contains("HashJoin ANTI [id = uid]")
                .doesNotContain("MARK");
    }

    @Test
    void correlatedScalarSubQueryBecomesAnAggregateJoinedOnTheCorrelation() {
        String plan = explain("SELECT id FROM t WHERE d > (SELECT max(amount) FROM u WHERE u.t_id = t.id)");
        assertThat(plan).contains("MAX(amount)").contains("HashAggregate group: [t_id]").doesNotContain("Correlate");
    }

    @Test
    void uncorrelatedScalarSubQueryIsJoinedAsOneRow() {
        String plan = explain("SELECT id, (SELECT count(*) FROM u) AS n FROM t");
        assertThat(plan).contains("COUNT(*)").contains("HashJoin");
    }

    @Test
    void groupingWithoutKeysGivesOneAggregateWithNoGroups() {
        PlanNode plan = plan("SELECT count(*), sum(a), min(b), max(dt), avg(f) FROM t").plan();
        List<HashAggregate> aggregates = BenchmarkPlansTest.scans(plan).isEmpty() ? List.of() : aggregates(plan);
        assertThat(aggregates).hasSize(1);
        assertThat(aggregates.getFirst().groupKeys()).isEmpty();
        assertThat(plan.fields()).extracting(Field::type).containsExactly(DataType.INT64, DataType.INT64,
                DataType.VARCHAR, DataType.DATE, DataType.FLOAT64);
    }

    @Test
    void distinctAggregatesAreExpanded() {
        String plan = explain("SELECT b, count(DISTINCT a) FROM t GROUP BY b");
        assertThat(plan).doesNotContain("DISTINCT");
        assertThat(aggregates(plan("SELECT b, count(DISTINCT a) FROM t GROUP BY b").plan())).hasSize(2);
    }

    @Test
    void orderByHonoursNullsFirstAndLastAndDefaultsToNullsLast() {
        PlannedQuery query = plan("SELECT a, b FROM t ORDER BY a DESC NULLS FIRST, b NULLS LAST LIMIT 5");
        TopN topN = (TopN) query.plan();
        assertThat(topN.keys()).containsExactly(new SortKey(0, true, true), new SortKey(1, false, false));
        assertThat(topN.limit()).isEqualTo(5);
        TopN defaults = (TopN) plan("SELECT a FROM t ORDER BY a DESC LIMIT 1").plan();
        assertThat(defaults.keys()).containsExactly(new SortKey(0, true, false));
    }

    @Test
    void limitAndOffsetWithAndWithoutOrder() {
        TopN topN = (TopN) plan("SELECT a FROM t ORDER BY a LIMIT 10 OFFSET 20").plan();
        assertThat(topN.offset()).isEqualTo(20);
        assertThat(topN.limit()).isEqualTo(10);
        Limit limit = (Limit) plan("SELECT a FROM t LIMIT 3").plan();
        assertThat(limit.limit()).isEqualTo(3);
        Limit offsetOnly = (Limit) plan("SELECT a FROM t OFFSET 7 ROWS").plan();
        assertThat(offsetOnly.offset()).isEqualTo(7);
        assertThat(offsetOnly.limit()).isEqualTo(Limit.UNLIMITED);
    }

    @Test
    void stringFunctionsAndLike() {
        String plan = explain("SELECT upper(b) || '!' AS shout, substring(b FROM 2 FOR 3) AS middle, "
                + "char_length(b) AS n, trim(b) AS trimmed FROM t WHERE b LIKE 'a%' AND b NOT LIKE '%z' "
                + "AND lower(b) LIKE 'x!_%' ESCAPE '!'");
        assertThat(plan).contains("(UPPER(b) || '!') AS shout").contains("SUBSTRING(b, 2, 3) AS middle")
                .contains("CHAR_LENGTH(b) AS n").contains("TRIM(b) AS trimmed").contains("b LIKE 'a%'")
                .contains("NOT b LIKE '%z'").contains("LOWER(b) LIKE 'x!_%' ESCAPE '!'");
    }

    @Test
    void dateArithmeticWithIntervalsAndExtract() {
        String plan = explain("SELECT dt + INTERVAL '3' DAY AS later, dt - INTERVAL '1' YEAR AS earlier, "
                + "dt + INTERVAL '2' MONTH AS months, EXTRACT(YEAR FROM dt) AS y, EXTRACT(DOW FROM dt) AS w "
                + "FROM t WHERE dt >= DATE '2024-01-31' + INTERVAL '1' MONTH");
        assertThat(plan).contains("ADD_DAYS(dt, 3) AS later").contains("ADD_MONTHS(dt, -12) AS earlier")
                .contains("ADD_MONTHS(dt, 2) AS months").contains("EXTRACT(YEAR FROM dt) AS y")
                .contains("EXTRACT(DOW FROM dt) AS w").contains("(dt >= DATE '2024-02-29')");
    }

    @Test
    void timestampArithmeticUsesMicroseconds() {
        assertThat(explain("SELECT ts + INTERVAL '90' MINUTE AS later FROM t"))
                .contains("ADD_MICROS(ts, 5400000000L) AS later");
    }

    @Test
    void decimalArithmeticCastsIntegersAndKeepsExactTypes() {
        PlannedQuery query = plan("SELECT d * a AS product, d + 1 AS plus, sum(d) OVER_NOT_USED FROM t"
                .replace(", sum(d) OVER_NOT_USED", ""));
        assertThat(query.explain()).contains("(d * CAST(a AS DECIMAL(10,0))) AS product").contains("(d + 1) AS plus");
        assertThat(query.plan().fields().getFirst().type()).isInstanceOf(DataType.Decimal.class);
        PlannedQuery sum = plan("SELECT sum(d) AS total, sum(a) AS ints FROM t");
        assertThat(sum.plan().fields()).extracting(Field::type).containsExactly(DataType.decimal(38, 2),
                DataType.INT64);
    }

    @Test
    void comparisonsAcrossNumericTypesMeetAtACommonType() {
        assertThat(explain("SELECT id FROM t WHERE a = id")).contains("(CAST(a AS INT64) = id)");
        assertThat(explain("SELECT id FROM t WHERE d > a")).contains("(d > CAST(a AS DECIMAL(10,0)))");
        assertThat(explain("SELECT id FROM t WHERE f < d")).contains("(f < CAST(d AS FLOAT64))");
        assertThat(explain("SELECT id FROM t WHERE d = 1.5")).contains("(d = 1.50)");
    }

    @Test
    void castsAreExplicitAndLiteralCastsAreFolded() {
        String plan = explain("SELECT CAST(a AS BIGINT) AS big, CAST(b AS DATE) AS as_date, CAST('2024-05-06' AS DATE) "
                + "AS fixed, CAST(d AS DOUBLE) AS real_d FROM t");
        assertThat(plan).contains("CAST(a AS INT64) AS big").contains("CAST(b AS DATE) AS as_date")
                .contains("DATE '2024-05-06' AS fixed").contains("CAST(d AS FLOAT64) AS real_d");
    }

    @Test
    void unionIntersectAndExceptBecomeUnionAllAndAggregates() {
        PlanNode union = plan("SELECT a FROM t UNION SELECT x FROM u").plan();
        assertThat(union).isInstanceOf(HashAggregate.class);
        assertThat(union.inputs().getFirst()).isInstanceOf(UnionAll.class);
        assertThat(plan("SELECT a FROM t UNION ALL SELECT x FROM u").plan()).isInstanceOf(UnionAll.class);
        String intersect = explain("SELECT a FROM t INTERSECT SELECT x FROM u");
        assertThat(intersect).contains("UnionAll").contains("HashAggregate");
        String except = explain("SELECT a FROM t EXCEPT SELECT x FROM u");
        assertThat(except).contains("UnionAll").contains("HashAggregate").contains("Filter");
    }

    @Test
    void unionOfDifferentNumericTypesCastsToTheCommonType() {
        PlannedQuery query = plan("SELECT a FROM t UNION ALL SELECT uid FROM u");
        assertThat(query.plan().fields().getFirst().type()).isEqualTo(DataType.INT64);
        assertThat(query.explain()).contains("CAST(a AS INT64)");
    }

    @Test
    void valuesAreConstantRows() {
        PlanNode plan = plan("SELECT * FROM (VALUES (1, 'x'), (2, 'yy')) AS v(n, s)").plan();
        assertThat(plan).isInstanceOf(Values.class);
        Values values = (Values) plan;
        assertThat(values.rows()).hasSize(2);
        assertThat(values.fields()).extracting(Field::type).containsExactly(DataType.INT32, DataType.VARCHAR);
    }

    @Test
    void caseCoalesceAndInLists() {
        String plan = explain("SELECT CASE WHEN a > 0 THEN 'pos' WHEN a < 0 THEN 'neg' ELSE 'zero' END AS sign, "
                + "COALESCE(a, 0) AS a0, NULLIF(a, 5) AS n FROM t WHERE b IN ('p', 'q', 'r') AND a NOT IN (1, 2, 3)");
        assertThat(plan).contains("CASE WHEN (a > 0) THEN 'pos' WHEN (a < 0) THEN 'neg' ELSE 'zero' END AS sign")
                .contains("b IN ('p', 'q', 'r')").contains("NOT a IN (1, 2, 3)");
        assertThat(plan).containsAnyOf("COALESCE(a, 0) AS a0", "CASE WHEN (a IS NOT NULL) THEN a ELSE 0 END AS a0");
    }

    @Test
    void inListOfDecimalsTakesTheValueScaleAndDropsImpossibleValues() {
        String plan = explain("SELECT id FROM t WHERE d IN (1.5, 2, 3.125)");
        assertThat(plan).contains("d IN (1.50, 2.00)").doesNotContain("3.125");
    }

    @Test
    void notInListWithNoPossibleMatchIsStillUnknownForNull() {
        assertThat(explain("SELECT id FROM t WHERE d NOT IN (3.125, 4.125) OR id = 1"))
                .contains("CASE WHEN (d IS NULL) THEN NULL ELSE false END");
    }

    @Test
    void betweenIsARange() {
        assertThat(explain("SELECT id FROM t WHERE a BETWEEN 3 AND 9")).contains("((a >= 3) AND (a <= 9))");
    }

    @Test
    void nullSemanticsInPredicates() {
        String plan = explain("SELECT id FROM t WHERE a IS NULL OR b IS NOT NULL OR flag IS NOT TRUE "
                + "OR a IS DISTINCT FROM 3");
        // Calcite simplifies a IS DISTINCT FROM 3 into the equivalent a IS NULL OR NOT a = 3.
        assertThat(plan).contains("(a IS NULL)").contains("(b IS NOT NULL)").contains("(flag IS NOT TRUE)")
                .contains("NOT (a = 3)");
        assertThat(explain("SELECT id FROM t WHERE a IS NOT DISTINCT FROM (SELECT max(x) FROM u)"))
                .contains("((a IS NULL) AND (EXPR$0 IS NULL)) OR (a = EXPR$0)");
    }

    @Test
    void columnNamesAreTheQueryAliases() {
        assertThat(plan("SELECT a AS first, b AS Other FROM t").columnNames()).containsExactly("first", "Other");
        // Unquoted names match case-insensitively and keep the spelling the query used.
        assertThat(plan("select A, B from T").columnNames()).containsExactly("A", "B");
    }

    private static List<HashAggregate> aggregates(PlanNode plan) {
        List<HashAggregate> aggregates = new java.util.ArrayList<>();
        BenchmarkPlansTest.walk(plan, node -> {
            if (node instanceof HashAggregate aggregate) {
                aggregates.add(aggregate);
            }
        });
        return aggregates;
    }
}
