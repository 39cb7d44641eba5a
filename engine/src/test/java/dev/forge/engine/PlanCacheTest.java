package dev.forge.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forge.columnar.DataType;
import dev.forge.columnar.Field;
import dev.forge.columnar.Table;
import dev.forge.engine.corpus.Dataset;
import dev.forge.engine.corpus.Datasets;
import dev.forge.engine.corpus.ResultComparator;
import dev.forge.engine.corpus.ResultRows;
import dev.forge.plan.Scan;
import dev.forge.plan.TableCatalog;
import dev.forge.sql.BenchmarkQueries;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The plan cache: the same text reuses the same plan object (so executors' preparation of it is reused too), other
 * text, a cleared cache, a changed catalog version or a session with the cache off plans again, the least recently
 * used statement goes first, errors are not cached, and answers with the cache equal those without it.
 */
class PlanCacheTest {
    private static final List<Field> FIELDS = List.of(Field.required("id", DataType.INT64),
            Field.nullable("name", DataType.VARCHAR));

    private final AtomicInteger plannings = new AtomicInteger();
    private Table items;
    private Forge forge;

    @BeforeEach
    void open() throws Exception {
        items = TestTables.of(FIELDS, List.of(List.of(1L, "pen"), List.of(2L, "ink")));
        forge = Forge.builder().table("items", items).table("others", items).planner(CountingPlanner::new)
                .executor(Engine.CPU, (plan, catalog, cancelled) -> TestTables.copy(
                        catalog.table(((Scan) plan).table()), ((Scan) plan).columns()))
                .planCacheCapacity(2).build();
    }

    @AfterEach
    void close() {
        forge.close();
        items.close();
    }

    /** {@link ForgeApiTest.ScanOnlyPlanner}, counting how often it was asked to plan. */
    private final class CountingPlanner implements QueryPlanner {
        private final QueryPlanner planner;

        CountingPlanner(TableCatalog catalog) {
            this.planner = new ForgeApiTest.ScanOnlyPlanner(catalog);
        }

        @Override
        public PlannedStatement plan(String sql) {
            plannings.incrementAndGet();
            return planner.plan(sql);
        }
    }

    @Test
    void theSameTextIsPlannedOnceAcrossSessionsAndSaysSo() {
        try (QueryResult first = forge.session().sql("SELECT * FROM items");
                QueryResult second = forge.session().sql("SELECT * FROM items")) {
            assertThat(first.statistics().planCached()).isFalse();
            assertThat(second.statistics().planCached()).isTrue();
            assertThat(second.rowCount()).isEqualTo(2);
            assertThat(second.getString(1, 1)).isEqualTo("ink");
        }
        assertThat(plannings).hasValue(1);
        assertThat(forge.planCacheStatistics()).isEqualTo(new Forge.PlanCacheStatistics(1, 1, 1));
        assertThat(forge.session().explain("SELECT * FROM items")).endsWith("plan: cached\n");
        assertThat(forge.session().explain("SELECT * FROM others")).endsWith("plan: planned\n");
    }

    @Test
    void aSessionWithTheCacheOffPlansEveryTime() {
        Session session = forge.session().planCache(false);
        for (int run = 0; run < 3; run++) {
            try (QueryResult result = session.sql("SELECT * FROM items")) {
                assertThat(result.statistics().planCached()).isFalse();
            }
        }
        assertThat(plannings).hasValue(3);
        assertThat(forge.planCacheStatistics().statements()).isZero();
        assertThat(session.explain("SELECT * FROM items")).endsWith("plan: planned\n");
    }

    @Test
    void otherTextAClearedCacheAndPlanningErrorsPlanAgain() {
        query("SELECT * FROM items");
        query("select * from items"); // other text, though the same query
        assertThat(plannings).hasValue(2);
        forge.clearPlanCache();
        query("SELECT * FROM items");
        assertThat(plannings).hasValue(3);
        for (int run = 0; run < 2; run++) {
            assertThatThrownBy(() -> forge.session().sql("DELETE FROM items")).hasMessageContaining("cannot plan");
        }
        assertThat(plannings).hasValue(5);
    }

    @Test
    void theLeastRecentlyUsedStatementGoesBeyondTheCapacity() {
        query("SELECT * FROM items");
        query("SELECT * FROM others");
        query("SELECT * FROM items"); // now "others" is the least recently used
        query("select * from items"); // a third text: "others" goes
        assertThat(plannings).hasValue(3);
        query("SELECT * FROM items");
        assertThat(plannings).hasValue(3);
        query("SELECT * FROM others");
        assertThat(plannings).hasValue(4);
        assertThat(forge.planCacheStatistics().statements()).isEqualTo(2);
    }

    @Test
    void theSamePlanObjectComesBackUntilTheCatalogVersionChanges() {
        PlanCache cache = new PlanCache(4);
        PlannedStatement planned = statement("SELECT * FROM items");
        PlanCache.Lookup first = cache.statement("q", 0, text -> planned);
        PlanCache.Lookup again = cache.statement("q", 0, text -> statement("SELECT * FROM others"));
        assertThat(first.cached()).isFalse();
        assertThat(again.cached()).isTrue();
        assertThat(again.statement()).isSameAs(planned);
        PlanCache.Lookup changed = cache.statement("q", 1, text -> statement("SELECT * FROM others"));
        assertThat(changed.cached()).isFalse();
        assertThat(changed.statement()).isNotSameAs(planned);
        assertThat(cache.size()).isEqualTo(1);
        assertThatThrownBy(() -> new PlanCache(0)).hasMessageContaining("at least one statement");
    }

    @Test
    void answersWithTheCacheEqualAnswersWithoutItOnSsbAndTpch() {
        List<BenchmarkQueries.Query> queries = new ArrayList<>(BenchmarkQueries.ssb());
        queries.addAll(List.of(BenchmarkQueries.tpch(1), BenchmarkQueries.tpch(3), BenchmarkQueries.tpch(18)));
        for (BenchmarkQueries.Query query : queries) {
            Dataset dataset = Dataset.of(query.benchmark(), 0.01);
            try (Forge real = Forge.of(Datasets.tables(dataset))) {
                Session uncached = real.session().engine(Engine.CPU).planCache(false);
                Session cached = real.session().engine(Engine.CPU);
                ResultRows expected = rows(uncached, query.sql(), false);
                rows(cached, query.sql(), false);
                assertThat(ResultComparator.compare(expected, rows(cached, query.sql(), true), false)).as(query.id())
                        .isEmpty();
            }
        }
    }

    private static ResultRows rows(Session session, String sql, boolean fromCache) {
        try (QueryResult result = session.sql(sql)) {
            assertThat(result.statistics().planCached()).isEqualTo(fromCache);
            return ResultRows.of(result.table());
        }
    }

    private void query(String sql) {
        try (QueryResult ignored = forge.session().sql(sql)) {
            assertThat(ignored.rowCount()).isEqualTo(2);
        }
    }

    private PlannedStatement statement(String sql) {
        return new CountingPlanner(forge.catalog()).plan(sql);
    }
}
