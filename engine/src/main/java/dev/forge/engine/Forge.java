package dev.forge.engine;

import dev.forge.columnar.Table;
import dev.forge.engine.catalog.ForgeCatalog;
import dev.forge.plan.PlanNode;
import dev.forge.plan.QueryException;
import dev.forge.plan.TableCatalog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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

    /**
     * AUTO takes the GPU executor where it can run the query (it passed the SQL corpus against DuckDB on an H100 at
     * SF 0.01 and 0.1); {@code -Dforge.gpu.auto=false} or {@code FORGE_GPU_AUTO=false} keeps AUTO on the CPU, with
     * this note, for whoever wants the CPU's answers while a GPU is in the machine.
     */
    static final String AUTO_KEEPS_CPU = "CPU: AUTO keeps to the CPU because FORGE_GPU_AUTO / forge.gpu.auto is false"
            + " (choose the GPU engine to run it there)";

    private final ForgeCatalog catalog;
    private final Function<TableCatalog, QueryPlanner> planners;
    private final Map<Engine, QueryExecutor> executors;
    private final String gpuUnavailableReason;
    private final PlanCache plans;

    private Forge(ForgeCatalog catalog, Function<TableCatalog, QueryPlanner> planners,
            Map<Engine, QueryExecutor> executors, String gpuUnavailableReason, int planCacheCapacity) {
        this.catalog = catalog;
        this.planners = planners;
        this.executors = executors;
        this.gpuUnavailableReason = gpuUnavailableReason;
        this.plans = new PlanCache(planCacheCapacity);
    }

    /** The executor chosen for one query, and why (empty when there is nothing to say). */
    record EngineChoice(Engine engine, QueryExecutor executor, String note) {
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

    /**
     * {@code sql}'s plan: from the plan cache the sessions share (planned with {@code planner} on a miss) or, without
     * {@code useCache}, planned now and not kept.
     */
    PlanCache.Lookup plan(String sql, QueryPlanner planner, boolean useCache) {
        return useCache ? plans.statement(sql, catalog.version(), planner::plan)
                : new PlanCache.Lookup(planner.plan(sql), false);
    }

    /** Forgets every cached plan (the next query of each text plans again). */
    public void clearPlanCache() {
        plans.clear();
    }

    /** How many statements the plan cache holds, and how often it answered or missed: for tests and statistics. */
    public PlanCacheStatistics planCacheStatistics() {
        return new PlanCacheStatistics(plans.size(), plans.hits(), plans.misses());
    }

    /** The plan cache's size and how often a session found a statement there ({@code hits}) or planned it. */
    public record PlanCacheStatistics(int statements, long hits, long misses) {
    }

    /**
     * The executor for {@code plan} when {@code requested} is asked for: AUTO takes the GPU where there is one and it
     * can run the plan, else the CPU, and says why; GPU fails with the reason where it cannot.
     */
    EngineChoice choose(Engine requested, PlanNode plan) {
        QueryExecutor gpu = executors.get(Engine.GPU);
        return switch (requested) {
            case CPU -> new EngineChoice(Engine.CPU, executor(Engine.CPU), "");
            case GPU -> {
                QueryExecutor executor = executor(Engine.GPU);
                Optional<String> reason = executor.unsupportedReason(plan, catalog);
                if (reason.isPresent()) {
                    throw new QueryException("the GPU executor cannot run this query: " + reason.get()
                            + " (Engine.AUTO runs such queries on the CPU)");
                }
                yield new EngineChoice(Engine.GPU, executor, "");
            }
            case AUTO -> {
                if (gpu == null) {
                    yield new EngineChoice(Engine.CPU, executor(Engine.CPU), gpuUnavailableReason == null ? ""
                            : "CPU: no GPU (" + gpuUnavailableReason + ")");
                }
                if (!autoUsesGpu()) {
                    yield new EngineChoice(Engine.CPU, executor(Engine.CPU), AUTO_KEEPS_CPU);
                }
                Optional<String> reason = gpu.unsupportedReason(plan, catalog);
                if (reason.isPresent()) {
                    yield new EngineChoice(Engine.CPU, executor(Engine.CPU), "CPU: the GPU cannot run this query: "
                            + reason.get());
                }
                Optional<String> declined = gpu.autoDeclineReason(plan, catalog);
                yield declined.isEmpty() ? new EngineChoice(Engine.GPU, gpu, "")
                        : new EngineChoice(Engine.CPU, executor(Engine.CPU), "CPU: AUTO leaves this query to the CPU: "
                                + declined.get() + " (Engine.GPU runs it there)");
            }
        };
    }

    static boolean autoUsesGpu() {
        return Boolean.parseBoolean(System.getProperty("forge.gpu.auto", System.getenv().getOrDefault("FORGE_GPU_AUTO",
                "true")));
    }

    /** What EXPLAIN adds about the engine, or empty where the build has no GPU executor to choose. */
    String explainEngine(Engine requested, PlanNode plan) {
        if (executors.get(Engine.GPU) == null && gpuUnavailableReason == null) {
            return "";
        }
        try {
            EngineChoice choice = choose(requested, plan);
            String detail = choice.executor().explain(plan);
            String note = !detail.isEmpty() ? detail : choice.note().isEmpty() ? choice.engine().name() : choice.note();
            return "engine: " + note;
        } catch (QueryException refused) {
            return "engine: " + refused.getMessage();
        }
    }

    QueryExecutor executor(Engine engine) {
        QueryExecutor executor = executors.get(engine);
        if (executor == null) {
            throw new QueryException(switch (engine) {
                case GPU -> gpuUnavailableReason == null ? GPU_NOT_AVAILABLE
                        : "the GPU executor is not available: " + gpuUnavailableReason;
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
        private int planCacheCapacity = PlanCache.DEFAULT_CAPACITY;

        private Builder() {
        }

        /** How many planned statements the sessions share (beyond that the least recently used go; default 256). */
        public Builder planCacheCapacity(int statements) {
            this.planCacheCapacity = statements; // checked by build()
            return this;
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

        /**
         * The executor for {@code engine}, CPU or GPU (by default the CPU executor, and the GPU executor where module
         * executor-gpu is on the class path and a GPU is usable).
         */
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
            String gpuUnavailable = null;
            if (!executors.containsKey(Engine.GPU)) {
                var gpu = DefaultComponents.gpuExecutor();
                if (gpu.isPresent() && gpu.get().executor() != null) {
                    executors.put(Engine.GPU, gpu.get().executor());
                } else if (gpu.isPresent()) {
                    gpuUnavailable = gpu.get().unavailableReason();
                }
            }
            return new Forge(catalog.build(), chosenPlanners, Map.copyOf(executors), gpuUnavailable,
                    planCacheCapacity);
        }
    }

    /** Whether this build has the SQL front end (false until the sql module is integrated). */
    public static boolean sqlPlannerPresent() {
        return DefaultComponents.planner().isPresent();
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
