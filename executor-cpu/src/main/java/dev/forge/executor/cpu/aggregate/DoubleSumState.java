package dev.forge.executor.cpu.aggregate;

import dev.forge.columnar.DataType;
import dev.forge.executor.cpu.vector.DoubleVector;
import dev.forge.executor.cpu.vector.Vector;
import dev.forge.plan.AggregateFunction;
import java.util.Arrays;

/**
 * SUM, SUM0 and AVG of floats, in double. Rows are added in row order within a morsel and morsel partials are merged
 * in morsel order, so the rounding, and the result, is the same for any number of threads.
 */
final class DoubleSumState implements AggregateState {
    private final AggregateFunction function;
    private final boolean float32;
    private double[] sums = new double[16];
    private long[] counts = new long[16];

    DoubleSumState(AggregateFunction function, DataType resultType) {
        this.function = function;
        this.float32 = resultType instanceof DataType.Float32;
    }

    @Override
    public void ensureGroups(int groupCount) {
        if (groupCount > sums.length) {
            int capacity = Math.max(groupCount, sums.length * 2);
            sums = Arrays.copyOf(sums, capacity);
            counts = Arrays.copyOf(counts, capacity);
        }
    }

    @Override
    public void update(int[] groups, Vector argument, boolean[] include, int rows) {
        double[] values = ((DoubleVector) argument).values();
        boolean[] nulls = argument.nulls();
        for (int i = 0; i < rows; i++) {
            if ((include == null || include[i]) && (nulls == null || !nulls[i])) {
                sums[groups[i]] += values[i];
                counts[groups[i]]++;
            }
        }
    }

    @Override
    public void merge(int targetGroup, AggregateState source, int sourceGroup) {
        DoubleSumState other = (DoubleSumState) source;
        sums[targetGroup] += other.sums[sourceGroup];
        counts[targetGroup] += other.counts[sourceGroup];
    }

    @Override
    public Vector result(int groupCount) {
        double[] values = new double[groupCount];
        boolean[] nulls = null;
        for (int g = 0; g < groupCount; g++) {
            if (counts[g] == 0 && function != AggregateFunction.SUM0) {
                if (nulls == null) {
                    nulls = new boolean[groupCount];
                }
                nulls[g] = true;
                continue;
            }
            double value = function == AggregateFunction.AVG ? sums[g] / counts[g] : sums[g];
            values[g] = float32 ? (float) value : value;
        }
        return new DoubleVector(values, nulls, groupCount);
    }
}
