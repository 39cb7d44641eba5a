package dev.forge.engine;

import dev.forge.columnar.Table;
import dev.forge.engine.catalog.ForgeCatalog;
import dev.forge.plan.QueryException;
import dev.forge.plan.TableCatalog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Forge's Java API: open folders of data (or hand over tables), then ask SQL through a {@link Session}.
 *
 * <pre>{@code
 * try (Forge forge = Forge.open(Path.of("data/tpch"));
 *      QueryResult result = forge.session().sql("SELECT count(*) FROM lineitem")) {
 *     long rows = result.getLong(0, 0);
 * }
 * }</pre>
 *
 * Closing it releases the tables it loaded. Sessions may be used from different threads, each by one at a time.
 */
public final class Forge implements AutoCloseable {
    private static final String GPU_NOT_AVAILABLE = "the GPU executor is not available yet (it comes with its own"
            + " issue); run with Engine.CPU or Engine.AUTO";

    private final ForgeCatalog catalog;
    private final Function<TableCatalog, QueryPlanner> planners;
    private final Map<Engine, QueryExecutor> executors;

    private Forge(ForgeCatalog catalog, Function<TableCatalog, QueryPlanner> planners,
            Map<Engine, QueryExecutor> executors) {
        this.catalog = catalog;
        this.planners = planners;
        this.executors = executors;
    }

    /** The tables of these folders (each data file or sub-folder a table) or single data files. */
    public static Forge open(Path... paths) throws IOException {
        Builder builder = builder();
        for (Path path : paths) {
            builder.path(path);
        }
        return builder.build();
    }

    /** In-memory tables, by name; the caller keeps ownership and keeps them open while this Forge is used. */
    public static Forge of(Map<String, Table> tables) {
        Builder builder = builder();
        tables.forEach(builder::table);
        try {
            return builder.build();
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Session session() {
        return new Session(this, catalog, planners.apply(catalog));
    }

    public ForgeCatalog catalog() {
        return catalog;
    }

    /** The engine that runs a query when {@code requested} is asked for. */
    Engine resolve(Engine requested) {
        return switch (requested) {
            case AUTO -> executors.containsKey(Engine.GPU) ? Engine.GPU : Engine.CPU;
            case GPU, CPU -> requested;
        };
    }

    QueryExecutor executor(Engine engine) {
        QueryExecutor executor = executors.get(engine);
        if (executor == null) {
            throw new QueryException(switch (engine) {
                case GPU -> GPU_NOT_AVAILABLE;
                case CPU, AUTO -> "the CPU executor (module executor-cpu) is not in this build yet";
            });
        }
        return executor;
    }

    @Override
    public void close() {
        catalog.close();
    }

    /** Sources of tables, and (for tests and other engines) the planner and executors to use. */
    public static final class Builder {
        private final ForgeCatalog.Builder catalog = ForgeCatalog.builder();
        private Function<TableCatalog, QueryPlanner> planners;
        private final Map<Engine, QueryExecutor> executors = new EnumMap<>(Engine.class);

        private Builder() {
        }

        public Builder path(Path path) {
            catalog.path(path);
            return this;
        }

        /** An in-memory table; the caller keeps ownership. */
        public Builder table(String name, Table table) {
            catalog.table(name, table);
            return this;
        }

        /** The planner for each session (by default the SQL front end). */
        public Builder planner(Function<TableCatalog, QueryPlanner> planners) {
            this.planners = Objects.requireNonNull(planners, "planners");
            return this;
        }

        /** The executor for {@code engine}, CPU or GPU (by default the CPU executor, and no GPU executor). */
        public Builder executor(Engine engine, QueryExecutor executor) {
            if (engine == Engine.AUTO) {
                throw new IllegalArgumentException("AUTO is a choice between executors, not one: register CPU or GPU");
            }
            executors.put(engine, Objects.requireNonNull(executor, "executor"));
            return this;
        }

        public Forge build() throws IOException {
            Function<TableCatalog, QueryPlanner> chosenPlanners = planners != null ? planners
                    : DefaultComponents.planner().orElse(ignored -> sql -> {
                        throw new UnsupportedOperationException(
                                "the SQL front end (module sql) is not in this build yet: no query can be planned");
                    });
            if (!executors.containsKey(Engine.CPU)) {
                DefaultComponents.cpuExecutor().ifPresent(executor -> executors.put(Engine.CPU, executor));
            }
            return new Forge(catalog.build(), chosenPlanners, Map.copyOf(executors));
        }
    }

    /** Whether this build has the SQL front end and the CPU executor (false until both modules are integrated). */
    public static boolean sqlAndCpuExecutorPresent() {
        return DefaultComponents.planner().isPresent() && DefaultComponents.cpuExecutor().isPresent();
    }

    /** The names of the tables, as SQL may name them. */
    public List<String> tableNames() {
        return catalog.tableNames();
    }
}
