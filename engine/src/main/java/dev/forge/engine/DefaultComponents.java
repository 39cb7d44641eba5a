package dev.forge.engine;

import dev.forge.plan.TableCatalog;
import java.lang.reflect.InvocationTargetException;
import java.util.Optional;
import java.util.function.Function;

/**
 * The planner and CPU executor a {@link Forge} uses unless told otherwise. They are found by class name because the
 * SQL front end and the CPU executor are being built alongside this module: until they land, the build leaves their
 * adapters out (see the engine's pom) and a query says which part is missing instead of failing to link.
 */
final class DefaultComponents {
    private static final String PLANNER = "dev.forge.engine.CalciteQueryPlanner";
    private static final String CPU_EXECUTOR = "dev.forge.engine.CpuQueryExecutor";
    /** In module executor-gpu, which depends on this one: present only where that module is on the class path. */
    private static final String GPU_EXECUTOR = "dev.forge.executor.gpu.GpuQueryExecutor";

    /** The GPU executor, or why there is none ({@code executor} null); null itself when the build has no GPU module. */
    record GpuLookup(QueryExecutor executor, String unavailableReason) {
    }

    private DefaultComponents() {
    }

    static Optional<Function<TableCatalog, QueryPlanner>> planner() {
        return load(PLANNER).map(type -> catalog -> {
            try {
                return (QueryPlanner) type.getConstructor(TableCatalog.class).newInstance(catalog);
            } catch (InvocationTargetException failed) {
                throw failed.getCause() instanceof RuntimeException cause ? cause
                        : new IllegalStateException("cannot create the SQL planner", failed.getCause());
            } catch (ReflectiveOperationException broken) {
                throw new IllegalStateException("cannot create the SQL planner " + PLANNER, broken);
            }
        });
    }

    static Optional<QueryExecutor> cpuExecutor() {
        return load(CPU_EXECUTOR).map(type -> {
            try {
                return (QueryExecutor) type.getConstructor().newInstance();
            } catch (ReflectiveOperationException broken) {
                throw new IllegalStateException("cannot create the CPU executor " + CPU_EXECUTOR, broken);
            }
        });
    }

    static Optional<GpuLookup> gpuExecutor() {
        return load(GPU_EXECUTOR).map(type -> {
            try {
                return new GpuLookup((QueryExecutor) type.getMethod("shared").invoke(null), null);
            } catch (InvocationTargetException failed) {
                return new GpuLookup(null, failed.getCause() == null ? String.valueOf(failed)
                        : String.valueOf(failed.getCause().getMessage()));
            } catch (ReflectiveOperationException broken) {
                return new GpuLookup(null, "the GPU executor " + GPU_EXECUTOR + " cannot be created: " + broken);
            }
        });
    }

    private static Optional<Class<?>> load(String name) {
        try {
            return Optional.of(Class.forName(name));
        } catch (ClassNotFoundException | LinkageError missing) {
            return Optional.empty();
        }
    }
}
