package dev.forge.executor.gpu.run;

import dev.forge.columnar.Column;
import dev.forge.columnar.ColumnView;
import dev.forge.columnar.DataType;
import dev.forge.columnar.StringLayout;
import dev.forge.columnar.Table;
import dev.forge.cuda.CudaDevice;
import dev.forge.cuda.DeviceBuffer;
import dev.forge.cuda.Kernel;
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
import java.util.List;
import java.util.Map;

/**
 * Runs one generated pipeline kernel: binds the resident columns, literals and sink buffers, launches it on the
 * executor's stream, and turns what it wrote into a {@link Table}. Every temporary is pooled device memory freed in
 * stream order when the run ends; the only host synchronisations are the reads of the results.
 */
public final class PipelineRunner {
    /** NVRTC needs this to accept __int128 (exact decimals); nvcc accepts it on 64-bit Linux by itself. */
    public static final List<String> COMPILE_OPTIONS = List.of("--device-int128");
    private static final int BLOCK_THREADS = 256;
    private static final int TILE_ROWS = BLOCK_THREADS * 4;
    private static final int BLOCKS_PER_MULTIPROCESSOR = 8;

    private final CudaDevice device;
    private final Stream stream;
    private final MemoryPool pool;
    private final KernelCompiler compiler;
    private final DeviceTableCache cache;
    private final String header;

    public PipelineRunner(CudaDevice device, Stream stream, MemoryPool pool, KernelCompiler compiler,
            DeviceTableCache cache, String header) {
        this.device = device;
        this.stream = stream;
        this.pool = pool;
        this.compiler = compiler;
        this.cache = cache;
        this.header = header;
    }

    /** The compilation unit of a generated kernel; its text is its cache key. */
    public static KernelSource kernelSource(GeneratedKernel kernel, String header) {
        return new KernelSource("forge_pipeline.cu", kernel.source(), Map.of(GeneratedKernel.HEADER, header),
                COMPILE_OPTIONS, List.of(), null);
    }

    /**
     * Checks what only the data can tell: VARCHAR columns the kernel reads must be dictionary-encoded. Throws
     * {@link UnsupportedOnGpuException} otherwise.
     */
    public static void requireSupportedData(GeneratedKernel kernel, TableCatalog catalog) {
        Scan scan = kernel.pipeline().scan();
        Table table = catalog.table(scan.table());
        for (KernelParameter parameter : kernel.parameters()) {
            if (parameter instanceof KernelParameter.ColumnValues values) {
                Column column = table.column(scan.columns().get(values.field()));
                if (column.type() instanceof DataType.Varchar
                        && column.view().stringLayout() != StringLayout.DICTIONARY) {
                    throw new UnsupportedOnGpuException("column " + scan.fields().get(values.field()).name() + " of "
                            + scan.table() + " holds plain (not dictionary-encoded) strings, which the GPU does not"
                            + " read yet");
                }
            }
        }
    }

