package dev.forge.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Planned statements by SQL text, for one catalog: a prepared-statement cache like any database's. The same text
 * against the same catalog version reuses the physical plan (and, through the plan object, whatever an executor
 * prepared for it: the GPU executor's stages and generated kernels). Literals are part of the text, so another constant
 * is another entry; it plans afresh but the GPU kernels, which take literals as parameters, are shared by source. A
 * change of the catalog's version drops every entry. Bounded: the least recently used entry goes beyond
 * {@code capacity}. Safe for the sessions of one Forge to share from different threads.
 */
final class PlanCache {
    /** Statements a Forge keeps planned unless told otherwise. */
    static final int DEFAULT_CAPACITY = 256;

    private final int capacity;
    private final Map<String, PlannedStatement> statements;
    private long catalogVersion;
    private long hits;
    private long misses;

    /** A statement from the cache or planned now, and which. */
    record Lookup(PlannedStatement statement, boolean cached) {
    }

    PlanCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a plan cache holds at least one statement, not " + capacity
                    + " (turn it off per session with Session.planCache(false))");
        }
        this.capacity = capacity;
        this.statements = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PlannedStatement> eldest) {
                return size() > PlanCache.this.capacity;
            }
        };
    }

    /**
     * The statement planned for {@code sql} at {@code version} of the catalog, planning it with {@code planner} on a
     * miss. Planning runs outside the lock, so a slow plan never holds up other sessions; two sessions missing on the
     * same text at once both plan, and the later one's statement is kept. A planning error caches nothing.
     */
    Lookup statement(String sql, long version, Function<String, PlannedStatement> planner) {
        synchronized (this) {
            if (version != catalogVersion) {
                statements.clear();
                catalogVersion = version;
            }
            PlannedStatement known = statements.get(sql);
            if (known != null) {
                hits++;
                return new Lookup(known, true);
            }
            misses++;
        }
        PlannedStatement planned = planner.apply(sql);
        synchronized (this) {
            if (version == catalogVersion) {
                statements.put(sql, planned);
            }
        }
        return new Lookup(planned, false);
    }

    synchronized void clear() {
        statements.clear();
    }

    synchronized int size() {
        return statements.size();
    }

    synchronized long hits() {
        return hits;
    }

    synchronized long misses() {
        return misses;
    }
}
