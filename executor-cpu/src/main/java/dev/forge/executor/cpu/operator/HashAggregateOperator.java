package dev.forge.executor.cpu.operator;

import dev.forge.columnar.Field;
import dev.forge.executor.cpu.aggregate.AggregateState;
import dev.forge.executor.cpu.aggregate.Aggregates;
import dev.forge.executor.cpu.vector.Batch;
import dev.forge.executor.cpu.vector.BooleanVector;
import dev.forge.executor.cpu.vector.MaterializedBatch;
import dev.forge.executor.cpu.vector.Vector;
import dev.forge.executor.cpu.vector.VectorKind;
import dev.forge.plan.AggregateCall;
import dev.forge.plan.HashAggregate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * GROUP BY in two parallel phases. First each morsel is aggregated on its own (a small hash table and partial states
 * per morsel; a morsel whose keys barely repeat passes each row on as its own group instead), and its groups are
 * bucketed by the top bits of their key hash into a fixed number of partitions. Then each partition merges the partials of its groups in morsel order. Every group is merged in the same order
 * whatever the thread count, so float sums repeat exactly, and the output order (partition, then first appearance)
 * is the same too. The number of groups is limited only by memory.
 */
public final class HashAggregateOperator {
    /** Fixed, so that results and their order do not depend on the thread count. */
    private static final int PARTITION_BITS = 6;
    private static final int PARTITIONS = 1 << PARTITION_BITS;
    /** Rows at a morsel's start that decide whether it is pre-aggregated (see {@link #groupOrPassOn}). */
    private static final int DISTINCT_SAMPLE_ROWS = 1024;
    private static final int DISTINCT_SHARE_TO_PASS = 80;

    private final List<Integer> groupKeys;
    private final List<AggregateCall> calls;
    private final VectorKind[] keyKinds;
    private final List<Supplier<AggregateState>> factories;

    /** One morsel's groups: their keys and hashes, partial states, and group numbers bucketed by partition. */
    private record Partial(Vector[] keys, long[] hashes, AggregateState[] states, int[][] byPartition,
            int[] partitionSizes) {
    }

    private HashAggregateOperator(HashAggregate node) {
        List<Field> inputFields = node.input().fields();
        this.groupKeys = node.groupKeys();
        this.calls = node.aggregates();
        this.keyKinds = new VectorKind[groupKeys.size()];
        for (int k = 0; k < keyKinds.length; k++) {
            keyKinds[k] = VectorKind.of(inputFields.get(groupKeys.get(k)).type());
        }
        this.factories = new ArrayList<>();
        for (AggregateCall call : calls) {
            factories.add(Aggregates.stateFactory(call, inputFields));
        }
    }

    public static MorselSource run(HashAggregate node, MorselSource input, QueryContext context) {
        return new HashAggregateOperator(node).aggregate(input, context);
    }

    private AggregateState[] newStates() {
        AggregateState[] states = new AggregateState[factories.size()];
        for (int a = 0; a < states.length; a++) {
            states[a] = factories.get(a).get();
        }
        return states;
    }

    private MorselSource aggregate(MorselSource input, QueryContext context) {
        Partial[] partials = new Partial[input.morselCount()];
        context.parallel(partials.length, m -> partials[m] = aggregateMorsel(input.morsel(m)));
        int partitions = keyKinds.length == 0 ? 1 : PARTITIONS;
        Batch[] outputs = new Batch[partitions];
        context.parallel(partitions, p -> outputs[p] = mergePartition(partials, p));
        List<Batch> batches = new ArrayList<>();
        for (Batch output : outputs) {
            if (output.rowCount() > 0) {
                batches.add(output);
            }
        }
        if (batches.size() == 1 && batches.getFirst().rowCount() > context.morselRows()) {
            return MaterializedSource.split((MaterializedBatch) batches.getFirst(), context.morselRows());
        }
        return new MaterializedSource(batches, keyKinds.length + calls.size());
    }

