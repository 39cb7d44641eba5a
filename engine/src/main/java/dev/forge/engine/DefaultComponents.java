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

    private static Optional<Class<?>> load(String name) {
        try {
            return Optional.of(Class.forName(name));
        } catch (ClassNotFoundException | LinkageError missing) {
            return Optional.empty();
        }
    }
}
