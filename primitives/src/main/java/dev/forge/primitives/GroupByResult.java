package dev.forge.primitives;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

/**
 * The groups a group-by found: one INT64 segment per key column and one result segment per aggregate (see
 * {@link Aggregate} for their types), each holding {@code groupCount} entries in the same group order.
 */
public record GroupByResult(long groupCount, List<MemorySegment> keyColumns, List<MemorySegment> aggregateColumns) {

    public long key(int column, long group) {
        return keyColumns.get(column).getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, group);
    }

    public long int64At(int aggregate, long group) {
        return aggregateColumns.get(aggregate).getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, group);
    }

    /** A MIN or MAX of INT32 values. */
    public int int32At(int aggregate, long group) {
        return aggregateColumns.get(aggregate).getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, group);
    }

    /** A MIN or MAX of FLOAT32 values. */
    public float float32At(int aggregate, long group) {
        return aggregateColumns.get(aggregate).getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, group);
    }

    public double float64At(int aggregate, long group) {
        return aggregateColumns.get(aggregate).getAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, group);
    }

    /** An exact SUM of INT64 values: the low half is stored first, then the high half. */
    public Int128 int128At(int aggregate, long group) {
        MemorySegment column = aggregateColumns.get(aggregate);
        return new Int128(column.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, 2 * group + 1),
                column.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, 2 * group));
    }
}
