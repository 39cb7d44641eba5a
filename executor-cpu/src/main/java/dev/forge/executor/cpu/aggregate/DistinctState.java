package dev.forge.executor.cpu.aggregate;

import dev.forge.executor.cpu.vector.BooleanVector;
import dev.forge.executor.cpu.vector.DoubleVector;
import dev.forge.executor.cpu.vector.Int128;
import dev.forge.executor.cpu.vector.Int128Vector;
import dev.forge.executor.cpu.vector.LongVector;
import dev.forge.executor.cpu.vector.StringVector;
import dev.forge.executor.cpu.vector.StringVectorBuilder;
import dev.forge.executor.cpu.vector.Vector;
import dev.forge.executor.cpu.vector.VectorKind;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * An aggregate over DISTINCT values: keeps each group's set of distinct non-NULL values, and at the end feeds them,
 * sorted (so float sums do not depend on hash order), to a plain state of the same aggregate. The planner usually
 * rewrites DISTINCT aggregates into joins, so this path favours simplicity over speed.
 */
final class DistinctState implements AggregateState {
    private final VectorKind kind;
    private final Supplier<AggregateState> inner;
    private List<Set<Object>> sets = new ArrayList<>();

    DistinctState(VectorKind kind, Supplier<AggregateState> inner) {
        this.kind = kind;
        this.inner = inner;
    }

    @Override
    public void ensureGroups(int groupCount) {
        while (sets.size() < groupCount) {
            sets.add(new HashSet<>());
        }
    }

    @Override
    public void update(int[] groups, Vector argument, boolean[] include, int rows) {
        for (int i = 0; i < rows; i++) {
            if ((include == null || include[i]) && !argument.isNull(i)) {
                sets.get(groups[i]).add(key(argument, i));
            }
        }
    }

    private static Object key(Vector vector, int row) {
        return switch (vector) {
            case BooleanVector v -> v.values()[row];
            case LongVector v -> v.values()[row];
            case DoubleVector v -> {
                double value = v.values()[row];
                yield value == 0.0 ? 0.0 : Double.isNaN(value) ? Double.NaN : value;
            }
            case Int128Vector v -> v.bigInteger(row);
            case StringVector v -> v.string(row);
        };
    }

    @Override
    public void merge(int targetGroup, AggregateState source, int sourceGroup) {
        sets.get(targetGroup).addAll(((DistinctState) source).sets.get(sourceGroup));
    }

    @Override
    public Vector result(int groupCount) {
        AggregateState state = inner.get();
        state.ensureGroups(Math.max(1, groupCount));
        for (int group = 0; group < groupCount; group++) {
            List<Object> values = new ArrayList<>(sets.get(group));
            if (values.isEmpty()) {
                continue;
            }
            values.sort(null);
            int[] groups = new int[values.size()];
            Arrays.fill(groups, group);
            state.update(groups, vector(values), null, values.size());
        }
        return state.result(groupCount);
    }

    private Vector vector(List<Object> values) {
        int rows = values.size();
        return switch (kind) {
            case BOOLEAN -> {
                boolean[] result = new boolean[rows];
                for (int i = 0; i < rows; i++) {
                    result[i] = (Boolean) values.get(i);
                }
                yield new BooleanVector(result, null, rows);
            }
            case LONG -> new LongVector(values.stream().mapToLong(value -> (Long) value).toArray(), null, rows);
            case DOUBLE -> new DoubleVector(values.stream().mapToDouble(value -> (Double) value).toArray(), null, rows);
            case INT128 -> {
                long[] high = new long[rows];
                long[] low = new long[rows];
                for (int i = 0; i < rows; i++) {
                    BigInteger value = (BigInteger) values.get(i);
                    high[i] = Int128.high(value);
                    low[i] = Int128.low(value);
                }
                yield new Int128Vector(high, low, null, rows);
            }
            case STRING -> {
                StringVectorBuilder builder = new StringVectorBuilder(rows, rows * 16);
                for (Object value : values) {
                    builder.append(((String) value).getBytes(StandardCharsets.UTF_8));
                }
                yield builder.build();
            }
        };
    }
}
