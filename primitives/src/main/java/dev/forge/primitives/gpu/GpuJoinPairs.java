package dev.forge.primitives.gpu;

import dev.forge.cuda.DeviceBuffer;
import dev.forge.cuda.DeviceMemory;
import dev.forge.cuda.MemoryPool;
import dev.forge.cuda.Stream;
import dev.forge.primitives.JoinPairs;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Matching row-index pairs of a GPU join or hash-table probe, in device memory: {@code leftRows[i]} (the probe side)
 * matched {@code rightRows[i]} (the build side), both INT64, {@link #count} of each; a right row of -1 means "no
 * match" (left outer join). The pairs own their memory, from the pool and freed by {@link #close} in the order of the
 * stream they were allocated on.
 */
public final class GpuJoinPairs implements AutoCloseable {
    private final long count;
    private final DeviceBuffer left;
    private final DeviceBuffer right;

    private GpuJoinPairs(long count, DeviceBuffer left, DeviceBuffer right) {
        this.count = count;
        this.left = left;
        this.right = right;
    }

    static GpuJoinPairs allocate(long count, MemoryPool pool, Stream stream) {
        String what = "the " + count + " row pairs of a GPU join";
        String remedy = "join a part of the probe rows at a time";
        DeviceBuffer left = PoolMemory.allocate(pool, 8 * count, stream, what, remedy);
        try {
            return new GpuJoinPairs(count, left, PoolMemory.allocate(pool, 8 * count, stream, what, remedy));
        } catch (RuntimeException failure) {
            left.close();
            throw failure;
        }
    }

    public long count() {
        return count;
    }

    public DeviceMemory leftRows() {
        return left.slice(0, 8 * count);
    }

    public DeviceMemory rightRows() {
        return right.slice(0, 8 * count);
    }

    /** Copies the pairs to host memory from {@code arena} once {@code stream} has written them (waits for it). */
    public JoinPairs copyToHost(Arena arena, Stream stream) {
        MemorySegment leftRows = arena.allocate(Math.max(8, 8 * count), 8).asSlice(0, 8 * count);
        MemorySegment rightRows = arena.allocate(Math.max(8, 8 * count), 8).asSlice(0, 8 * count);
        leftRows().copyToAsync(leftRows, stream);
        rightRows().copyToAsync(rightRows, stream);
        stream.synchronize();
        return new JoinPairs(count, leftRows, rightRows);
    }

    @Override
    public void close() {
        left.close();
        right.close();
    }
}
