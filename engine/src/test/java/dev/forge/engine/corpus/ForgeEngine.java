package dev.forge.engine.corpus;

import dev.forge.engine.Engine;
import dev.forge.engine.Forge;
import dev.forge.engine.QueryResult;
import dev.forge.engine.Session;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Forge through its public API ({@link Forge#of}, {@link Session#sql}) with the executor {@code engine} chooses. */
public final class ForgeEngine implements EngineUnderTest {
    private final Engine engine;
    private final Map<Dataset, Session> sessions = new ConcurrentHashMap<>();

    public ForgeEngine(Engine engine) {
        this.engine = engine;
    }

    @Override
    public String name() {
        return "forge-" + engine.name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public ResultRows query(Dataset dataset, String sql) {
        // the Forge instances borrow the cached tables and hold nothing else off-heap: no need to close them
        Session session = sessions.computeIfAbsent(dataset,
                key -> Forge.of(Datasets.tables(key)).session().engine(engine));
        try (QueryResult result = session.sql(sql)) {
            return ResultRows.of(result.table());
        }
    }
}
