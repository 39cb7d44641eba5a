package dev.forge.primitives.cpu;

import dev.forge.primitives.ElementType;
import dev.forge.primitives.JoinPairs;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Equi-joins on one integer key column by building a {@link CpuHashTable} on the right side and probing it with the
 * left: inner, left semi, left anti and left outer, returning row indices.
 *
 * <p>Outputs follow left row order, and for one left row its matches follow right row order, for any thread count.
 */
public final class CpuHashJoin {

    private final CpuWorkers workers;

    public CpuHashJoin(CpuWorkers workers) {
        this.workers = workers;
    }

    /** Every pair of rows whose keys are equal. */
    public JoinPairs inner(MemorySegment leftKeys, MemorySegment rightKeys, ElementType keyType, Arena arena) {
        return CpuHashTable.build(workers, rightKeys, keyType).probe(leftKeys, false, arena);
    }

    /** Every inner pair, plus each left row without a match paired with right row -1. */
    public JoinPairs leftOuter(MemorySegment leftKeys, MemorySegment rightKeys, ElementType keyType, Arena arena) {
        return CpuHashTable.build(workers, rightKeys, keyType).probe(leftKeys, true, arena);
    }

    /** The left rows (INT64, ascending) with at least one matching right row. */
    public MemorySegment leftSemi(MemorySegment leftKeys, MemorySegment rightKeys, ElementType keyType, Arena arena) {
        return CpuHashTable.build(workers, rightKeys, keyType).probeRowsWhere(leftKeys, true, arena);
    }

    /** The left rows (INT64, ascending) with no matching right row. */
    public MemorySegment leftAnti(MemorySegment leftKeys, MemorySegment rightKeys, ElementType keyType, Arena arena) {
        return CpuHashTable.build(workers, rightKeys, keyType).probeRowsWhere(leftKeys, false, arena);
    }
}
