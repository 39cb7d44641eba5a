package dev.forge.engine;

import dev.forge.columnar.Table;
import dev.forge.engine.catalog.ForgeCatalog;
import dev.forge.plan.QueryException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs SQL against a {@link Forge}'s tables, one query at a time. A query that fails (a planning error, a run-time
 * error, a cancel) leaves nothing behind, and the session stays usable.
 */
public final class Session {
    private final Forge forge;
    private final ForgeCatalog catalog;
    private final QueryPlanner planner;
    private volatile Engine engine = Engine.AUTO;
    private volatile boolean planCache = true;
    private volatile AtomicBoolean running;

    Session(Forge forge, ForgeCatalog catalog, QueryPlanner planner) {
        this.forge = forge;
        this.catalog = catalog;
        this.planner = planner;
    }

    /** Chooses the executor for the following queries; {@link Engine#AUTO} (the default) picks the best available. */
    public Session engine(Engine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
        return this;
    }

    public Engine engine() {
        return engine;
    }

    /**
     * Whether the following queries use the plan cache the Forge's sessions share (on by default): the same SQL text
     * against the same catalog reuses its plan, and with it the executors' preparation of that plan. Off, every query
     * is parsed, validated and optimised afresh, as benchmarks of the cold path need.
     */
    public Session planCache(boolean enabled) {
        this.planCache = enabled;
        return this;
    }

    public boolean planCache() {
        return planCache;
    }

    /** Plans and runs one query; the caller closes the result. */
    public QueryResult sql(String sql) {
        long planningStart = System.nanoTime();
        PlanCache.Lookup lookup = forge.plan(sql, planner, planCache);
        PlannedStatement planned = lookup.statement();
        Forge.EngineChoice choice = forge.choose(engine, planned.plan());
        long executionStart = System.nanoTime();
        AtomicBoolean cancelled = new AtomicBoolean();
        running = cancelled;
        ExecutedQuery executed;
        try {
            executed = choice.executor().executeAndDescribe(planned.plan(), catalog, cancelled::get);
        } catch (QueryException failed) {
            throw failed;
        } catch (RuntimeException broken) {
            throw new QueryException("the " + choice.engine() + " executor failed on this query: " + broken, broken);
        } finally {
            running = null;
        }
        long executionEnd = System.nanoTime();
        Table table = executed.table();
        try {
            ScanVolume scanned = ScanVolume.of(planned.plan(), catalog);
            Engine ran = executed.onRequestedEngine() ? choice.engine() : Engine.CPU;
            String note = choice.note().isEmpty() ? executed.note()
                    : executed.note().isEmpty() ? choice.note() : choice.note() + "; " + executed.note();
            QueryStatistics statistics = new QueryStatistics(ran, (executionStart - planningStart) / 1000,
                    (executionEnd - executionStart) / 1000, scanned.rows(), scanned.bytes(), table.rowCount(), note,
                    lookup.cached());
            return new QueryResult(table, planned.columnNames(), statistics);
        } catch (RuntimeException failed) {
            table.close();
            throw failed;
        }
    }

    /**
     * The physical plan of a query, as text (nothing runs), then the engine line where a GPU executor is in the build,
     * then {@code plan: cached} when the plan came from the plan cache ({@code plan: planned} otherwise).
     */
    public String explain(String sql) {
        PlanCache.Lookup lookup = forge.plan(sql, planner, planCache);
        PlannedStatement planned = lookup.statement();
        String engineLine = forge.explainEngine(engine, planned.plan());
        String planLine = "plan: " + (lookup.cached() ? "cached" : "planned") + "\n";
        return (engineLine.isEmpty() ? planned.explain() : planned.explain() + engineLine + "\n") + planLine;
    }

    /** Asks the query now running in this session, if any, to stop; it ends with a QueryCancelledException. */
    public void cancel() {
        AtomicBoolean current = running;
        if (current != null) {
            current.set(true);
        }
    }
}
