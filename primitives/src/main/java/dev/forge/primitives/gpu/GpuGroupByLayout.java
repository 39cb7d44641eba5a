package dev.forge.primitives.gpu;

import dev.forge.primitives.AggregateFunction;
import dev.forge.primitives.ElementType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

/**
 * How a GPU group-by lays out its accumulators, its shared-memory tables and the structs its kernels take by value
 * (GroupByColumns, GroupByTable and GroupByOutputs of group_by.cuh and group_by.cu), worked out on the host. Every
 * struct field is 8 bytes wide, written here in declaration order.
 *
 * <p>A group's record holds its first row (8 bytes), then one accumulator per aggregate: COUNT and SUM of INT32 8
 * bytes, SUM of INT64 16 (a 128-bit integer), SUM of FLOAT32 or FLOAT64 56 (two 192-bit fixed-point magnitudes and a
 * word of flags), MIN and MAX 8 (a total-order key).
 */
record GpuGroupByLayout(long[] keyBytes, long[] operations, long[] offsets, long recordBytes) {
    static final int MAX_KEY_COLUMNS = 8;
    static final int MAX_AGGREGATES = 32;
    static final long COLUMNS_BYTES = 8L * (4 + 2 * MAX_KEY_COLUMNS + 3 * MAX_AGGREGATES);
    static final long TABLE_BYTES = 8L * 6;
    static final long OUTPUTS_BYTES = 8L * (MAX_KEY_COLUMNS + MAX_AGGREGATES);
    /** A block's shared table gets at most this many slots, and has none when fewer would fit. */
    static final long MAX_LOCAL_CAPACITY = 4096;
    static final long MIN_LOCAL_CAPACITY = 64;

    /** One aggregate as the layout sees it. */
    record Operation(AggregateFunction function, ElementType valueType) {
    }

    static GpuGroupByLayout of(List<ElementType> keyTypes, List<Operation> aggregates) {
        long[] keyBytes = new long[keyTypes.size()];
        for (int c = 0; c < keyBytes.length; c++) {
            keyBytes[c] = keyTypes.get(c).byteSize();
        }
        long[] operations = new long[aggregates.size()];
        long[] offsets = new long[aggregates.size()];
        long offset = 8; // the first row
        for (int a = 0; a < operations.length; a++) {
            Operation aggregate = aggregates.get(a);
            int function = switch (aggregate.function()) {
                case COUNT -> 0;
                case SUM -> 1;
                case MIN -> 2;
                case MAX -> 3;
            };
            int type = switch (aggregate.valueType()) {
                case INT32 -> 0;
                case INT64 -> 1;
                case FLOAT32 -> 2;
                case FLOAT64 -> 3;
                case UINT32, UINT64 -> throw new IllegalArgumentException("no group-by aggregates " + aggregate.valueType());
            };
            operations[a] = aggregate.function() == AggregateFunction.COUNT ? 0 : function * 4L + type;
            offsets[a] = offset;
            offset += accumulatorBytes(aggregate);
        }
        return new GpuGroupByLayout(keyBytes, operations, offsets, offset);
    }

    private static long accumulatorBytes(Operation aggregate) {
        return switch (aggregate.function()) {
            case COUNT, MIN, MAX -> 8;
            case SUM -> switch (aggregate.valueType()) {
                case INT32 -> 8;
                case INT64 -> 16;
                case FLOAT32, FLOAT64 -> 56;
                case UINT32, UINT64 -> throw new IllegalArgumentException("no group-by sums " + aggregate.valueType());
            };
        };
    }

    int keyCount() {
        return keyBytes.length;
    }

    /** Bytes of a table slot: the state word and the keys. */
    long slotBytes() {
        return 8L * (1 + keyCount());
    }

    /** Dynamic shared memory of a block whose own table has {@code localCapacity} slots (0: none). */
    long sharedBytes(long localCapacity) {
        return localCapacity * slotBytes() + localCapacity / 2 * recordBytes;
    }

    /** The largest power-of-two table whose slots and records fit {@code budgetBytes}, or 0 when a useful one does not. */
    long localCapacity(long budgetBytes) {
        long capacity = MAX_LOCAL_CAPACITY;
        while (capacity >= MIN_LOCAL_CAPACITY && sharedBytes(capacity) > budgetBytes) {
            capacity /= 2;
        }
        return capacity >= MIN_LOCAL_CAPACITY ? capacity : 0;
    }

    /** GroupByColumns: the row count, the shapes, and the key and value columns' device addresses (0 for COUNT). */
    MemorySegment columns(Arena arena, long rowCount, long[] keyAddresses, long[] valueAddresses) {
        MemorySegment struct = arena.allocate(COLUMNS_BYTES, 8);
        long at = 0;
        at = put(struct, at, rowCount);
        at = put(struct, at, keyCount());
        at = put(struct, at, operations.length);
        at = put(struct, at, recordBytes);
        at = putPadded(struct, at, keyAddresses, MAX_KEY_COLUMNS);
        at = putPadded(struct, at, keyBytes, MAX_KEY_COLUMNS);
        at = putPadded(struct, at, valueAddresses, MAX_AGGREGATES);
        at = putPadded(struct, at, operations, MAX_AGGREGATES);
        putPadded(struct, at, offsets, MAX_AGGREGATES);
        return struct;
    }

    /** GroupByTable, from device addresses. */
    static MemorySegment table(Arena arena, long slots, long mask, long maxGroups, long records, long groupKeys,
            long counters) {
        MemorySegment struct = arena.allocate(TABLE_BYTES, 8);
        long at = 0;
        for (long field : new long[] {slots, mask, maxGroups, records, groupKeys, counters}) {
            at = put(struct, at, field);
        }
        return struct;
    }

    /** GroupByOutputs: the output key columns' and result columns' device addresses. */
    static MemorySegment outputs(Arena arena, long[] keyAddresses, long[] resultAddresses) {
        MemorySegment struct = arena.allocate(OUTPUTS_BYTES, 8);
        putPadded(struct, putPadded(struct, 0, keyAddresses, MAX_KEY_COLUMNS), resultAddresses, MAX_AGGREGATES);
        return struct;
    }

    private static long put(MemorySegment struct, long at, long value) {
        struct.set(ValueLayout.JAVA_LONG, at, value);
        return at + 8;
    }

    /** Writes {@code values} and zeros after them up to {@code length} fields. */
    private static long putPadded(MemorySegment struct, long at, long[] values, int length) {
        for (int i = 0; i < length; i++) {
            at = put(struct, at, i < values.length ? values[i] : 0);
        }
        return at;
    }
}
