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

    private final GpuExecutor executor;
    /**
     * The plan last prepared: the engine asks whether the GPU can run a plan, whether AUTO should take it, then runs
     * it, all with the same plan object, which is planned for the GPU and generated once for the three.
     */
    private volatile Prepared last;

    /** A plan's GPU form, or why the GPU cannot run it. */
    private record Prepared(PlanNode plan, GpuExecutor.PreparedPlan ready, UnsupportedOnGpuException unsupported) {
    }

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
        Prepared prepared = prepare(plan);
        return prepared.unsupported() == null ? Optional.empty() : Optional.of(prepared.unsupported().getMessage());
    }

    private Prepared prepare(PlanNode plan) {
        Prepared known = last;
        if (known != null && known.plan() == plan) {
            return known;
        }
        Prepared made;
        try {
            made = new Prepared(plan, GpuExecutor.PreparedPlan.of(plan), null);
        } catch (UnsupportedOnGpuException unsupported) {
            made = new Prepared(plan, null, unsupported);
        }
        last = made;
        return made;
    }

    /** AUTO leaves plans that need a capability not yet run on a GPU to the CPU (see {@link UnverifiedCapabilities}). */
    @Override
    public Optional<String> autoDeclineReason(PlanNode plan, TableCatalog catalog) {
        if (UnverifiedCapabilities.allowed()) {
            return Optional.empty();
        }
        Prepared prepared = prepare(plan);
        if (prepared.ready() == null) {
            return Optional.empty(); // unsupportedReason says it
        }
        return UnverifiedCapabilities.of(plan, prepared.ready().plan(), prepared.ready().kernels());
    }

    @Override
    public String explain(PlanNode plan) {
        Prepared prepared = prepare(plan);
        return prepared.ready() == null ? "" : prepared.ready().plan().describe();
    }

    @Override
    public Table execute(PlanNode plan, TableCatalog catalog, BooleanSupplier cancelled) {
        return executeAndDescribe(plan, catalog, cancelled).table();
    }

    @Override
    public ExecutedQuery executeAndDescribe(PlanNode plan, TableCatalog catalog, BooleanSupplier cancelled) {
        Prepared prepared = prepare(plan);
        if (prepared.ready() == null) {
            throw new QueryException("the GPU executor cannot run this query: " + prepared.unsupported().getMessage()
                    + " (Engine.AUTO runs such queries on the CPU)");
        }
        GpuExecutor.Execution execution = executor.run(plan, prepared.ready(), catalog, cancelled);
        return new ExecutedQuery(execution.table(), execution.ranOnGpu(), execution.note());
    }
}