    private Partial aggregateMorsel(Batch batch) {
        int rows = batch.rowCount();
        if (rows == 0) {
            return null;
        }
        int[] groups = new int[rows];
        Vector[] keys;
        long[] groupHashes;
        int groupCount;
        if (keyKinds.length == 0) {
            keys = new Vector[0];
            groupHashes = new long[1];
            groupCount = 1;
        } else {
            Vector[] rowKeys = new Vector[keyKinds.length];
            for (int k = 0; k < rowKeys.length; k++) {
                rowKeys[k] = batch.column(groupKeys.get(k));
            }
            KeyTable table = new KeyTable(keyKinds, 256);
            long[] passedOn = SmallDomainGrouping.group(rowKeys, rows, groups, table) ? null
                    : groupOrPassOn(rowKeys, rows, groups, table);
            if (passedOn == null) {
                groupCount = table.groupCount();
                keys = table.keyVectors();
                groupHashes = new long[groupCount];
                for (int g = 0; g < groupCount; g++) {
                    groupHashes[g] = table.groupHash(g);
                }
            } else {
                groupCount = rows;
                keys = rowKeys;
                groupHashes = passedOn;
            }
        }
        AggregateState[] states = newStates();
        for (int a = 0; a < states.length; a++) {
            AggregateCall call = calls.get(a);
            states[a].ensureGroups(groupCount);
            Vector argument = call.arguments().isEmpty() ? null : batch.column(call.arguments().getFirst());
            boolean[] include = null;
            if (call.filter() >= 0) {
                BooleanVector filter = (BooleanVector) batch.column(call.filter());
                include = new boolean[rows];
                for (int i = 0; i < rows; i++) {
                    include[i] = filter.isTrue(i);
                }
            }
            states[a].update(groups, argument, include, rows);
        }
        int partitions = keyKinds.length == 0 ? 1 : PARTITIONS;
        int[] sizes = new int[partitions];
        for (int g = 0; g < groupCount; g++) {
            sizes[partition(groupHashes[g])]++;
        }
        int[][] byPartition = new int[partitions][];
        for (int p = 0; p < partitions; p++) {
            byPartition[p] = new int[sizes[p]];
        }
        int[] filled = new int[partitions];
        for (int g = 0; g < groupCount; g++) {
            int p = partition(groupHashes[g]);
            byPartition[p][filled[p]++] = g;
        }
        return new Partial(keys, groupHashes, states, byPartition, sizes);
    }

    /**
     * Groups the morsel's rows in {@code table} and returns null, or, when more than {@value #DISTINCT_SHARE_TO_PASS}%
     * of its first {@value #DISTINCT_SAMPLE_ROWS} rows are distinct keys, makes each row its own group and returns the
     * rows' key hashes. Pre-aggregating a morsel whose keys barely repeat costs a hash table as big as the morsel and
     * saves the merge nothing. The choice depends only on the morsel's rows, so results still do not depend on the
     * thread count; when the morsel is pre-aggregated after all, the sampled rows are already in the table.
     */
    private static long[] groupOrPassOn(Vector[] rowKeys, int rows, int[] groups, KeyTable table) {
        long[] hashes = new long[rows];
        KeyHashing.hash(rowKeys, rows, hashes);
        int sample = rows >= DISTINCT_SAMPLE_ROWS ? DISTINCT_SAMPLE_ROWS : 0;
        table.findOrInsert(rowKeys, 0, sample, hashes, groups);
        if (sample > 0 && table.groupCount() * 100L > (long) sample * DISTINCT_SHARE_TO_PASS) {
            for (int i = 0; i < rows; i++) {
                groups[i] = i;
            }
            return hashes;
        }
        table.findOrInsert(rowKeys, sample, rows, hashes, groups);
        return null;
    }

    private int partition(long hash) {
        return keyKinds.length == 0 ? 0 : (int) (hash >>> (64 - PARTITION_BITS));
    }

    private Batch mergePartition(Partial[] partials, int partition) {
        AggregateState[] states = newStates();
        int groupCount;
        Vector[] keys;
        if (keyKinds.length == 0) {
            groupCount = 1;
            for (AggregateState state : states) {
                state.ensureGroups(1);
            }
            for (Partial partial : partials) {
                if (partial != null) {
                    for (int a = 0; a < states.length; a++) {
                        states[a].merge(0, partial.states()[a], 0);
                    }
                }
            }
            keys = new Vector[0];
        } else {
            int expected = 0;
            for (Partial partial : partials) {
                if (partial != null) {
                    expected = Math.max(expected, partial.partitionSizes()[partition]);
                }
            }
            KeyTable table = new KeyTable(keyKinds, Math.max(16, expected));
            for (Partial partial : partials) {
                if (partial == null) {
                    continue;
                }
                for (int group : partial.byPartition()[partition]) {
                    int target = table.findOrInsert(partial.keys(), group, partial.hashes()[group]);
                    for (int a = 0; a < states.length; a++) {
                        states[a].ensureGroups(table.groupCount());
                        states[a].merge(target, partial.states()[a], group);
                    }
                }
            }
            groupCount = table.groupCount();
            keys = table.keyVectors();
        }
        Vector[] columns = new Vector[keys.length + states.length];
        System.arraycopy(keys, 0, columns, 0, keys.length);
        for (int a = 0; a < states.length; a++) {
            states[a].ensureGroups(Math.max(1, groupCount));
            columns[keys.length + a] = states[a].result(groupCount);
        }
        return new MaterializedBatch(columns, groupCount);
    }
}
