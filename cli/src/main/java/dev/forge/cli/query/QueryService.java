package dev.forge.cli.query;

import dev.forge.columnar.Field;
import dev.forge.columnar.Schema;
import dev.forge.columnar.io.ProgressListener;
import dev.forge.cuda.Cuda;
import dev.forge.engine.Engine;
import dev.forge.engine.Forge;
import dev.forge.engine.QueryResult;
import dev.forge.engine.QueryStatistics;
import dev.forge.engine.Session;
import dev.forge.engine.catalog.ForgeCatalog;
import dev.forge.plan.QueryCancelledException;
import dev.forge.plan.QueryException;
import dev.forge.plan.TableStatistics;
import dev.forge.sql.SqlException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The one place the command line meets the query engine (module {@code engine}): a {@link Forge} over the folders and
 * one {@link Session}, with the engine's statistics and exceptions turned into the command line's own types. Adapting
 * to a change in the engine's API is a change to this file only.
 */
public final class QueryService implements QueryBackend {
    /** Said where there is a GPU but this build has no GPU executor to use it. */
    static final String NO_GPU_EXECUTOR = "this build has no GPU executor yet";

    private final List<Path> paths;
    private Forge forge;
    private Session session;

    private QueryService(List<Path> paths, Forge forge) {
        this.paths = List.copyOf(paths);
        this.forge = forge;
        this.session = forge.session();
    }

    /**
     * Opens the folders and files; tables load at their first query (the catalog reads only what a query names), so
     * opening is quick and {@code progress} is not called yet.
     */
    public static QueryBackend open(List<Path> foldersOrFiles, ProgressListener progress) throws QueryFailure {
        return new QueryService(foldersOrFiles, openForge(foldersOrFiles));
    }

    private static Forge openForge(List<Path> paths) throws QueryFailure {
        try {
            return Forge.open(paths.toArray(Path[]::new));
        } catch (IOException | UncheckedIOException | IllegalArgumentException failed) {
            throw new QueryFailure(QueryFailure.Kind.UNAVAILABLE, "cannot open " + String.join(", ",
                    paths.stream().map(Path::toString).toList()) + ": " + message(failed), failed);
        }
    }

    @Override
    public List<TableDescription> tables() {
        ForgeCatalog catalog = forge.catalog();
        List<TableDescription> tables = new ArrayList<>();
        for (String name : forge.tableNames()) {
            Schema schema = catalog.schema(name);
            // statistics need the data: report them only for tables already in memory, never load for a listing
            TableStatistics statistics = catalog.isLoaded(name) ? catalog.statistics(name) : null;
            List<ColumnDescription> columns = new ArrayList<>();
            for (int i = 0; i < schema.size(); i++) {
                Field field = schema.field(i);
                long distinct = statistics == null ? -1 : statistics.columns().get(i).distinctCount();
                columns.add(new ColumnDescription(field.name(), field.type(), field.nullable(), distinct));
            }
            tables.add(new TableDescription(name, statistics == null ? -1 : statistics.rowCount(), columns));
        }
        tables.sort(java.util.Comparator.comparing(TableDescription::name));
        return tables;
    }

    @Override
    public QueryAnswer run(String sql, EngineChoice engine) throws QueryFailure {
        requireAvailable(engine);
        Set<String> loadedBefore = loadedTables();
        session.engine(engineOf(engine));
        long started = System.nanoTime();
        QueryResult result;
        try {
            result = session.sql(sql);
        } catch (RuntimeException failed) {
            throw failure(failed);
        }
        long elapsed = System.nanoTime() - started;
        QueryStatistics statistics = result.statistics();
        EngineChoice ran = switch (statistics.engine()) {
            case GPU -> EngineChoice.GPU;
            case CPU, AUTO -> EngineChoice.CPU;
        };
        String fallback = engine == EngineChoice.AUTO && ran == EngineChoice.CPU
                ? unavailable(EngineChoice.GPU).orElse(null) : null;
        // warm: every table the query read was already in memory, none had to be loaded for it
        boolean warm = loadedBefore.containsAll(loadedTables());
        List<Stage> stages = List.of(new Stage("parse+plan", statistics.planningMicros() * 1000),
                new Stage(ran == EngineChoice.GPU ? "kernels" : "execute", statistics.executionMicros() * 1000));
        // the answer takes over the result's table; the result itself holds nothing else to free
        return new QueryAnswer(result.table(), result.columnNames(), new RunStatistics(statistics.resultRows(),
                statistics.rowsScanned(), statistics.bytesScanned(), elapsed, ran, fallback, warm, 0, stages));
    }

    @Override
    public String explain(String sql, EngineChoice engine) throws QueryFailure {
        try {
            return session.explain(sql);
        } catch (RuntimeException failed) {
            throw failure(failed);
        }
    }

    @Override
    public void cancel() {
        session.cancel();
    }

    @Override
    public void refresh() throws QueryFailure {
        Forge reopened = openForge(paths);
        Engine engine = session.engine();
        forge.close();
        forge = reopened;
        session = reopened.session().engine(engine);
    }

    @Override
    public Optional<String> unavailable(EngineChoice engine) {
        return switch (engine) {
            case CPU, AUTO -> Optional.empty();
            case GPU -> Cuda.isAvailable() ? Optional.of(NO_GPU_EXECUTOR) : Optional.of(Cuda.status().reason());
        };
    }

    @Override
    public void close() {
        forge.close();
    }

    private void requireAvailable(EngineChoice engine) throws QueryFailure {
        Optional<String> reason = unavailable(engine);
        if (reason.isPresent()) {
            throw new QueryFailure(QueryFailure.Kind.UNAVAILABLE, "the " + engine.lowerCase() + " engine cannot run here: "
                    + reason.get(), null);
        }
    }

    private Set<String> loadedTables() {
        Set<String> loaded = new HashSet<>();
        for (String name : forge.tableNames()) {
            if (forge.catalog().isLoaded(name)) {
                loaded.add(name);
            }
        }
        return loaded;
    }

    private static Engine engineOf(EngineChoice choice) {
        return switch (choice) {
            case AUTO -> Engine.AUTO;
            case GPU -> Engine.GPU;
            case CPU -> Engine.CPU;
        };
    }

    static QueryFailure failure(RuntimeException failed) {
        return switch (failed) {
            case SqlException sql -> new QueryFailure(switch (sql.kind()) {
                case SYNTAX -> QueryFailure.Kind.SYNTAX;
                case VALIDATION -> QueryFailure.Kind.VALIDATION;
                case UNSUPPORTED -> QueryFailure.Kind.UNSUPPORTED;
            }, sql.getMessage(), sql.line(), sql.column(), sql.endLine() == sql.line() ? sql.endColumn() : 0, sql.hint(),
                    sql);
            case QueryCancelledException cancelled -> new QueryFailure(QueryFailure.Kind.CANCELLED, "query cancelled",
                    cancelled);
            case QueryException runtime -> new QueryFailure(QueryFailure.Kind.RUNTIME, message(runtime), runtime);
            case UnsupportedOperationException missing -> new QueryFailure(QueryFailure.Kind.UNAVAILABLE,
                    message(missing), missing);
            case UncheckedIOException unreadable -> new QueryFailure(QueryFailure.Kind.RUNTIME,
                    "cannot read the data: " + message(unreadable), unreadable);
            default -> new QueryFailure(QueryFailure.Kind.RUNTIME, message(failed), failed);
        };
    }

    private static String message(Throwable failure) {
        Throwable cause = failure;
        while (cause.getMessage() == null && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
