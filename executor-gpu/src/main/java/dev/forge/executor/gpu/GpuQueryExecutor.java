package dev.forge.executor.gpu;

import dev.forge.columnar.Table;
import dev.forge.cuda.Cuda;
import dev.forge.cuda.CudaDevice;
import dev.forge.engine.ExecutedQuery;
import dev.forge.engine.QueryExecutor;
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

    /** Plans kept prepared: as many as the engine's plan cache holds by default, so its hits find theirs here. */
    static final int PREPARED_PLANS = 256;

    private final GpuExecutor executor;
    /**
     * Plans prepared for the GPU (stages and generated kernels), by plan object: the engine asks whether the GPU can
     * run a plan, whether AUTO should take it, then runs it, all with the same plan object, and its plan cache hands
     * the same object back for the same SQL text, so a warm query is planned for the GPU and generated only once.
     */
    private final PreparedPlans preparedPlans = new PreparedPlans(PREPARED_PLANS);

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
        PreparedPlans.Prepared prepared = preparedPlans.prepare(plan);
        return prepared.unsupported() == null ? Optional.empty() : Optional.of(prepared.unsupported().getMessage());
    }

    @Override
    public String explain(PlanNode plan) {
        PreparedPlans.Prepared prepared = preparedPlans.prepare(plan);
        return prepared.ready() == null ? "" : prepared.ready().description();
    }

    @Override
    public Table execute(PlanNode plan, TableCatalog catalog, BooleanSupplier cancelled) {
        return executeAndDescribe(plan, catalog, cancelled).table();
    }

    @Override
    public ExecutedQuery executeAndDescribe(PlanNode plan, TableCatalog catalog, BooleanSupplier cancelled) {
        PreparedPlans.Prepared prepared = preparedPlans.prepare(plan);
        if (prepared.ready() == null) {
            throw new QueryException("the GPU executor cannot run this query: " + prepared.unsupported().getMessage()
                    + " (Engine.AUTO runs such queries on the CPU)");
        }
        GpuExecutor.Execution execution = executor.run(plan, prepared.ready(), catalog, cancelled);
        return new ExecutedQuery(execution.table(), execution.ranOnGpu(), execution.note());
    }
}
