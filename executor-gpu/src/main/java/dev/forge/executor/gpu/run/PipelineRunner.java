package dev.forge.executor.gpu.run;

import dev.forge.columnar.Column;
import dev.forge.columnar.ColumnView;
import dev.forge.columnar.DataType;
import dev.forge.columnar.StringLayout;
import dev.forge.columnar.Table;
import dev.forge.cuda.CudaDevice;
import dev.forge.cuda.DeviceBuffer;
import dev.forge.cuda.KernelLaunch;
import dev.forge.cuda.MemoryPool;
import dev.forge.cuda.Module;
import dev.forge.cuda.Stream;
import dev.forge.cuda.compile.KernelCompiler;
import dev.forge.cuda.compile.KernelSource;
import dev.forge.executor.gpu.UnsupportedOnGpuException;
import dev.forge.executor.gpu.codegen.GeneratedKernel;
import dev.forge.executor.gpu.codegen.KernelParameter;
import dev.forge.executor.gpu.memory.DeviceColumn;
import dev.forge.executor.gpu.memory.DeviceTableCache;
import dev.forge.executor.gpu.memory.PinnedStaging;
import dev.forge.executor.gpu.pipeline.JoinStage;
import dev.forge.executor.gpu.pipeline.Pipeline;
import dev.forge.executor.gpu.pipeline.PipelineSink;
import dev.forge.plan.ColumnStatistics;
import dev.forge.plan.Scan;
import dev.forge.plan.TableCatalog;
import dev.forge.plan.TableStatistics;
import dev.forge.plan.expr.ColumnRef;
import dev.forge.plan.expr.Expr;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs one generated pipeline kernel: binds the resident columns, literals and sink buffers, launches it on the
 * executor's stream, and turns what it wrote into a {@link Table}. Every temporary is pooled device memory freed in
 * stream order when the run ends; the only host synchronisations are the reads of the results.
 */
public final class PipelineRunner implements AutoCloseable {
    /** NVRTC needs this to accept __int128 (exact decimals); nvcc accepts it on 64-bit Linux by itself. */
    public static final List<String> COMPILE_OPTIONS = List.of("--device-int128");
    private static final int BLOCK_THREADS = 256;
    private static final int TILE_ROWS = BLOCK_THREADS * 4;
    private static final int BLOCKS_PER_MULTIPROCESSOR = 8;
    /** FORGE_ERROR_GROUP_TABLE_FULL of forge_pipeline.cuh. */
    private static final int GROUP_TABLE_FULL = 2;
    /** FORGE_ERROR_WIDE_VALUE of forge_pipeline.cuh. */
    private static final int WIDE_VALUE = 3;

    private final CudaDevice device;
    private final Stream stream;
    private final MemoryPool pool;
    private final KernelCompiler compiler;
    private final DeviceTableCache cache;
    /** Where grouped results are read back before they are decoded (shared with the table cache's uploads). */
    private final PinnedStaging staging;
    private final StringDictionaries strings;
    private final String header;
    private final KernelTiming timing;

    public PipelineRunner(CudaDevice device, Stream stream, MemoryPool pool, KernelCompiler compiler,
            DeviceTableCache cache, PinnedStaging staging, StringDictionaries strings, String header) {
        this.device = device;
        this.stream = stream;
        this.pool = pool;
        this.compiler = compiler;
        this.cache = cache;
        this.staging = staging;
        this.strings = strings;
        this.header = header;
        this.timing = KernelTiming.forDevice(device);
    }

    /**
     * The pipeline kernels' device time since the last call, when {@code -Dforge.gpu.kernelTiming=true} (see
     * {@link KernelTiming}); empty otherwise.
     */
    public Optional<String> takeKernelTime() {
        return timing.takeSummary();
    }

    /** The query's timing, for the executor to add the wall time of its host parts. */
    public KernelTiming timing() {
        return timing;
    }

    @Override
    public void close() {
        timing.close();
    }

    /** The compilation unit of a generated kernel; its text is its cache key. */
    public static KernelSource kernelSource(GeneratedKernel kernel, String header) {
        return new KernelSource("forge_pipeline.cu", kernel.source(), Map.of(GeneratedKernel.HEADER, header),
                COMPILE_OPTIONS, List.of(), null);
    }

