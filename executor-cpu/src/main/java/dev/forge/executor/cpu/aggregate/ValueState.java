package dev.forge.executor.cpu.aggregate;

import dev.forge.executor.cpu.vector.Vector;
import dev.forge.executor.cpu.vector.VectorKind;
import dev.forge.plan.AggregateFunction;
import dev.forge.plan.QueryException;
import java.util.Arrays;

/**
 * MIN, MAX, ANY_VALUE (the first non-NULL value in row and morsel order, so it is deterministic) and SINGLE_VALUE
 * (the value of the group's only row; a second row, NULL or not, is an error).
 */
final class ValueState implements AggregateState {
    private final AggregateFunction function;
    private final ValueStore store;
    private final String name;
    private long[] rowCounts;

    ValueState(AggregateFunction function, VectorKind kind, String name) {
        this.function = function;
        this.store = ValueStore.of(kind);
        this.name = name;
        this.rowCounts = function == AggregateFunction.SINGLE_VALUE ? new long[16] : null;
    }

    @Override
    public void ensureGroups(int groupCount) {
        store.ensureGroups(groupCount);
        if (rowCounts != null && groupCount > rowCounts.length) {
            rowCounts = Arrays.copyOf(rowCounts, Math.max(groupCount, rowCounts.length * 2));
        }
    }

    @Override
    public void update(int[] groups, Vector argument, boolean[] include, int rows) {
        boolean[] nulls = argument.nulls();
        for (int i = 0; i < rows; i++) {
            if (include != null && !include[i]) {
                continue;
            }
            int group = groups[i];
            if (rowCounts != null) {
                if (++rowCounts[group] > 1) {
                    throw tooManyRows();
                }
            }
            if (nulls != null && nulls[i]) {
                continue;
            }
            switch (function) {
                case MIN -> {
                    if (!store.present(group) || store.compareRow(group, argument, i) < 0) {
                        store.set(group, argument, i);
                    }
                }
                case MAX -> {
                    if (!store.present(group) || store.compareRow(group, argument, i) > 0) {
                        store.set(group, argument, i);
                    }
                }
                default -> {
                    if (!store.present(group)) {
                        store.set(group, argument, i);
                    }
                }
            }
        }
    }

    private QueryException tooManyRows() {
        return new QueryException(name + ": a scalar sub-query returned more than one row");
    }

    @Override
    public void merge(int targetGroup, AggregateState source, int sourceGroup) {
        ValueState other = (ValueState) source;
        if (rowCounts != null) {
            rowCounts[targetGroup] += other.rowCounts[sourceGroup];
            if (rowCounts[targetGroup] > 1) {
                throw tooManyRows();
            }
        }
        if (!other.store.present(sourceGroup)) {
            return;
        }
        boolean replace = switch (function) {
            case MIN -> !store.present(targetGroup) || store.compareStored(targetGroup, other.store, sourceGroup) < 0;
            case MAX -> !store.present(targetGroup) || store.compareStored(targetGroup, other.store, sourceGroup) > 0;
            default -> !store.present(targetGroup);
        };
        if (replace) {
            store.copy(targetGroup, other.store, sourceGroup);
        }
    }

    @Override
    public Vector result(int groupCount) {
        return store.toVector(groupCount);
    }
}
