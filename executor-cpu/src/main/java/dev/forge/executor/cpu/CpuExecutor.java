package dev.forge.executor.cpu;

import dev.forge.columnar.Table;
import dev.forge.executor.cpu.operator.MaterializedSource;
import dev.forge.executor.cpu.operator.MorselSource;
import dev.forge.executor.cpu.operator.QueryContext;
import dev.forge.executor.cpu.operator.TableWriter;
import dev.forge.executor.cpu.vector.Batch;
import dev.forge.plan.PlanNode;
import dev.forge.plan.TableCatalog;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.function.BooleanSupplier;

/**
 * Runs physical plans on the CPU: vectorised (operators pass batches of column vectors, expressions are compiled once
 * into evaluator trees), parallel over morsels on a pool of worker threads, with exact decimals and results that do
 * not depend on the thread count. Intermediate data lives on the Java heap; only the result is off-heap.
 */
public final class CpuExecutor {
    /** Rows per morsel: large enough to amortise per-morsel work, small enough to keep vectors in the L2 cache. */
    static final int DEFAULT_MORSEL_ROWS = 1 << 14;

    private final int threads;
    private final int morselRows;
    private final ExecutorService pool;

    /** Uses {@code threads} worker threads (1 runs everything on the calling thread). */
    public CpuExecutor(int threads) {
        this(threads, DEFAULT_MORSEL_ROWS);
    }

    /** Uses one worker thread per available core. */
    public CpuExecutor() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /** Tests use small morsels to exercise many-morsel paths on small tables. */
    CpuExecutor(int threads, int morselRows) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (morselRows < 1) {
            throw new IllegalArgumentException("morsel rows must be at least 1, got " + morselRows);
        }
        this.threads = threads;
        this.morselRows = morselRows;
        // Fork/join workers are daemon threads that retire when idle, so an executor needs no close().
        this.pool = threads > 1 ? new ForkJoinPool(threads) : null;
    }

    /** Runs the plan over the catalog's tables; the caller owns (closes) the returned Table. */
    public Table execute(PlanNode plan, TableCatalog catalog) {
        return execute(plan, catalog, () -> false);
    }

    public Table execute(PlanNode plan, TableCatalog catalog, BooleanSupplier cancelled) {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(cancelled, "cancelled");
        QueryContext context = new QueryContext(catalog, pool, threads, morselRows, cancelled);
        MorselSource root = new PlanCompiler(context).compile(plan);
        List<Batch> batches = MaterializedSource.collect(root, context);
        context.checkCancelled();
        return TableWriter.write(plan.fields(), batches);
    }
}
