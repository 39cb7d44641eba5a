package dev.forge.executor.gpu;

import dev.forge.columnar.Table;
import dev.forge.cuda.Cuda;
import dev.forge.cuda.CudaDevice;
import dev.forge.engine.ExecutedQuery;
import dev.forge.engine.QueryExecutor;
import dev.forge.executor.gpu.pipeline.GpuPlan;
import dev.forge.plan.PlanNode;
import dev.forge.plan.QueryException;
import dev.forge.plan.TableCatalog;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * The GPU executor as the engine sees it. The engine finds this class by name ({@code DefaultComponents}) and calls
 * {@link #shared()}, which fails with the reason when there is no usable GPU. One executor per device serves the
 * whole process (its table cache is worth sharing), so it is never closed by a {@code Forge}.
 */
public final class GpuQueryExecutor implements QueryExecutor {
    private static final Map<CudaDevice, GpuQueryExecutor> SHARED = new ConcurrentHashMap<>();

    private final GpuExecutor executor;

    private GpuQueryExecutor(GpuExecutor executor) {
        this.executor = executor;
    }

    /** The process's GPU executor on the default device; throws {@link IllegalStateException} saying why not. */
    public static GpuQueryExecutor shared() {
        if (!Cuda.isAvailable()) {
            throw new IllegalStateException(Cuda.status().reason());
        }
        return SHARED.computeIfAbsent(Cuda.defaultDevice(), device -> new GpuQueryExecutor(new GpuExecutor(device)));
    }

    public GpuExecutor executor() {
        return executor;
    }

    @Override
    public Optional<String> unsupportedReason(PlanNode plan, TableCatalog catalog) {
        return GpuExecutor.unsupportedReason(plan, catalog);
    }

    /** AUTO leaves plans that need a capability not yet run on a GPU to the CPU (see {@link UnverifiedCapabilities}). */
    @Override
    public Optional<String> autoDeclineReason(PlanNode plan, TableCatalog catalog) {
        if (UnverifiedCapabilities.allowed()) {
            return Optional.empty();
        }
        try {
            return UnverifiedCapabilities.of(plan, GpuPlan.of(plan));
        } catch (UnsupportedOnGpuException unsupported) {
            return Optional.empty(); // unsupportedReason says it
        }
    }

    @Override
    public String explain(PlanNode plan) {
        try {
            return GpuPlan.of(plan).describe();
        } catch (UnsupportedOnGpuException unsupported) {
            return "";
        }
    }

    @Override
    public Table execute(PlanNode plan, TableCatalog catalog, BooleanSupplier cancelled) {
        return executeAndDescribe(plan, catalog, cancelled).table();
    }

    @Override
    public ExecutedQuery executeAndDescribe(PlanNode plan, TableCatalog catalog, BooleanSupplier cancelled) {
        GpuExecutor.Execution execution;
        try {
            execution = executor.run(plan, catalog, cancelled);
        } catch (UnsupportedOnGpuException unsupported) {
            throw new QueryException("the GPU executor cannot run this query: " + unsupported.getMessage()
                    + " (Engine.AUTO runs such queries on the CPU)");
        }
        return new ExecutedQuery(execution.table(), execution.ranOnGpu(), execution.note());
    }
}
