package dev.forge.primitives;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Matching row-index pairs of a join or hash-table probe: {@code leftRows[i]} (the probe side) matched
 * {@code rightRows[i]} (the build side); both are INT64 segments of {@code count} elements, and a right row of -1
 * means "no match" (left outer join).
 */
public record JoinPairs(long count, MemorySegment leftRows, MemorySegment rightRows) {

    public long leftRow(long i) {
        return leftRows.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i);
    }

    public long rightRow(long i) {
        return rightRows.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i);
    }
}