    public Table run(GeneratedKernel kernel, TableCatalog catalog) {
        requireSupportedData(kernel, catalog);
        Scan scan = kernel.pipeline().scan();
        Table table = catalog.table(scan.table());
        long rows = table.rowCount();
        Module module = compiler.load(kernelSource(kernel, header));
        int grid = (int) Math.max(1, Math.min((rows + TILE_ROWS - 1) / TILE_ROWS,
                (long) device.info().multiprocessors() * BLOCKS_PER_MULTIPROCESSOR));
        List<DeviceBuffer> temporaries = new ArrayList<>();
        try (Arena arena = Arena.ofConfined()) {
            DeviceBuffer status = temporary(temporaries, 8);
            status.fillAsync((byte) 0, stream);
            SinkBuffers sink = allocateSink(kernel, catalog, rows, grid, temporaries);
            KernelLaunch launch = module.kernel(GeneratedKernel.PIPELINE_KERNEL).launcher().grid(grid)
                    .block(BLOCK_THREADS).stream(stream);
            for (KernelParameter parameter : kernel.parameters()) {
                bind(launch, parameter, table, scan, rows, status, sink);
            }
            launch.launch();
            if (kernel.pipeline().sink() instanceof PipelineSink.GroupedAggregation) {
                compactGroups(module, kernel, sink);
            }
            MemorySegment statusValue = arena.allocate(8, 8);
            status.copyToAsync(statusValue, stream);
            stream.synchronize();
            int code = statusValue.get(ValueLayout.JAVA_INT, 0);
            if (code != 0) {
                throw new GpuFallbackException(code == 2
                        ? "the GPU group table filled up (more groups than the statistics allow)"
                        : "the GPU kernel found an arithmetic error (overflow, division by zero or a bad cast) that"
                                + " the CPU executor reports exactly");
            }
            return switch (kernel.pipeline().sink()) {
                case PipelineSink.Materialization materialization ->
                        MaterializedResult.read(kernel, materialization, sink, table, scan, stream);
                case PipelineSink.UngroupedAggregation ungrouped ->
                        AggregateResult.readUngrouped(kernel, ungrouped, sink.partials(), grid, table, scan, stream);
                case PipelineSink.GroupedAggregation grouped ->
                        AggregateResult.readGrouped(kernel, grouped, sink, table, scan, stream);
            };
        } finally {
            for (DeviceBuffer buffer : temporaries) {
                buffer.close();
            }
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

    private SinkBuffers allocateSink(GeneratedKernel kernel, TableCatalog catalog, long rows, int grid,
            List<DeviceBuffer> temporaries) {
        return switch (kernel.pipeline().sink()) {
            case PipelineSink.Materialization materialization -> {
                DeviceBuffer count = temporary(temporaries, 8);
                count.fillAsync((byte) 0, stream);
                List<DeviceBuffer> values = new ArrayList<>();
                List<DeviceBuffer> validity = new ArrayList<>();
                for (int c = 0; c < materialization.columns().size(); c++) {
                    values.add(temporary(temporaries, rows * elementBytes(kernel.outputElementTypes().get(c))));
                    validity.add(materialization.columns().get(c).nullable() ? temporary(temporaries, rows) : null);
                }
                yield new SinkBuffers(count, values, validity, null, null, 0, null, null);
            }
            case PipelineSink.UngroupedAggregation _ -> new SinkBuffers(null, List.of(), List.of(),
                    temporary(temporaries, (long) grid * kernel.aggregateWords() * 8), null, 0, null, null);
            case PipelineSink.GroupedAggregation grouped -> {
                long capacity = groupCapacity(grouped, kernel.pipeline().scan(), catalog, rows);
                DeviceBuffer groupTable = temporary(temporaries, capacity * kernel.aggregateWords() * 8);
                groupTable.fillAsync((byte) 0, stream);
                DeviceBuffer groups = temporary(temporaries, capacity * (kernel.aggregateWords() - 1) * 8);
                DeviceBuffer groupCount = temporary(temporaries, 8);
                groupCount.fillAsync((byte) 0, stream);
                yield new SinkBuffers(null, List.of(), List.of(), null, groupTable, capacity, groups, groupCount);
            }
        };
    }

    /**
     * Twice the most groups there can be (at most the rows; with plain column keys, the product of their distinct
     * counts, each plus one for NULL), rounded up to a power of two. Statistics are exact, so the table never fills.
     */
    static long groupCapacity(PipelineSink.GroupedAggregation grouped, Scan scan, TableCatalog catalog, long rows) {
        double bound = rows;
        TableStatistics statistics = catalog.statistics(scan.table());
        double product = 1;
        boolean known = true;
        for (Expr key : grouped.keys()) {
            if (key instanceof ColumnRef reference && statistics.columns().size() > scan.columns().get(reference.index())) {
                ColumnStatistics column = statistics.columns().get(scan.columns().get(reference.index()));
                if (!column.distinctCountKnown()) {
                    known = false;
                    break;
                }
                product *= column.distinctCount() + (column.nullCount() > 0 ? 1 : 0);
            } else {
                known = false;
                break;
            }
        }
        if (known) {
            bound = Math.min(bound, product);
        }
        long groups = (long) Math.max(1, bound);
        return Math.max(1024, Long.highestOneBit(groups * 2 - 1) << 1);
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

    private void bind(KernelLaunch launch, KernelParameter parameter, Table table, Scan scan, long rows,
            DeviceBuffer status, SinkBuffers sink) {
        switch (parameter) {
            case KernelParameter.RowCount _ -> launch.arg(rows);
            case KernelParameter.Status _ -> launch.arg(status);
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
            case KernelParameter.DictionaryBound bound -> {
                ColumnView dictionary = table.column(scan.columns().get(bound.field())).view().dictionary();
                launch.arg(DictionaryBounds.bound(dictionary, bound.text(), bound.upper()));
            }
            case KernelParameter.OutputCount _ -> launch.arg(sink.outputCount());
            case KernelParameter.OutputValues values -> launch.arg(sink.outputValues().get(values.column()));
            case KernelParameter.OutputValidity validity -> launch.arg(sink.outputValidity().get(validity.column()));
            case KernelParameter.Partials _ -> launch.arg(sink.partials());
            case KernelParameter.GroupTable _ -> launch.arg(sink.groupTable());
            case KernelParameter.GroupCapacity _ -> launch.arg(sink.groupCapacity());
        }
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

    private void compactGroups(Module module, GeneratedKernel kernel, SinkBuffers sink) {
        Kernel compact = module.kernel(GeneratedKernel.COMPACT_GROUPS_KERNEL);
        long capacity = sink.groupCapacity();
        int grid = (int) Math.max(1, Math.min((capacity + BLOCK_THREADS - 1) / BLOCK_THREADS,
                (long) device.info().multiprocessors() * BLOCKS_PER_MULTIPROCESSOR));
        compact.launcher().grid(grid).block(BLOCK_THREADS).stream(stream)
                .arg(sink.groupTable()).arg(capacity).arg(kernel.aggregateWords()).arg(sink.groups())
                .arg(sink.groupCount()).launch();
    }
}
