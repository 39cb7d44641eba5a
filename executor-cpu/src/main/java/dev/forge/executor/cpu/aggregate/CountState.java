package dev.forge.executor.cpu.aggregate;

import dev.forge.executor.cpu.vector.LongVector;
import dev.forge.executor.cpu.vector.Vector;
import java.util.Arrays;

/** COUNT(*) and COUNT(x): rows, or non-NULL values; 0 for an empty group. */
final class CountState implements AggregateState {
    private long[] counts = new long[16];

    @Override
    public void ensureGroups(int groupCount) {
        if (groupCount > counts.length) {
            counts = Arrays.copyOf(counts, Math.max(groupCount, counts.length * 2));
        }
    }

    @Override
    public void update(int[] groups, Vector argument, boolean[] include, int rows) {
        boolean[] nulls = argument == null ? null : argument.nulls();
        for (int i = 0; i < rows; i++) {
            if ((include == null || include[i]) && (nulls == null || !nulls[i])) {
                counts[groups[i]]++;
            }
        }
    }

    @Override
    public void merge(int targetGroup, AggregateState source, int sourceGroup) {
        counts[targetGroup] += ((CountState) source).counts[sourceGroup];
    }

    @Override
    public Vector result(int groupCount) {
        return new LongVector(Arrays.copyOf(counts, groupCount), null, groupCount);
    }
}
