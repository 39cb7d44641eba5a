package dev.forge.primitives;

import java.lang.foreign.MemorySegment;

/**
 * One aggregate of a group-by: a function over a column of INT32, INT64, FLOAT32 or FLOAT64 values ({@code values} is
 * ignored for COUNT, which counts rows).
 *
 * <p>Result columns: COUNT gives INT64; SUM of INT64 gives exact 128-bit sums (16 bytes per group, read them with
 * {@link GroupByResult#int128At}); SUM of INT32 gives exact INT64 sums (a group-by takes fewer than 2^31 rows);
 * SUM of FLOAT32 or FLOAT64 gives FLOAT64 (float32 values are added as float64); MIN and MAX give the input type,
 * under the {@link TotalOrder}.
 */
public record Aggregate(AggregateFunction function, MemorySegment values, ElementType valueType) {

    public Aggregate {
        if (function != AggregateFunction.COUNT && (valueType == ElementType.UINT32 || valueType == ElementType.UINT64)) {
            throw new IllegalArgumentException(function + " needs INT32, INT64, FLOAT32 or FLOAT64 values, got "
                    + valueType);
        }
    }

    public static Aggregate count() {
        return new Aggregate(AggregateFunction.COUNT, MemorySegment.NULL, ElementType.INT64);
    }

    public static Aggregate of(AggregateFunction function, MemorySegment values, ElementType valueType) {
        return new Aggregate(function, values, valueType);
    }

    /** Bytes one group's result takes in the result column. */
    public int resultBytes() {
        return resultBytes(function, valueType);
    }

    /** Bytes one group's result of {@code function} over {@code valueType} values takes (GPU group-by too). */
    public static int resultBytes(AggregateFunction function, ElementType valueType) {
        return switch (function) {
            case COUNT -> 8;
            case SUM -> valueType == ElementType.INT64 ? 16 : 8;
            case MIN, MAX -> valueType.byteSize();
        };
    }
}
