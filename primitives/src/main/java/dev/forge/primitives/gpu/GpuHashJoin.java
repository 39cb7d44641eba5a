package dev.forge.primitives.gpu;

import dev.forge.cuda.CudaDevice;
import dev.forge.cuda.DeviceMemory;
import dev.forge.cuda.MemoryPool;
import dev.forge.cuda.Stream;
import dev.forge.primitives.ElementType;

/**
 * Equi-joins on one integer key column on the GPU by building a {@link GpuHashTable} on the right side and probing
 * it with the left: inner, left semi, left anti and left outer, returning row indices exactly as {@code CpuHashJoin}
 * does, order included (left row order, and ascending right rows for one left row).
 *
 * <p>Inner and left outer joins wait on the host once, for the number of pairs (see {@link GpuHashTable#probe});
 * semi and anti joins write into memory the caller sized to the left side and never wait. Each call builds and frees
 * its table on {@code stream}; to probe one build side many times, use {@link GpuHashTableBuilder} directly.
 */
public final class GpuHashJoin {
    private final GpuHashTableBuilder builder;

    public GpuHashJoin(CudaDevice device) {
        this.builder = new GpuHashTableBuilder(device);
    }

    /** Every pair of rows whose keys are equal. */
    public GpuJoinPairs inner(DeviceMemory leftKeys, DeviceMemory rightKeys, ElementType keyType, MemoryPool pool,
            Stream stream) {
        try (GpuHashTable table = builder.build(rightKeys, keyType, pool, stream)) {
            return table.probe(leftKeys, pool, stream);
        }
    }

    /** Every inner pair, plus each left row without a match paired with right row -1. */
    public GpuJoinPairs leftOuter(DeviceMemory leftKeys, DeviceMemory rightKeys, ElementType keyType, MemoryPool pool,
            Stream stream) {
        try (GpuHashTable table = builder.build(rightKeys, keyType, pool, stream)) {
            return table.probeKeepingUnmatched(leftKeys, pool, stream);
        }
    }

    /**
     * Writes the left rows (INT64, ascending) with at least one matching right row to {@code rows}, which must hold
     * one INT64 per left row, and their number (INT64) to {@code rowCount}.
     */
    public void leftSemi(DeviceMemory leftKeys, DeviceMemory rightKeys, ElementType keyType, DeviceMemory rows,
            DeviceMemory rowCount, MemoryPool pool, Stream stream) {
        try (GpuHashTable table = builder.build(rightKeys, keyType, pool, stream)) {
            table.matchedRows(leftKeys, rows, rowCount, pool, stream);
        }
    }

    /** Like {@link #leftSemi} for the left rows with no matching right row. */
    public void leftAnti(DeviceMemory leftKeys, DeviceMemory rightKeys, ElementType keyType, DeviceMemory rows,
            DeviceMemory rowCount, MemoryPool pool, Stream stream) {
        try (GpuHashTable table = builder.build(rightKeys, keyType, pool, stream)) {
            table.unmatchedRows(leftKeys, rows, rowCount, pool, stream);
        }
    }
}