    /**
     * Runs {@code kernel} over {@code catalog}, whose VARCHAR columns the kernel reads must be dictionary-encoded (see
     * {@link DictionaryCatalog}).
     */
    public Table run(GeneratedKernel kernel, TableCatalog catalog) {
        List<DeviceBuffer> temporaries = new ArrayList<>();
        try {
            long began = System.nanoTime();
            Launched launched = launch(kernel, catalog, temporaries);
            long launchedAt = System.nanoTime();
            timing.addPhase(KernelTiming.Phase.PIPELINES, launchedAt - began);
            // asked once per string value read back: a result of millions of rows must not walk the pipeline's joins
            // to the scan and look its table up for each one (TPC-H Q10 reads 381K groups of five strings at SF 10)
            Map<Expr, ColumnView> resolved = new IdentityHashMap<>();
            Function<Expr, ColumnView> dictionaries = strings -> resolved.computeIfAbsent(strings,
                    expression -> this.strings.dictionary(kernel.pipeline(), expression, catalog));
            Table result = switch (kernel.pipeline().sink()) {
                case PipelineSink.Materialization materialization -> MaterializedResult.read(kernel, materialization,
                        launched.sink(), launched.rows(), dictionaries, stream);
                case PipelineSink.UngroupedAggregation ungrouped -> AggregateResult.readUngrouped(kernel, ungrouped,
                        launched.sink().partials(), launched.grid(), dictionaries, stream);
                case PipelineSink.GroupedAggregation grouped ->
                        AggregateResult.readGrouped(kernel, grouped, launched.sink(), dictionaries, staging);
            };
            timing.addPhase(KernelTiming.Phase.READ_BACK, System.nanoTime() - launchedAt);
            return result;
        } finally {
            for (DeviceBuffer buffer : temporaries) {
                buffer.close();
            }
        }
    }

    /** What a finished pipeline kernel wrote: its sink's buffers, its grid, and the rows it materialised. */
    private record Launched(SinkBuffers sink, int grid, long rows) {
    }

    /** A join's hash table on the device, and the build rows it points into. */
    private record BuiltJoin(SinkBuffers buildRows, DeviceBuffer slotRows, DeviceBuffer slotKeys, DeviceBuffer links,
            long capacity) {
    }

    /** What binding a pipeline kernel's parameters needs. */
    private record Bindings(GeneratedKernel kernel, TableCatalog catalog, Table table, long rows, DeviceBuffer status,
            SinkBuffers sink, long outputCapacity, List<BuiltJoin> joins, List<DeviceBuffer> temporaries) {
    }

