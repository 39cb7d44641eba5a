package dev.forge.primitives.cpu;

import static dev.forge.primitives.cpu.Segments.DOUBLE;
import static dev.forge.primitives.cpu.Segments.INT;
import static dev.forge.primitives.cpu.Segments.LONG;

import dev.forge.primitives.Aggregate;
import dev.forge.primitives.AggregateFunction;
import dev.forge.primitives.ElementType;
import dev.forge.primitives.GroupByResult;
import dev.forge.primitives.TotalOrder;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Hash group-by aggregation (COUNT, SUM, MIN, MAX) over one or more INT64 key columns, with no limit on the number of
 * groups; values may be INT32, INT64, FLOAT32 or FLOAT64 (see {@link Aggregate} for the result types: 4-byte values
 * are aggregated widened to 8 bytes, as int64 and float64, and MIN and MAX narrow the result back).
 *
 * <p>Two plans, chosen from the data: when the first morsel holds at most {@link #FEW_GROUPS} groups, every morsel
 * aggregates into its own small table and the tables are merged in morsel order (groups come out in order of first
 * appearance; a floating sum is the sum, in morsel order, of each morsel's left-to-right sum). Otherwise rows are
 * partitioned by the hash of their key and each partition is aggregated by one thread, in row order, into its own
 * growing open-addressing table (floating sums are then exactly the left-to-right sums; groups come out partition by
 * partition, in order of first appearance inside each). Either way the result, order included, is the same for any
 * thread count, int64 sums are exact 128-bit values, and a NaN sum is the canonical NaN (which payload survives an
 * add is up to the JIT).
 */
public final class CpuGroupBy {

    private static final int MAX_ROWS = Integer.MAX_VALUE - 16;
    /** Up to this many groups in the first morsel, morsels aggregate on their own and merge; above, rows partition. */
    static final int FEW_GROUPS = 4096;

    private final CpuWorkers workers;

    public CpuGroupBy(CpuWorkers workers) {
        this.workers = workers;
    }

    public GroupByResult groupBy(List<MemorySegment> keyColumns, List<Aggregate> aggregates, Arena arena) {
        if (keyColumns.isEmpty()) {
            throw new IllegalArgumentException("keyColumns is empty: group by at least one column (use CpuReduce"
                    + " for a whole-input aggregate)");
        }
        long rowCount = Segments.count(keyColumns.getFirst(), ElementType.INT64, "keyColumns[0]");
        if (rowCount > MAX_ROWS) {
            throw new IllegalArgumentException("keyColumns[0] holds " + rowCount + " rows; the CPU group-by takes at"
                    + " most " + MAX_ROWS + " per call: aggregate partitions and merge them");
        }
        for (int c = 1; c < keyColumns.size(); c++) {
            Segments.requireSameCount(rowCount, Segments.count(keyColumns.get(c), ElementType.INT64,
                    "keyColumns[" + c + "]"), "keyColumns[" + c + "]");
        }
        for (int a = 0; a < aggregates.size(); a++) {
            Aggregate aggregate = aggregates.get(a);
            switch (aggregate.function()) {
                case COUNT -> {
                }
                case SUM, MIN, MAX -> Segments.requireSameCount(rowCount,
                        Segments.count(aggregate.values(), aggregate.valueType(), "aggregates[" + a + "].values"),
                        "aggregates[" + a + "].values");
            }
        }
        int n = (int) rowCount;
        MemorySegment[] keys = keyColumns.toArray(MemorySegment[]::new);
        if (fewGroups(keys, aggregates, n)) {
            return groupByMorsels(keys, aggregates, n, arena);
        }
        long[] hashes = rowHashes(keys, n);
        HashPartitioning.Partitioned partitioned =
                HashPartitioning.partition(workers, hashes, HashPartitioning.bitsFor(n));
        long[] partitionedHashes = HashPartitioning.scatter(workers, partitioned, hashes);
        long[][] partitionedKeys = new long[keys.length][];
        for (int c = 0; c < keys.length; c++) {
            partitionedKeys[c] = HashPartitioning.scatter(workers, partitioned, keys[c]);
        }
        long[][] partitionedValues = new long[aggregates.size()][];
        for (int a = 0; a < aggregates.size(); a++) {
            partitionedValues[a] = switch (aggregates.get(a).function()) {
                case COUNT -> null;
                case SUM, MIN, MAX -> HashPartitioning.scatter(workers, partitioned, aggregates.get(a).values(),
                        aggregates.get(a).valueType());
            };
        }
        PartitionGroups[] groups = new PartitionGroups[partitioned.partitionCount()];
        workers.forEach(partitioned.partitionCount(), p -> {
            int from = partitioned.starts()[p];
            int to = partitioned.starts()[p + 1];
            PartitionGroups partition = new PartitionGroups(keys.length, to - from);
            int[] groupOfRow = new int[to - from];
            for (int j = from; j < to; j++) {
                groupOfRow[j - from] = partition.groupOf(partitionedKeys, j, partitionedHashes[j]);
            }
            partition.aggregate(aggregates, partitionedValues, from, groupOfRow);
            groups[p] = partition;
        });
        return collect(groups, keys.length, aggregates, arena);
    }

    /**
     * Whether the first morsel holds few enough groups that every morsel can aggregate on its own and the morsel
     * tables can be merged in one pass: a choice made from the data alone, so it is the same for any thread count.
     */
    private static boolean fewGroups(MemorySegment[] keys, List<Aggregate> aggregates, int n) {
        int sampleRows = (int) Math.min(n, Morsels.DEFAULT_SIZE);
        return sampleRows > 0 && aggregateMorsel(keys, aggregates, 0, sampleRows).groupCount <= FEW_GROUPS;
    }

    /**
     * Aggregates each morsel into its own small table (sequential reads, a table that stays in cache), then merges
     * the tables in morsel order; float sums are then per-morsel sums added in morsel order.
     */
    private GroupByResult groupByMorsels(MemorySegment[] keys, List<Aggregate> aggregates, int n, Arena arena) {
        Morsels morsels = Morsels.of(n);
        PartitionGroups[] perMorsel = new PartitionGroups[morsels.count()];
        workers.forEach(morsels.count(), m -> perMorsel[m] = aggregateMorsel(keys, aggregates,
                (int) morsels.start(m), (int) (morsels.end(m) - morsels.start(m))));
        PartitionGroups merged = new PartitionGroups(keys.length, FEW_GROUPS);
        int[][] mergedGroupOf = new int[perMorsel.length][];
        for (int m = 0; m < perMorsel.length; m++) {
            PartitionGroups morsel = perMorsel[m];
            mergedGroupOf[m] = new int[morsel.groupCount];
            for (int group = 0; group < morsel.groupCount; group++) {
                mergedGroupOf[m][group] = merged.groupOf(morsel.groupKeys, group, morsel.groupHashes[group]);
            }
        }
        merged.merge(aggregates, perMorsel, mergedGroupOf);
        return collect(new PartitionGroups[] {merged}, keys.length, aggregates, arena);
    }

    private static PartitionGroups aggregateMorsel(MemorySegment[] keys, List<Aggregate> aggregates, int start,
                                                   int length) {
        long[][] morselKeys = new long[keys.length][length];
        for (int c = 0; c < keys.length; c++) {
            MemorySegment.copy(keys[c], LONG, 8L * start, morselKeys[c], 0, length);
        }
        long[][] morselValues = new long[aggregates.size()][];
        for (int a = 0; a < aggregates.size(); a++) {
            Aggregate aggregate = aggregates.get(a);
            if (aggregate.function() != AggregateFunction.COUNT) {
                morselValues[a] = widenedValues(aggregate, start, length);
            }
        }
        PartitionGroups groups = new PartitionGroups(keys.length, Math.min(length, FEW_GROUPS));
        int[] groupOfRow = new int[length];
        for (int j = 0; j < length; j++) {
            long hash = HashPartitioning.mix(morselKeys[0][j]);
            for (int c = 1; c < keys.length; c++) {
                hash = HashPartitioning.combine(hash, morselKeys[c][j]);
            }
            groupOfRow[j] = groups.groupOf(morselKeys, j, hash);
        }
        groups.aggregate(aggregates, morselValues, 0, groupOfRow);
        return groups;
    }

    /**
     * A morsel's values as widened raw bits, doubles included. A loop of its own, not inside a switch expression: the
     * JIT cannot enter a loop that runs while the expression's operands wait on the stack through on-stack
     * replacement, so such a loop stays interpreted until its method has been called hundreds of times (the
     * few-groups plan at 1M rows ran 20x slower for it).
     */
    private static long[] widenedValues(Aggregate aggregate, int start, int length) {
        long[] values = new long[length];
        MemorySegment segment = aggregate.values();
        ElementType type = aggregate.valueType();
        for (int j = 0; j < length; j++) {
            values[j] = Segments.widenedBits(segment, type, start + j);
        }
        return values;
    }

    private long[] rowHashes(MemorySegment[] keys, int n) {
        long[] hashes = new long[n];
        Morsels morsels = Morsels.of(n);
        workers.forEach(morsels.count(), m -> {
            for (int i = (int) morsels.start(m); i < morsels.end(m); i++) {
                long hash = HashPartitioning.mix(keys[0].getAtIndex(LONG, i));
                for (int c = 1; c < keys.length; c++) {
                    hash = HashPartitioning.combine(hash, keys[c].getAtIndex(LONG, i));
                }
                hashes[i] = hash;
            }
        });
        return hashes;
    }

    private GroupByResult collect(PartitionGroups[] groups, int keyCount, List<Aggregate> aggregates, Arena arena) {
        long[] offsets = new long[groups.length + 1];
        for (int p = 0; p < groups.length; p++) {
            offsets[p + 1] = offsets[p] + groups[p].groupCount;
        }
        long groupCount = offsets[groups.length];
        List<MemorySegment> keyColumns = new ArrayList<>();
        for (int c = 0; c < keyCount; c++) {
            keyColumns.add(arena.allocate(8 * groupCount, 8));
        }
        List<MemorySegment> aggregateColumns = new ArrayList<>();
        for (Aggregate aggregate : aggregates) {
            aggregateColumns.add(arena.allocate(aggregate.resultBytes() * groupCount, 8));
        }
        workers.forEach(groups.length, p -> {
            PartitionGroups partition = groups[p];
            long base = offsets[p];
            for (int c = 0; c < keyCount; c++) {
                MemorySegment.copy(partition.groupKeys[c], 0, keyColumns.get(c), LONG, 8 * base, partition.groupCount);
            }
            for (int a = 0; a < aggregates.size(); a++) {
                partition.writeResult(a, aggregates.get(a), aggregateColumns.get(a), base);
            }
        });
        return new GroupByResult(groupCount, List.copyOf(keyColumns), List.copyOf(aggregateColumns));
    }

    /** One partition's groups: a growing linear-probing table of group numbers, the group keys, the accumulators. */
    private static final class PartitionGroups {
        int groupCount;
        int[] slots; // group number + 1; 0 marks an empty slot
        long[] groupHashes;
        long[][] groupKeys; // [key column][group]
        long[][] accumulators; // [aggregate][group]: counts, int64 sums' low halves, min/max as total-order keys
        long[][] sumHighs; // [aggregate][group]: high halves of exact int64 sums
        double[][] floatSums; // [aggregate][group]

        PartitionGroups(int keyCount, int rows) {
            int capacity = Math.max(16, Integer.highestOneBit(Math.max(1, Math.min(rows, 1 << 16)) * 2 - 1) << 1);
            slots = new int[capacity];
            groupHashes = new long[capacity / 2];
            groupKeys = new long[keyCount][capacity / 2];
        }

        /** The group of {@code row}, created on first sight. */
        int groupOf(long[][] keys, int row, long hash) {
            int mask = slots.length - 1;
            int slot = (int) hash & mask;
            int entry;
            while ((entry = slots[slot]) != 0) {
                int group = entry - 1;
                if (groupHashes[group] == hash && sameKeys(keys, row, group)) {
                    return group;
                }
                slot = (slot + 1) & mask;
            }
            int group = groupCount++;
            if (group == groupHashes.length) {
                groupHashes = Arrays.copyOf(groupHashes, group * 2);
                for (int c = 0; c < groupKeys.length; c++) {
                    groupKeys[c] = Arrays.copyOf(groupKeys[c], group * 2);
                }
            }
            groupHashes[group] = hash;
            for (int c = 0; c < keys.length; c++) {
                groupKeys[c][group] = keys[c][row];
            }
            slots[slot] = group + 1;
            if (groupCount * 2 > slots.length) {
                rehash(slots.length * 2);
            }
            return group;
        }

        private boolean sameKeys(long[][] keys, int row, int group) {
            for (int c = 0; c < keys.length; c++) {
                if (keys[c][row] != groupKeys[c][group]) {
                    return false;
                }
            }
            return true;
        }

        private void rehash(int capacity) {
            slots = new int[capacity];
            int mask = capacity - 1;
            for (int group = 0; group < groupCount; group++) {
                int slot = (int) groupHashes[group] & mask;
                while (slots[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                slots[slot] = group + 1;
            }
        }

        /** Folds each row's values into its group, one aggregate at a time, rows in input order. */
        void aggregate(List<Aggregate> aggregates, long[][] partitionedValues, int from, int[] groupOfRow) {
            int count = aggregates.size();
            accumulators = new long[count][];
            sumHighs = new long[count][];
            floatSums = new double[count][];
            for (int a = 0; a < count; a++) {
                Aggregate aggregate = aggregates.get(a);
                long[] values = partitionedValues[a]; // widened raw bits, doubles included
                boolean floating = isFloating(aggregate.valueType());
                long[] accumulator = new long[groupCount];
                accumulators[a] = accumulator;
                switch (aggregate.function()) {
                    case COUNT -> {
                        for (int group : groupOfRow) {
                            accumulator[group]++;
                        }
                    }
                    case SUM -> {
                        if (floating) {
                            double[] sums = new double[groupCount];
                            for (int j = 0; j < groupOfRow.length; j++) {
                                sums[groupOfRow[j]] += Double.longBitsToDouble(values[from + j]);
                            }
                            floatSums[a] = sums;
                        } else {
                            long[] highs = new long[groupCount];
                            for (int j = 0; j < groupOfRow.length; j++) {
                                int group = groupOfRow[j];
                                long value = values[from + j];
                                long low = accumulator[group] + value;
                                // 128-bit add of the sign-extended value: carry out of the low half, plus the sign
                                highs[group] += (value >> 63) + (Long.compareUnsigned(low, accumulator[group]) < 0 ? 1 : 0);
                                accumulator[group] = low;
                            }
                            sumHighs[a] = highs;
                        }
                    }
                    case MIN, MAX -> {
                        boolean max = aggregate.function() == AggregateFunction.MAX;
                        Arrays.fill(accumulator, max ? Long.MIN_VALUE : Long.MAX_VALUE);
                        for (int j = 0; j < groupOfRow.length; j++) {
                            int group = groupOfRow[j];
                            long key = floating ? TotalOrder.signedKeyOfFloat64(Double.longBitsToDouble(values[from + j]))
                                    : values[from + j];
                            accumulator[group] = max ? Math.max(accumulator[group], key)
                                    : Math.min(accumulator[group], key);
                        }
                    }
                }
            }
        }

        /** Combines the morsel tables' accumulators into this table's, morsel by morsel, in morsel order. */
        void merge(List<Aggregate> aggregates, PartitionGroups[] parts, int[][] groupOf) {
            int count = aggregates.size();
            accumulators = new long[count][];
            sumHighs = new long[count][];
            floatSums = new double[count][];
            for (int a = 0; a < count; a++) {
                Aggregate aggregate = aggregates.get(a);
                boolean floating = isFloating(aggregate.valueType());
                long[] accumulator = new long[groupCount];
                accumulators[a] = accumulator;
                switch (aggregate.function()) {
                    case COUNT -> {
                        for (int p = 0; p < parts.length; p++) {
                            for (int group = 0; group < parts[p].groupCount; group++) {
                                accumulator[groupOf[p][group]] += parts[p].accumulators[a][group];
                            }
                        }
                    }
                    case SUM -> {
                        if (floating) {
                            double[] sums = new double[groupCount];
                            for (int p = 0; p < parts.length; p++) {
                                for (int group = 0; group < parts[p].groupCount; group++) {
                                    sums[groupOf[p][group]] += parts[p].floatSums[a][group];
                                }
                            }
                            floatSums[a] = sums;
                        } else {
                            long[] highs = new long[groupCount];
                            for (int p = 0; p < parts.length; p++) {
                                for (int group = 0; group < parts[p].groupCount; group++) {
                                    int target = groupOf[p][group];
                                    long low = accumulator[target] + parts[p].accumulators[a][group];
                                    long carry = Long.compareUnsigned(low, accumulator[target]) < 0 ? 1 : 0;
                                    highs[target] += parts[p].sumHighs[a][group] + carry;
                                    accumulator[target] = low;
                                }
                            }
                            sumHighs[a] = highs;
                        }
                    }
                    case MIN, MAX -> {
                        boolean max = aggregate.function() == AggregateFunction.MAX;
                        Arrays.fill(accumulator, max ? Long.MIN_VALUE : Long.MAX_VALUE);
                        for (int p = 0; p < parts.length; p++) {
                            for (int group = 0; group < parts[p].groupCount; group++) {
                                int target = groupOf[p][group];
                                long key = parts[p].accumulators[a][group];
                                accumulator[target] = max ? Math.max(accumulator[target], key)
                                        : Math.min(accumulator[target], key);
                            }
                        }
                    }
                }
            }
        }

        void writeResult(int a, Aggregate aggregate, MemorySegment column, long base) {
            ElementType type = aggregate.valueType();
            long[] accumulator = accumulators[a];
            switch (aggregate.function()) {
                case COUNT -> MemorySegment.copy(accumulator, 0, column, LONG, 8 * base, groupCount);
                case SUM -> {
                    if (isFloating(type)) {
                        for (int group = 0; group < groupCount; group++) {
                            double sum = floatSums[a][group];
                            column.setAtIndex(DOUBLE, base + group, sum != sum ? Double.NaN : sum); // canonical NaN
                        }
                    } else if (type == ElementType.INT32) {
                        // at most 2^31 values of magnitude at most 2^31: the exact sum fits the low half
                        MemorySegment.copy(accumulator, 0, column, LONG, 8 * base, groupCount);
                    } else {
                        for (int group = 0; group < groupCount; group++) {
                            column.setAtIndex(LONG, 2 * (base + group), accumulator[group]);
                            column.setAtIndex(LONG, 2 * (base + group) + 1, sumHighs[a][group]);
                        }
                    }
                }
                case MIN, MAX -> {
                    for (int group = 0; group < groupCount; group++) {
                        long value = accumulator[group];
                        switch (type) {
                            case INT32 -> column.setAtIndex(INT, base + group, (int) value);
                            case INT64 -> column.setAtIndex(LONG, base + group, value);
                            case FLOAT32 -> column.setAtIndex(INT, base + group,
                                    Float.floatToIntBits((float) TotalOrder.float64OfSignedKey(value)));
                            case FLOAT64 -> column.setAtIndex(LONG, base + group,
                                    Double.doubleToRawLongBits(TotalOrder.float64OfSignedKey(value)));
                            case UINT32, UINT64 -> throw new IllegalStateException("Aggregate admits no " + type);
                        }
                    }
                }
            }
        }
    }

    private static boolean isFloating(ElementType type) {
        return type == ElementType.FLOAT32 || type == ElementType.FLOAT64;
    }
}
