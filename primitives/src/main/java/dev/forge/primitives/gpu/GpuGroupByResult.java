package dev.forge.primitives.gpu;

import dev.forge.cuda.DeviceBuffer;
import dev.forge.cuda.DeviceMemory;
import dev.forge.cuda.Stream;
import dev.forge.primitives.ElementType;
import dev.forge.primitives.GroupByResult;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * The groups a GPU group-by found, in device memory, in order of first appearance: one column per key (in the key's
 * own type) and one per aggregate (laid out as {@link GroupByResult}'s), {@link #groupCount} entries each. The
 * result owns its memory, from the pool, freed by {@link #close} in the order of the stream it was allocated on.
 */
public final class GpuGroupByResult implements AutoCloseable {
    private final long groupCount;
    private final List<ElementType> keyTypes;
    private final List<DeviceBuffer> keyColumns;
    private final List<Integer> resultBytes;
    private final List<DeviceBuffer> aggregateColumns;

    GpuGroupByResult(long groupCount, List<ElementType> keyTypes, List<DeviceBuffer> keyColumns,
            List<Integer> resultBytes, List<DeviceBuffer> aggregateColumns) {
        this.groupCount = groupCount;
        this.keyTypes = List.copyOf(keyTypes);
        this.keyColumns = List.copyOf(keyColumns);
        this.resultBytes = List.copyOf(resultBytes);
        this.aggregateColumns = List.copyOf(aggregateColumns);
    }

    public long groupCount() {
        return groupCount;
    }

    /** Key column {@code column}: {@link #groupCount} keys of that column's type. */
    public DeviceMemory keyColumn(int column) {
        return keyColumns.get(column).slice(0, groupCount * keyTypes.get(column).byteSize());
    }

    /** The results of aggregate {@code aggregate}, one per group (see {@code Aggregate.resultBytes}). */
    public DeviceMemory aggregateColumn(int aggregate) {
        return aggregateColumns.get(aggregate).slice(0, groupCount * resultBytes.get(aggregate));
    }

    /**
     * Copies the groups to host memory from {@code arena} once {@code stream} has written them (waits for it), as a
     * {@link GroupByResult}: INT32 keys are widened to INT64 there, since its key columns are INT64.
     */
    public GroupByResult copyToHost(Arena arena, Stream stream) {
        List<MemorySegment> keys = new ArrayList<>();
        List<MemorySegment> narrowKeys = new ArrayList<>();
        for (int c = 0; c < keyColumns.size(); c++) {
            MemorySegment host = allocate(arena, groupCount * keyTypes.get(c).byteSize());
            keyColumn(c).copyToAsync(host, stream);
            narrowKeys.add(host);
        }
        List<MemorySegment> aggregates = new ArrayList<>();
        for (int a = 0; a < aggregateColumns.size(); a++) {
            MemorySegment host = allocate(arena, groupCount * resultBytes.get(a));
            aggregateColumn(a).copyToAsync(host, stream);
            aggregates.add(host);
        }
        stream.synchronize();
        for (int c = 0; c < narrowKeys.size(); c++) {
            MemorySegment narrow = narrowKeys.get(c);
            if (keyTypes.get(c) == ElementType.INT64) {
                keys.add(narrow);
                continue;
            }
            MemorySegment wide = allocate(arena, 8 * groupCount);
            for (long g = 0; g < groupCount; g++) {
                wide.setAtIndex(ValueLayout.JAVA_LONG, g, narrow.getAtIndex(ValueLayout.JAVA_INT, g));
            }
            keys.add(wide);
        }
        return new GroupByResult(groupCount, List.copyOf(keys), List.copyOf(aggregates));
    }

    private static MemorySegment allocate(Arena arena, long bytes) {
        return arena.allocate(Math.max(8, bytes), 8).asSlice(0, bytes);
    }

    @Override
    public void close() {
        keyColumns.forEach(DeviceBuffer::close);
        aggregateColumns.forEach(DeviceBuffer::close);
    }
}