    /**
     * Builds the pipeline's join hash tables, then runs its kernel until its sink held everything: a materialisation
     * whose joins gave more rows than there was room for runs again with room for the count it reported, and a group
     * table that filled up (joins can give more groups than the statistics bound) runs again four times as large.
     */
    private Launched launch(GeneratedKernel kernel, TableCatalog catalog, List<DeviceBuffer> temporaries) {
        Pipeline pipeline = kernel.pipeline();
        Table table = catalog.table(pipeline.scan().table());
        long rows = table.rowCount();
        Module module = compiler.load(kernelSource(kernel, header));
        List<BuiltJoin> joins = new ArrayList<>();
        for (int j = 0; j < pipeline.joins().size(); j++) {
            joins.add(buildJoin(kernel, j, module, catalog, temporaries));
        }
        int grid = grid(rows, TILE_ROWS);
        long outputCapacity = rows;
        long groupCapacity = pipeline.sink() instanceof PipelineSink.GroupedAggregation grouped
                ? groupCapacity(grouped, pipeline, catalog, rows) : 0;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment statusValue = arena.allocate(8, 8);
            while (true) {
                int attempt = temporaries.size();
                DeviceBuffer status = temporary(temporaries, 8);
                status.fillAsync((byte) 0, stream);
                SinkBuffers sink = allocateSink(kernel, grid, outputCapacity, groupCapacity, temporaries);
                KernelLaunch launch = module.kernel(GeneratedKernel.PIPELINE_KERNEL).launcher().grid(grid)
                        .block(BLOCK_THREADS).stream(stream);
                Bindings bindings = new Bindings(kernel, catalog, table, rows, status, sink, outputCapacity, joins,
                        temporaries);
                for (KernelParameter parameter : kernel.parameters()) {
                    bind(launch, parameter, bindings);
                }
                timing.beforeLaunch(stream);
                launch.launch();
                if (pipeline.sink() instanceof PipelineSink.GroupedAggregation) {
                    compactGroups(module, bindings);
                }
                timing.afterLaunch(stream);
                status.copyToAsync(statusValue, stream);
                stream.synchronize();
                timing.collect();
                int code = statusValue.get(ValueLayout.JAVA_INT, 0);
                if (code == GROUP_TABLE_FULL && !pipeline.joins().isEmpty()) {
                    freeSince(temporaries, attempt);
                    groupCapacity *= 4;
                    continue;
                }
                if (code != 0) {
                    throw new GpuFallbackException(switch (code) {
                        case GROUP_TABLE_FULL -> "the GPU group table filled up (more groups than the statistics allow)";
                        case WIDE_VALUE -> "a DECIMAL value beyond 64 bits reached a MIN/MAX or group key, which the GPU"
                                + " keeps in 64 bits";
                        default -> "the GPU kernel found an arithmetic error (overflow, division by zero or a bad cast)"
                                + " that the CPU executor reports exactly";
                    });
                }
                if (!(pipeline.sink() instanceof PipelineSink.Materialization)) {
                    return new Launched(sink, grid, 0);
                }
                long count = MaterializedResult.rowCount(sink, stream);
                if (count <= outputCapacity) {
                    return new Launched(sink, grid, count);
                }
                freeSince(temporaries, attempt);
                outputCapacity = count;
            }
        }
    }

    /**
     * Materialises join {@code j}'s build side (its own pipeline, joins included) and inserts its rows into a hash table
     * of at least twice as many slots as it can have keys: the build rows, read back, or fewer where the statistics
     * bound the distinct keys (TPC-H Q22 builds 15M orders by their 1M customers at SF 10: 2M slots, not 32M). A table
     * sized from the statistics is checked before any probe reads it (one more synchronisation), and built again from
     * the rows where the kernel claimed more than half its slots, so a wrong bound costs time, never an answer or a
     * probe that finds no empty slot.
     */
    private BuiltJoin buildJoin(GeneratedKernel kernel, int j, Module module, TableCatalog catalog,
            List<DeviceBuffer> temporaries) {
        GeneratedKernel build = kernel.builds().get(j);
        JoinStage join = kernel.pipeline().joins().get(j);
        Launched built = launch(build, catalog, temporaries);
        List<Expr> columns = ((PipelineSink.Materialization) build.pipeline().sink()).columns();
        long fromRows = joinCapacity(built.rows());
        long capacity = Math.min(fromRows, joinCapacity(distinctKeyBound(build.pipeline(),
                join.buildKeys().stream().map(columns::get).toList(), catalog)));
        int attempt = temporaries.size();
        while (true) {
            DeviceBuffer slotRows = temporary(temporaries, capacity * 8);
            slotRows.fillAsync((byte) 0xff, stream); // every slot FORGE_NO_ROW
            DeviceBuffer slotKeys = temporary(temporaries, capacity * 8 * kernel.joinKeyWords(j));
            DeviceBuffer links = temporary(temporaries, Math.max(1, built.rows()) * 8); // where a chain goes on
            DeviceBuffer claimed = temporary(temporaries, 8);
            claimed.fillAsync((byte) 0, stream);
            if (built.rows() > 0) {
                KernelLaunch insert = module.kernel(GeneratedKernel.joinBuildKernel(j)).launcher()
                        .grid(grid(built.rows(), BLOCK_THREADS)).block(BLOCK_THREADS).stream(stream)
                        .arg(built.rows());
                for (int key : join.buildKeys()) {
                    insert.arg(built.sink().outputValues().get(key));
                    if (columns.get(key).nullable()) {
                        insert.arg(built.sink().outputValidity().get(key));
                    }
                }
                timing.beforeLaunch(stream);
                insert.arg(slotRows).arg(slotKeys).arg(links).arg(capacity).arg(claimed).launch();
                if (capacity < fromRows && moreThanHalfClaimed(claimed, capacity)) {
                    freeSince(temporaries, attempt);
                    capacity = fromRows;
                    continue;
                }
            }
            return new BuiltJoin(built.sink(), slotRows, slotKeys, links, capacity);
        }
    }

    /** Whether a join build kernel claimed more than half of its table's slots (waits for the stream). */
    private boolean moreThanHalfClaimed(DeviceBuffer claimed, long capacity) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment count = arena.allocate(8, 8);
            claimed.copyToAsync(count, stream);
            stream.synchronize();
            return Long.compareUnsigned(count.get(ValueLayout.JAVA_LONG, 0), capacity / 2) > 0;
        }
    }

    /** A power of two at least twice {@code rows} (and at least 64), so a probe always ends at an empty slot. */
    static long joinCapacity(long rows) {
        return Math.max(64, Long.highestOneBit(Math.max(1, rows) * 2 - 1) << 1);
    }

    private int grid(long items, int itemsPerBlock) {
        return (int) Math.max(1, Math.min((items + itemsPerBlock - 1) / itemsPerBlock,
                (long) device.info().multiprocessors() * BLOCKS_PER_MULTIPROCESSOR));
    }

    private static void freeSince(List<DeviceBuffer> temporaries, int first) {
        while (temporaries.size() > first) {
            temporaries.removeLast().close();
        }
    }

    /** The device buffers a sink writes. */
    record SinkBuffers(DeviceBuffer outputCount, List<DeviceBuffer> outputValues, List<DeviceBuffer> outputValidity,
            DeviceBuffer partials, DeviceBuffer groupTable, long groupCapacity, DeviceBuffer groups,
            DeviceBuffer groupCount) {
    }

    private DeviceBuffer temporary(List<DeviceBuffer> temporaries, long bytes) {
        DeviceBuffer buffer = pool.allocate(Math.max(8, (bytes + 7) & ~7L), stream);
        temporaries.add(buffer);
        return buffer;
    }

    private SinkBuffers allocateSink(GeneratedKernel kernel, int grid, long outputCapacity, long groupCapacity,
            List<DeviceBuffer> temporaries) {
        return switch (kernel.pipeline().sink()) {
            case PipelineSink.Materialization materialization -> {
                DeviceBuffer count = temporary(temporaries, 8);
                count.fillAsync((byte) 0, stream);
                List<DeviceBuffer> values = new ArrayList<>();
                List<DeviceBuffer> validity = new ArrayList<>();
                for (int c = 0; c < materialization.columns().size(); c++) {
                    values.add(temporary(temporaries,
                            outputCapacity * elementBytes(kernel.outputElementTypes().get(c))));
                    validity.add(materialization.columns().get(c).nullable()
                            ? temporary(temporaries, outputCapacity) : null);
                }
                yield new SinkBuffers(count, values, validity, null, null, 0, null, null);
            }
            case PipelineSink.UngroupedAggregation _ -> new SinkBuffers(null, List.of(), List.of(),
                    temporary(temporaries, (long) grid * kernel.aggregateWords() * 8), null, 0, null, null);
            case PipelineSink.GroupedAggregation _ -> {
                DeviceBuffer groupTable = temporary(temporaries, groupCapacity * kernel.aggregateWords() * 8);
                groupTable.fillAsync((byte) 0, stream);
                DeviceBuffer groups = temporary(temporaries, groupCapacity * (kernel.aggregateWords() - 1) * 8);
                DeviceBuffer groupCount = temporary(temporaries, 8);
                groupCount.fillAsync((byte) 0, stream);
                yield new SinkBuffers(null, List.of(), List.of(), null, groupTable, groupCapacity, groups,
                        groupCount);
            }
        };
    }

    /**
     * Twice the most groups there can be, rounded up to a power of two: at most the rows, and with plain column keys at
     * most the product of their distinct counts, each plus one for NULL. Without joins both bounds are exact. With joins
     * the rows are a first guess (an INNER join can give more rows than its probe side; a table that fills is retried
     * four times larger), and the product alone is no use: keys that depend on each other (TPC-H Q10 groups by a
     * customer's key, name, phone, address and comment) multiply to far more groups than there are rows.
     */
    static long groupCapacity(PipelineSink.GroupedAggregation grouped, Pipeline pipeline, TableCatalog catalog,
            long rows) {
        long groups = Math.max(1, Math.min(rows, distinctKeyBound(pipeline, grouped.keys(), catalog)));
        return Math.max(1024, Long.highestOneBit(groups * 2 - 1) << 1);
    }

    /**
     * The most distinct values {@code keys} (over {@code pipeline}'s row) can take together, from the statistics: the
     * product of each plain column's exact distinct count, plus one where it has NULLs; at most 2^40, and that where a
     * key is computed or its column's count is unknown. A pipeline's filters and joins only ever drop values.
     */
    static long distinctKeyBound(Pipeline pipeline, List<Expr> keys, TableCatalog catalog) {
        double product = 1;
        for (Expr key : keys) {
            Optional<ColumnStatistics> statistics = key instanceof ColumnRef reference
                    ? HostColumns.origin(pipeline, reference.index()).flatMap(origin -> origin.statistics(catalog))
                    : Optional.empty();
            if (statistics.isEmpty() || !statistics.get().distinctCountKnown()) {
                return 1L << 40;
            }
            product *= statistics.get().distinctCount() + (statistics.get().nullCount() > 0 ? 1 : 0);
        }
        return (long) Math.min(product, 1L << 40);
    }

    static int elementBytes(String element) {
        return switch (element) {
            case "unsigned char" -> 1;
            case "int", "float" -> 4;
            case "i64", "double" -> 8;
            case "u64" -> 16; // 128-bit decimals: two words per value
            default -> throw new IllegalArgumentException("unknown output element " + element);
        };
    }

    private void bind(KernelLaunch launch, KernelParameter parameter, Bindings bindings) {
        Table table = bindings.table();
        Scan scan = bindings.kernel().pipeline().scan();
        SinkBuffers sink = bindings.sink();
        switch (parameter) {
            case KernelParameter.RowCount _ -> launch.arg(bindings.rows());
            case KernelParameter.Status _ -> launch.arg(bindings.status());
            case KernelParameter.ColumnValues values -> launch.arg(resident(table, scan, values.field()).values());
            case KernelParameter.ColumnValidity validity -> {
                DeviceColumn column = resident(table, scan, validity.field());
                if (column.validity() == null) {
                    launch.arg(0L); // no NULLs: forge_valid treats a null bitmap as all valid
                } else {
                    launch.arg(column.validity());
                }
            }
            case KernelParameter.LiteralValue literal -> bindLiteral(launch, literal);
            case KernelParameter.DictionaryBound bound -> launch.arg(DictionaryBounds.bound(strings.dictionary(
                    bindings.kernel().pipeline(), bound.strings(), bindings.catalog()), bound.text(), bound.upper()));
            case KernelParameter.DictionaryMatches like -> launch.arg(hostInts(strings.likeMatches(
                    bindings.kernel().pipeline(), like.strings(), like.pattern(), like.escape(), bindings.catalog()),
                    bindings.temporaries()));
            case KernelParameter.DictionaryMapping mapping -> launch.arg(hostInts(strings.mapping(
                    bindings.kernel().pipeline(), mapping.function(), bindings.catalog()), bindings.temporaries()));
            case KernelParameter.OutputCount _ -> launch.arg(sink.outputCount());
            case KernelParameter.OutputCapacity _ -> launch.arg(bindings.outputCapacity());
            case KernelParameter.OutputValues values -> launch.arg(sink.outputValues().get(values.column()));
            case KernelParameter.OutputValidity validity -> launch.arg(sink.outputValidity().get(validity.column()));
            case KernelParameter.Partials _ -> launch.arg(sink.partials());
            case KernelParameter.GroupTable _ -> launch.arg(sink.groupTable());
            case KernelParameter.GroupCapacity _ -> launch.arg(sink.groupCapacity());
            case KernelParameter.JoinRows rows -> launch.arg(bindings.joins().get(rows.join()).slotRows());
            case KernelParameter.JoinKeys keys -> launch.arg(bindings.joins().get(keys.join()).slotKeys());
            case KernelParameter.JoinLinks links -> launch.arg(bindings.joins().get(links.join()).links());
            case KernelParameter.JoinCapacity capacity -> launch.arg(bindings.joins().get(capacity.join()).capacity());
            case KernelParameter.BuildValues values ->
                    launch.arg(bindings.joins().get(values.join()).buildRows().outputValues().get(values.column()));
            case KernelParameter.BuildValidity validity -> launch.arg(
                    bindings.joins().get(validity.join()).buildRows().outputValidity().get(validity.column()));
            case KernelParameter.ScalarValue scalar -> bindScalar(launch, scalar,
                    ScalarRows.column(bindings.kernel().pipeline(), scalar.scalar(), scalar.column(), bindings.catalog()));
            case KernelParameter.ScalarValidity validity -> launch.arg(ScalarRows.column(bindings.kernel().pipeline(),
                    validity.scalar(), validity.column(), bindings.catalog()).view().isNull(0) ? 0 : 1);
        }
    }

    /** A scalar row's value, bound as a literal of its type would be (a NULL binds zeros; its validity says NULL). */
    private static void bindScalar(KernelLaunch launch, KernelParameter.ScalarValue scalar, Column column) {
        ColumnView view = column.view();
        boolean isNull = view.isNull(0);
        switch (column.type()) {
            case DataType.Boolean _ -> launch.arg(!isNull && view.getBoolean(0) ? 1 : 0);
            case DataType.Int32 _, DataType.Date _ -> launch.arg(isNull ? 0 : view.getInt(0));
            case DataType.Int64 _, DataType.Timestamp _ -> launch.arg(isNull ? 0L : view.getLong(0));
            case DataType.Float32 _ -> launch.arg(isNull ? 0f : view.getFloat(0));
            case DataType.Float64 _ -> launch.arg(isNull ? 0.0 : view.getDouble(0));
            case DataType.Decimal _ -> {
                BigInteger unscaled = isNull ? BigInteger.ZERO : view.getUnscaled(0);
                launch.arg(scalar.part() == 0 ? unscaled.longValue() : unscaled.shiftRight(64).longValue());
            }
            case DataType.Varchar _ -> throw new IllegalStateException("string scalars are not bound on the GPU");
        }
    }

    /** A temporary device copy of {@code values} (at least one word, so an empty table is never a null pointer). */
    private DeviceBuffer hostInts(int[] values, List<DeviceBuffer> temporaries) {
        DeviceBuffer device = temporary(temporaries, (long) values.length * Integer.BYTES);
        if (values.length > 0) {
            // pageable source: the driver has staged it when the call returns, so GC-managed memory is safe
            MemorySegment host = Arena.ofAuto().allocate((long) values.length * Integer.BYTES, Integer.BYTES);
            MemorySegment.copy(values, 0, host, ValueLayout.JAVA_INT, 0, values.length);
            device.slice(0, host.byteSize()).copyFromAsync(host, stream);
        }
        return device;
    }

    private DeviceColumn resident(Table table, Scan scan, int field) {
        return cache.column(table.column(scan.columns().get(field)));
    }

    private static void bindLiteral(KernelLaunch launch, KernelParameter.LiteralValue literal) {
        Object value = literal.literal().value();
        switch (literal.literal().type()) {
            case DataType.Boolean _ -> launch.arg(((Boolean) value) ? 1 : 0);
            case DataType.Int32 _, DataType.Date _ -> launch.arg((int) (Integer) value);
            case DataType.Int64 _, DataType.Timestamp _ -> launch.arg((long) (Long) value);
            case DataType.Float32 _ -> launch.arg((float) (Float) value);
            case DataType.Float64 _ -> launch.arg((double) (Double) value);
            case DataType.Decimal _ -> {
                BigInteger unscaled = ((java.math.BigDecimal) value).unscaledValue();
                launch.arg(literal.part() == 0 ? unscaled.longValue() : unscaled.shiftRight(64).longValue());
            }
            case DataType.Varchar _ -> throw new IllegalStateException("string literals are bound as dictionary codes");
        }
    }

    /**
     * Gathers the full slots of the group table into dense rows; where the pipeline has a HAVING condition, only the
     * groups it keeps (its errors, and exact sums out of range in any group, raise the status).
     */
    private void compactGroups(Module module, Bindings bindings) {
        GeneratedKernel kernel = bindings.kernel();
        SinkBuffers sink = bindings.sink();
        long capacity = sink.groupCapacity();
        int grid = (int) Math.max(1, Math.min((capacity + BLOCK_THREADS - 1) / BLOCK_THREADS,
                (long) device.info().multiprocessors() * BLOCKS_PER_MULTIPROCESSOR));
        String name = kernel.filtersGroups() ? GeneratedKernel.COMPACT_SELECTED_GROUPS_KERNEL
                : GeneratedKernel.COMPACT_GROUPS_KERNEL;
        KernelLaunch compact = module.kernel(name).launcher().grid(grid).block(BLOCK_THREADS).stream(stream)
                .arg(sink.groupTable()).arg(capacity).arg(kernel.aggregateWords()).arg(sink.groups())
                .arg(sink.groupCount());
        if (kernel.filtersGroups()) {
            compact.arg(bindings.status());
            for (KernelParameter parameter : kernel.compactionParameters()) {
                bind(compact, parameter, bindings);
            }
        }
        compact.launch();
    }
}
