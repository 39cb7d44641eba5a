package dev.forge.executor.gpu;

import dev.forge.columnar.Table;
import dev.forge.cuda.CudaDevice;
import dev.forge.cuda.CudaException;
import dev.forge.cuda.DeviceLostException;
import dev.forge.cuda.MemoryPool;
import dev.forge.cuda.Stream;
import dev.forge.cuda.compile.KernelCompiler;
import dev.forge.executor.cpu.CpuExecutor;
import dev.forge.executor.gpu.codegen.GeneratedKernel;
import dev.forge.executor.gpu.codegen.KernelGenerator;
import dev.forge.executor.gpu.memory.DeviceTableCache;
import dev.forge.executor.gpu.memory.PinnedStaging;
import dev.forge.executor.gpu.memory.StringDictionaryCache;
import dev.forge.executor.gpu.pipeline.GpuPlan;
import dev.forge.executor.gpu.pipeline.Stage;
import dev.forge.executor.gpu.run.DictionaryCatalog;
import dev.forge.executor.gpu.run.GpuFallbackException;
import dev.forge.executor.gpu.run.KernelTiming;
import dev.forge.executor.gpu.run.OverlayCatalog;
import dev.forge.executor.gpu.run.PipelineRunner;
import dev.forge.executor.gpu.run.StageResults;
import dev.forge.executor.gpu.run.StringDictionaries;
import dev.forge.plan.PlanNode;
import dev.forge.plan.QueryCancelledException;
import dev.forge.plan.QueryException;
import dev.forge.plan.TableCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Runs physical plans on one GPU as fused, generated kernels over GPU-resident columns. It owns a stream, a
 * stream-ordered memory pool and the device table cache; kernels come from the device's shared
 * {@link KernelCompiler} (memory and disk caches, keyed by the generated source, which holds no literal). One query
 * runs at a time. What the GPU cannot run is reported by {@link #unsupportedReason}; what fails on the GPU at run time
 * (an arithmetic error a kernel detects, device memory that stays short after eviction) runs on the CPU executor,
 * and {@link Execution#note()} says so. Never a crash, never a wrong answer: when in doubt, the CPU answers.
 */
public final class GpuExecutor implements AutoCloseable {
    private static final String HEADER_RESOURCE = "/kernels/" + GeneratedKernel.HEADER;
    /** Share of the device's memory the table cache may fill; the rest is for queries. */
    private static final double CACHE_SHARE = 0.5;
    /** Host memory for dictionary-encoded copies of plain string columns (see {@link StringDictionaryCache}). */
    private static final long DICTIONARY_CACHE_BYTES = 4L << 30;
    /** Host memory for dictionaries of string functions' values (see {@link StringDictionaries}). */
    private static final long DERIVED_DICTIONARY_BYTES = 1L << 30;

    private final CudaDevice device;
    private final Stream stream;
    private final MemoryPool pool;
    private final PinnedStaging staging;
    private final DeviceTableCache cache;
    private final StringDictionaryCache dictionaries = new StringDictionaryCache(DICTIONARY_CACHE_BYTES);
    private final StringDictionaries derivedDictionaries = new StringDictionaries(DERIVED_DICTIONARY_BYTES);
    private final PipelineRunner runner;
    private final CpuExecutor cpu = new CpuExecutor();

    /** What one query did: its result, whether it ran on the GPU, and a sentence on where each part ran and why. */
    public record Execution(Table table, boolean ranOnGpu, String note) {
    }

    public GpuExecutor(CudaDevice device) {
        this.device = device;
        this.stream = device.createStream();
        try {
            this.pool = device.createPool();
            this.staging = new PinnedStaging(device);
            this.cache = new DeviceTableCache(device, stream, staging,
                    (long) (device.info().totalMemoryBytes() * CACHE_SHARE));
            this.runner = new PipelineRunner(device, stream, pool, KernelCompiler.shared(device), cache, staging,
                    derivedDictionaries, header());
        } catch (RuntimeException failed) {
            stream.close();
            throw failed;
        }
    }

    /** The CUDA header every generated kernel includes (shipped on the class path from src/main/cuda). */
    public static String header() {
        try (InputStream in = GpuExecutor.class.getResourceAsStream(HEADER_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(HEADER_RESOURCE + " is not on the class path: the executor-gpu jar is"
                        + " incomplete");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            throw new UncheckedIOException("cannot read " + HEADER_RESOURCE, unreadable);
        }
    }

    public CudaDevice device() {
        return device;
    }

    public DeviceTableCache tableCache() {
        return cache;
    }

    /** Whether the GPU can run {@code plan} (its structure; the data may still send it to the CPU). */
    public static boolean supports(PlanNode plan) {
        return unsupportedReason(plan).isEmpty();
    }

    /** The first thing the GPU lacks to run {@code plan}, or empty when it can (judged on the plan alone). */
    public static Optional<String> unsupportedReason(PlanNode plan) {
        try {
            kernels(GpuPlan.of(plan));
            return Optional.empty();
        } catch (UnsupportedOnGpuException unsupported) {
            return Optional.of(unsupported.getMessage());
        }
    }

    /**
     * A plan made ready for the GPU: its stages, the kernel of each stage that has a pipeline, and how the result and
     * EXPLAIN describe it. Everything here depends on the plan alone, so a plan run again (the engine's plan cache hands
     * back the same plan object) reuses it.
     */
    public record PreparedPlan(GpuPlan plan, Map<Stage, GeneratedKernel> kernels, String description) {
        /** Plans and generates; throws {@link UnsupportedOnGpuException} naming what the GPU lacks. */
        public static PreparedPlan of(PlanNode plan) {
            GpuPlan gpuPlan = GpuPlan.of(plan);
            return new PreparedPlan(gpuPlan, GpuExecutor.kernels(gpuPlan), gpuPlan.describe());
        }
    }

    /** The kernel of each stage of {@code plan} that has a pipeline, in order (a host-only stage has none). */
    public static Map<Stage, GeneratedKernel> kernels(GpuPlan plan) {
        Map<Stage, GeneratedKernel> kernels = new LinkedHashMap<>();
        for (Stage stage : plan.stages()) {
            if (!stage.hostOnly()) {
                kernels.put(stage, KernelGenerator.generate(stage.pipeline()));
            }
        }
        return kernels;
    }

    /**
     * As {@link #unsupportedReason(PlanNode)}: the data no longer decides (plain strings are dictionary-encoded for the
     * GPU when a query first reads them), but the engine asks with its catalog.
     */
    public static Optional<String> unsupportedReason(PlanNode plan, TableCatalog catalog) {
        return unsupportedReason(plan);
    }

    /** Runs {@code plan}; throws {@link UnsupportedOnGpuException} when the GPU cannot. The caller owns the table. */
    public Table execute(PlanNode plan, TableCatalog catalog, BooleanSupplier cancelled) {
        return run(plan, catalog, cancelled).table();
    }

    /**
     * Runs {@code plan} stage by stage and says where it ran; throws {@link UnsupportedOnGpuException} when the GPU
     * cannot. Each stage's result is a host table the later stages scan or bind (see {@link StageResults}).
     */
    public Execution run(PlanNode plan, TableCatalog catalog, BooleanSupplier cancelled) {
        return run(plan, PreparedPlan.of(plan), catalog, cancelled);
    }

    /** As {@link #run(PlanNode, TableCatalog, BooleanSupplier)}, with {@code plan} already prepared. */
    public synchronized Execution run(PlanNode plan, PreparedPlan prepared, TableCatalog catalog,
            BooleanSupplier cancelled) {
        GpuPlan gpuPlan = prepared.plan();
        Map<Stage, GeneratedKernel> kernels = prepared.kernels();
        checkCancelled(cancelled);
        runner.takeKernelTime(); // what a query that failed part-way measured is not this one's
        Table result;
        long gpuRows;
        long releaseStarted = 0;
        try (StageResults results = new StageResults(cache, dictionaries, derivedDictionaries)) {
            Table last = null;
            long lastGpuRows = 0;
            for (Stage stage : gpuPlan.stages()) {
                TableCatalog stageCatalog = results.catalog(catalog);
                checkCancelled(cancelled);
                Table finished;
                if (stage.hostOnly()) {
                    finished = onHost(stage, stage.hostPlan(), stageCatalog, cancelled, stage != gpuPlan.result());
                } else {
                    GeneratedKernel kernel = kernels.get(stage);
                    long encodingStarted = System.nanoTime();
                    TableCatalog coded = DictionaryCatalog.of(List.of(kernel), stageCatalog,
                            dictionaries::dictionaryEncoded);
                    runner.timing().addPhase(KernelTiming.Phase.DICTIONARIES, System.nanoTime() - encodingStarted);
                    Table gpuResult = runWithEviction(kernel, coded);
                    lastGpuRows = gpuResult.rowCount();
                    finished = finishOnHost(stage, gpuResult, stageCatalog, cancelled, stage != gpuPlan.result());
                }
                if (stage == gpuPlan.result()) {
                    last = finished;
                } else {
                    results.add(stage, finished);
                }
            }
            result = last;
            gpuRows = gpuPlan.result().hostOnly() ? last.rowCount() : lastGpuRows;
            releaseStarted = System.nanoTime();
        } catch (GpuFallbackException fallback) {
            return onCpu(plan, catalog, cancelled, "CPU: " + fallback.getMessage() + "; the CPU executor ran the query");
        } catch (DeviceLostException lost) {
            return onCpu(plan, catalog, cancelled, "CPU: " + lost.getMessage());
        } catch (CudaException failed) {
            return onCpu(plan, catalog, cancelled, "CPU: the GPU failed (" + failed.getMessage()
                    + "); the CPU executor ran the query");
        } finally {
            cache.releaseAll();
            dictionaries.releaseAll();
            derivedDictionaries.releaseAll();
            if (releaseStarted != 0) {
                runner.timing().addPhase(KernelTiming.Phase.RELEASE, System.nanoTime() - releaseStarted);
            }
        }
        String note = gpuPlan.hostPlan() == null ? prepared.description()
                : prepared.description() + " (" + gpuRows + " rows)";
        return new Execution(result, true, runner.takeKernelTime().map(time -> note + "; " + time).orElse(note));
    }

    /**
     * The stage's result: the pipeline's, or what the CPU executor makes of it (the pipeline's result is closed then).
     */
    private Table finishOnHost(Stage stage, Table gpuResult, TableCatalog catalog, BooleanSupplier cancelled,
            boolean inner) {
        if (stage.hostPlan() == null) {
            return gpuResult;
        }
        try (Table pipelineResult = gpuResult) {
            return onHost(stage, stage.hostPlan(), OverlayCatalog.of(catalog, GpuPlan.GPU_RESULT_TABLE,
                    pipelineResult), cancelled, inner);
        }
    }

    /**
     * The CPU executor's part of a stage. Inside the plan ({@code inner}), an error it raises sends the whole query to
     * the CPU, which decides whether the query reaches it at all.
     */
    private Table onHost(Stage stage, PlanNode hostPlan, TableCatalog catalog, BooleanSupplier cancelled,
            boolean inner) {
        checkCancelled(cancelled);
        long began = System.nanoTime();
        try {
            return cpu.execute(hostPlan, catalog, cancelled);
        } catch (QueryException failed) {
            if (!inner || failed instanceof QueryCancelledException) {
                throw failed;
            }
            throw new GpuFallbackException("stage " + stage.number() + "'s host part failed (" + failed.getMessage()
                    + ")", failed);
        } finally {
            runner.timing().addPhase(KernelTiming.Phase.HOST, System.nanoTime() - began);
        }
    }

    /** Runs the kernel; out of device memory, evicts the cached columns this query does not use and tries again. */
    private Table runWithEviction(GeneratedKernel kernel, TableCatalog catalog) {
        try {
            return runner.run(kernel, catalog);
        } catch (CudaException failed) {
            if (!failed.isOutOfMemory()) {
                throw failed;
            }
        }
        long freed = cache.evictUnused();
        pool.trimTo(0);
        try {
            return runner.run(kernel, catalog);
        } catch (CudaException failed) {
            if (failed.isOutOfMemory()) {
                throw new GpuFallbackException("out of GPU memory even after evicting " + freed
                        + " bytes of cached columns (the query needs more than the GPU has free)", failed);
            }
            throw failed;
        }
    }

    private Execution onCpu(PlanNode plan, TableCatalog catalog, BooleanSupplier cancelled, String note) {
        return new Execution(cpu.execute(plan, catalog, cancelled), false, note);
    }

    private static void checkCancelled(BooleanSupplier cancelled) {
        if (cancelled.getAsBoolean()) {
            throw new QueryCancelledException();
        }
    }

    @Override
    public void close() {
        try {
            stream.synchronize();
        } finally {
            runner.close();
            cache.close();
            dictionaries.close();
            derivedDictionaries.close();
            pool.close();
            staging.close();
            stream.close();
        }
    }
}
