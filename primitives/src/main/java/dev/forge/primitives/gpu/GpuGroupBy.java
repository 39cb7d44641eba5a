package dev.forge.primitives.gpu;

import dev.forge.cuda.CudaDevice;
import dev.forge.cuda.DeviceBuffer;
import dev.forge.cuda.DeviceMemory;
import dev.forge.cuda.Kernel;
import dev.forge.cuda.KernelLaunch;
import dev.forge.cuda.MemoryPool;
import dev.forge.cuda.Module;
import dev.forge.cuda.Stream;
import dev.forge.cuda.compile.KernelCompiler;
import dev.forge.cuda.compile.KernelSource;
import dev.forge.primitives.AggregateFunction;
import dev.forge.primitives.ElementType;
import dev.forge.primitives.SortOrder;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * Hash group-by aggregation on the GPU (kernels in group_by.cu): COUNT, SUM, MIN and MAX over INT32, INT64, FLOAT32
 * and FLOAT64 values, grouped by one to eight INT32 or INT64 key columns, any number of groups. Results are those of
 * {@code CpuGroupBy} (see {@code Aggregate} for the result types: int64 sums exact in 128 bits, int32 sums exact in
 * int64, MIN and MAX under the total order with one canonical NaN), with groups in order of first appearance.
 *
 * <p>Floating sums are deterministic, the same from run to run whatever the thread timing: every value is added as an
 * exact fixed-point integer on a grid set by the column's largest exponent, and the total is rounded to a double
 * once. That is the correctly rounded sum for values within 2^106 of the column's largest (smaller ones are cut
 * toward zero on that grid), so it differs from the CPU twin's left-to-right (or per-morsel) sums only by the twin's
 * own rounding.
 *
 * <p>Each block aggregates first into a table of its own in shared memory (when groups are few, that is where all the
 * work happens), and rows of groups it has no room for go to a global table sized for {@code maxGroups} groups.
 * Without a bound the table first has room for {@value #FIRST_GROUP_BOUND} groups (or the row count, if smaller),
 * and rows with more groups are aggregated a second time with room for as many groups as rows. The call waits on
 * the host once per pass, for the number of groups, since the outputs are allocated (from the pool, on the stream)
 * to fit it; the groups are written by kernels still queued when it returns.
 */
public final class GpuGroupBy {
    /** Rows per call: first rows are 32-bit, and int32 sums of this many rows fit an int64. */
    public static final long MAX_ROWS = Integer.MAX_VALUE;
    /**
     * Groups the global table first has room for when the caller gives no bound: memory in proportion to the
     * groups, not the rows, for the usual inputs; rows with more groups are aggregated again with room for all.
     */
    static final long FIRST_GROUP_BOUND = 1 << 22;
    private static final int THREADS = 256;
    /** Dynamic shared memory a block's own table may take: all a block gets without opting in, less static use. */
    private static final long SHARED_BUDGET = 48 * 1024 - 256;
    private static final int ALIGNMENT = 256;
    private static final String REMEDY = "group a part of the rows at a time and merge the parts, or pass a smaller"
            + " maxGroups if fewer groups are certain";

    private final Module module;
    private final GpuRadixSort sort;
    private final int multiprocessors;

    /** Loads the kernels and the radix sort (which reads its tuning policy from the device: one synchronisation). */
    public GpuGroupBy(CudaDevice device) {
        this.module = KernelCompiler.shared(device).load(KernelSource.fromResource(GpuGroupBy.class, "/kernels/group_by.cu"));
        this.sort = new GpuRadixSort(device);
        this.multiprocessors = device.info().multiprocessors();
    }

    /** Groups by {@code keyColumns}, however many groups there are (a second pass if more than the first bound). */
    public GpuGroupByResult groupBy(List<DeviceMemory> keyColumns, List<ElementType> keyTypes,
            List<GpuAggregate> aggregates, MemoryPool pool, Stream stream) {
        long rowCount = requireColumns(keyColumns, keyTypes, aggregates);
        GpuGroupByResult result = aggregate(keyColumns, keyTypes, aggregates, rowCount,
                Math.max(1, Math.min(rowCount, FIRST_GROUP_BOUND)), false, pool, stream);
        return result != null ? result
                : aggregate(keyColumns, keyTypes, aggregates, rowCount, rowCount, true, pool, stream);
    }

    /**
     * Groups by {@code keyColumns} (each INT32 or INT64 as {@code keyTypes} says, all with the same number of rows)
     * and computes {@code aggregates}, with a global table for at most {@code maxGroups} groups: more groups than
     * that fail the call with an {@link IllegalArgumentException} once the count is known (never silently).
     */
    public GpuGroupByResult groupBy(List<DeviceMemory> keyColumns, List<ElementType> keyTypes,
            List<GpuAggregate> aggregates, long maxGroups, MemoryPool pool, Stream stream) {
        long rowCount = requireColumns(keyColumns, keyTypes, aggregates);
        if (maxGroups < 1) {
            throw new IllegalArgumentException("maxGroups must be at least 1, got " + maxGroups);
        }
        return aggregate(keyColumns, keyTypes, aggregates, rowCount, maxGroups, true, pool, stream);
    }

    /**
     * One aggregation with a global table for {@code maxGroups} groups; when the rows hold more, throws if
     * {@code failOnOverflow}, else returns null (having freed everything in stream order).
     */
    private GpuGroupByResult aggregate(List<DeviceMemory> keyColumns, List<ElementType> keyTypes,
            List<GpuAggregate> aggregates, long rowCount, long maxGroups, boolean failOnOverflow, MemoryPool pool,
            Stream stream) {
        List<GpuGroupByLayout.Operation> operations = new ArrayList<>();
        for (GpuAggregate aggregate : aggregates) {
            operations.add(new GpuGroupByLayout.Operation(aggregate.function(), aggregate.valueType()));
        }
        GpuGroupByLayout layout = GpuGroupByLayout.of(keyTypes, operations);
        if (rowCount == 0) {
            return allocateResult(0, keyTypes, aggregates, pool, stream);
        }
        long groupBound = Math.min(maxGroups, rowCount);
        long capacity = GpuHashTable.capacityFor(groupBound);
        long counters = 0;
        long exponents = align(16);
        long slots = exponents + align(4L * GpuGroupByLayout.MAX_AGGREGATES);
        long records = slots + align(capacity * layout.slotBytes());
        long groupKeys = records + align(groupBound * layout.recordBytes());
        long scratchBytes = groupKeys + align(groupBound * 8 * layout.keyCount());
        String what = "a GPU group-by of " + rowCount + " rows with room for " + groupBound + " groups ("
                + capacity + " table slots of " + layout.slotBytes() + " bytes, " + layout.recordBytes()
                + " bytes of accumulators per group)";
        try (Arena arena = Arena.ofConfined();
                DeviceBuffer scratch = PoolMemory.allocate(pool, scratchBytes, stream, what, REMEDY)) {
            long base = scratch.address();
            scratch.slice(0, groupKeys).fillIntsAsync(0, stream); // counters, exponents, slots and records
            long[] keyAddresses = keyColumns.stream().mapToLong(DeviceMemory::address).toArray();
            long[] valueAddresses = aggregates.stream()
                    .mapToLong(aggregate -> aggregate.values() == null ? 0 : aggregate.values().address()).toArray();
            MemorySegment columns = layout.columns(arena, rowCount, keyAddresses, valueAddresses);
            MemorySegment table = GpuGroupByLayout.table(arena, base + slots, capacity - 1, groupBound,
                    base + records, base + groupKeys, base + counters);
            for (int a = 0; a < aggregates.size(); a++) {
                GpuAggregate aggregate = aggregates.get(a);
                boolean floating = aggregate.valueType() == ElementType.FLOAT32
                        || aggregate.valueType() == ElementType.FLOAT64;
                if (aggregate.function() == AggregateFunction.SUM && floating) {
                    String kernel = "group_by_largest_exponent_" + (aggregate.valueType() == ElementType.FLOAT32
                            ? "float32" : "float64");
                    launch(module.kernel(kernel), rowCount, 0, stream)
                            .arg(aggregate.values()).arg(rowCount).arg(base + exponents + 4L * a)
                            .launch();
                }
            }
            long localCapacity = layout.localCapacity(SHARED_BUDGET);
            int sharedBytes = (int) layout.sharedBytes(localCapacity);
            launch(module.kernel("group_by_aggregate"), rowCount, sharedBytes, stream)
                    .argStruct(columns, 8).argStruct(table, 8).arg(base + exponents).arg(localCapacity)
                    .launch();
            long[] counts = readCounters(scratch.slice(counters, 16), stream, arena);
            if (counts[1] != 0 && !failOnOverflow) {
                return null;
            }
            if (counts[1] != 0) {
                throw new IllegalArgumentException("the rows hold more than maxGroups = " + maxGroups + " groups: pass"
                        + " a larger maxGroups (the row count, " + rowCount + ", always suffices)");
            }
            long groupCount = counts[0];
            GpuGroupByResult result = allocateResult(groupCount, keyTypes, aggregates, pool, stream);
            try {
                writeGroups(layout, columns, table, result, groupCount, rowCount, base + records, base + exponents,
                        keyTypes.size(), aggregates.size(), pool, stream, arena);
                return result;
            } catch (RuntimeException failure) {
                result.close();
                throw failure;
            }
        } // the scratch memory is freed in stream order, after the kernels
    }

    /** Orders the groups by first row and writes their keys and results. */
    private void writeGroups(GpuGroupByLayout layout, MemorySegment columns, MemorySegment table,
            GpuGroupByResult result, long groupCount, long rowCount, long records, long exponents, int keyCount,
            int aggregateCount, MemoryPool pool, Stream stream, Arena arena) {
        String what = "ordering the " + groupCount + " groups of a GPU group-by";
        try (DeviceBuffer firstRowsBuffer = PoolMemory.allocate(pool, 4 * groupCount, stream, what, REMEDY);
                DeviceBuffer orderBuffer = PoolMemory.allocate(pool, 4 * groupCount, stream, what, REMEDY)) {
            DeviceMemory firstRows = firstRowsBuffer.slice(0, 4 * groupCount);
            DeviceMemory order = orderBuffer.slice(0, 4 * groupCount);
            launch(module.kernel("group_by_first_rows"), groupCount, 0, stream)
                    .arg(records).arg(layout.recordBytes()).arg(groupCount).arg(firstRows)
                    .launch();
            sort.argsort(firstRows, ElementType.UINT32, SortOrder.ASCENDING,
                    GpuRadixSortBits.forRange(ElementType.UINT32, 0, rowCount - 1), order, ElementType.INT32, pool,
                    stream);
            long[] keyOutputs = new long[keyCount];
            for (int c = 0; c < keyCount; c++) {
                keyOutputs[c] = result.keyColumn(c).address();
            }
            long[] resultOutputs = new long[aggregateCount];
            for (int a = 0; a < aggregateCount; a++) {
                resultOutputs[a] = result.aggregateColumn(a).address();
            }
            launch(module.kernel("group_by_write_groups"), groupCount, 0, stream)
                    .argStruct(columns, 8).argStruct(table, 8)
                    .argStruct(GpuGroupByLayout.outputs(arena, keyOutputs, resultOutputs), 8)
                    .arg(order).arg(groupCount).arg(exponents)
                    .launch();
        }
    }

    private static GpuGroupByResult allocateResult(long groupCount, List<ElementType> keyTypes,
            List<GpuAggregate> aggregates, MemoryPool pool, Stream stream) {
        String what = "the " + groupCount + " groups a GPU group-by returns";
        List<DeviceBuffer> keys = new ArrayList<>();
        List<DeviceBuffer> results = new ArrayList<>();
        List<Integer> resultBytes = new ArrayList<>();
        try {
            for (ElementType keyType : keyTypes) {
                keys.add(PoolMemory.allocate(pool, groupCount * keyType.byteSize(), stream, what, REMEDY));
            }
            for (GpuAggregate aggregate : aggregates) {
                resultBytes.add(aggregate.resultBytes());
                results.add(PoolMemory.allocate(pool, groupCount * aggregate.resultBytes(), stream, what, REMEDY));
            }
        } catch (RuntimeException failure) {
            keys.forEach(DeviceBuffer::close);
            results.forEach(DeviceBuffer::close);
            throw failure;
        }
        return new GpuGroupByResult(groupCount, keyTypes, keys, resultBytes, results);
    }

    /** The number of rows; every check the kernels cannot make. */
    private static long requireColumns(List<DeviceMemory> keyColumns, List<ElementType> keyTypes,
            List<GpuAggregate> aggregates) {
        if (keyColumns.isEmpty() || keyColumns.size() > GpuGroupByLayout.MAX_KEY_COLUMNS) {
            throw new IllegalArgumentException("a GPU group-by takes 1 to " + GpuGroupByLayout.MAX_KEY_COLUMNS
                    + " key columns, got " + keyColumns.size() + (keyColumns.isEmpty()
                    ? " (use GpuReduce for a whole-input aggregate)" : " (combine keys into fewer columns first)"));
        }
        if (keyTypes.size() != keyColumns.size()) {
            throw new IllegalArgumentException("keyTypes names " + keyTypes.size() + " types for " + keyColumns.size()
                    + " key columns");
        }
        if (aggregates.size() > GpuGroupByLayout.MAX_AGGREGATES) {
            throw new IllegalArgumentException("a GPU group-by computes at most " + GpuGroupByLayout.MAX_AGGREGATES
                    + " aggregates per call, got " + aggregates.size());
        }
        long rowCount = -1;
        for (int c = 0; c < keyColumns.size(); c++) {
            ElementType keyType = keyTypes.get(c);
            if (keyType != ElementType.INT32 && keyType != ElementType.INT64) {
                throw new IllegalArgumentException("keyTypes[" + c + "] must be INT32 or INT64, got " + keyType);
            }
            rowCount = requireRows(rowCount, GpuHashTable.count(keyColumns.get(c), keyType, "keyColumns[" + c + "]"),
                    "keyColumns[" + c + "]");
        }
        for (int a = 0; a < aggregates.size(); a++) {
            GpuAggregate aggregate = aggregates.get(a);
            if (aggregate.function() != AggregateFunction.COUNT) {
                String name = "aggregates[" + a + "].values";
                requireRows(rowCount, GpuHashTable.count(aggregate.values(), aggregate.valueType(), name), name);
            }
        }
        if (rowCount > MAX_ROWS) {
            throw new IllegalArgumentException("keyColumns hold " + rowCount + " rows; a GPU group-by takes at most "
                    + MAX_ROWS + " per call: " + REMEDY);
        }
        return rowCount;
    }

    private static long requireRows(long expected, long actual, String name) {
        if (expected >= 0 && expected != actual) {
            throw new IllegalArgumentException(name + " has " + actual + " rows but keyColumns[0] has " + expected);
        }
        return actual;
    }

    private KernelLaunch launch(Kernel kernel, long count, int sharedBytes, Stream stream) {
        int perMultiprocessor = Math.max(1, kernel.maxActiveBlocksPerMultiprocessor(THREADS, sharedBytes));
        long blocks = Math.min((count + THREADS - 1) / THREADS, (long) multiprocessors * perMultiprocessor);
        return kernel.launcher().grid((int) Math.max(1, blocks)).block(THREADS).sharedMemory(sharedBytes).stream(stream);
    }

    /** Waits for {@code stream} and reads the groups created and the overflow flag. */
    private static long[] readCounters(DeviceMemory counters, Stream stream, Arena arena) {
        MemorySegment host = arena.allocate(16, 8);
        counters.copyToAsync(host, stream);
        stream.synchronize();
        return new long[] {host.get(ValueLayout.JAVA_LONG, 0), host.get(ValueLayout.JAVA_LONG, 8)};
    }

    private static long align(long bytes) {
        return (bytes + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    }
}
