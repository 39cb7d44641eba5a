package dev.forge.executor.cpu.aggregate;

import dev.forge.columnar.DataType;
import dev.forge.executor.cpu.expression.DecimalValues;
import dev.forge.executor.cpu.vector.DoubleVector;
import dev.forge.executor.cpu.vector.Int128;
import dev.forge.executor.cpu.vector.Int128Vector;
import dev.forge.executor.cpu.vector.LongVector;
import dev.forge.executor.cpu.vector.Vector;
import dev.forge.plan.AggregateFunction;
import dev.forge.plan.QueryException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Arrays;

/**
 * SUM, SUM0 and AVG of integers and decimals, summed exactly in 128 bits (two longs per group with carry), so the
 * result is the same whatever the order of rows and morsels. The result is checked against its type's range.
 */
final class ExactSumState implements AggregateState {
    private final AggregateFunction function;
    private final DataType resultType;
    private final int inputScale;
    private final String name;
    private long[] high = new long[16];
    private long[] low = new long[16];
    private long[] counts = new long[16];

    ExactSumState(AggregateFunction function, DataType resultType, int inputScale, String name) {
        this.function = function;
        this.resultType = resultType;
        this.inputScale = inputScale;
        this.name = name;
    }

    @Override
    public void ensureGroups(int groupCount) {
        if (groupCount > low.length) {
            int capacity = Math.max(groupCount, low.length * 2);
            high = Arrays.copyOf(high, capacity);
            low = Arrays.copyOf(low, capacity);
            counts = Arrays.copyOf(counts, capacity);
        }
    }

    @Override
    public void update(int[] groups, Vector argument, boolean[] include, int rows) {
        boolean[] nulls = argument.nulls();
        if (argument instanceof LongVector longs) {
            long[] values = longs.values();
            for (int i = 0; i < rows; i++) {
                if ((include == null || include[i]) && (nulls == null || !nulls[i])) {
                    int group = groups[i];
                    long value = values[i];
                    long before = low[group];
                    long after = before + value;
                    low[group] = after;
                    high[group] += (value >> 63) + (Long.compareUnsigned(after, before) < 0 ? 1 : 0);
                    counts[group]++;
                }
            }
            return;
        }
        Int128Vector wide = (Int128Vector) argument;
        for (int i = 0; i < rows; i++) {
            if ((include == null || include[i]) && (nulls == null || !nulls[i])) {
                add(groups[i], wide.high()[i], wide.low()[i], 1);
            }
        }
    }

    private void add(int group, long addHigh, long addLow, long count) {
        long before = low[group];
        long after = before + addLow;
        long carry = Long.compareUnsigned(after, before) < 0 ? 1 : 0;
        try {
            high[group] = Math.addExact(Math.addExact(high[group], addHigh), carry);
        } catch (ArithmeticException overflow) {
            throw new QueryException(name + ": " + function + " overflows 128 bits");
        }
        low[group] = after;
        counts[group] += count;
    }

    @Override
    public void merge(int targetGroup, AggregateState source, int sourceGroup) {
        ExactSumState other = (ExactSumState) source;
        add(targetGroup, other.high[sourceGroup], other.low[sourceGroup], other.counts[sourceGroup]);
    }

    @Override
    public Vector result(int groupCount) {
        boolean[] nulls = null;
        boolean nullWhenEmpty = function != AggregateFunction.SUM0;
        if (nullWhenEmpty) {
            for (int g = 0; g < groupCount; g++) {
                if (counts[g] == 0) {
                    if (nulls == null) {
                        nulls = new boolean[groupCount];
                    }
                    nulls[g] = true;
                }
            }
        }
        if (function == AggregateFunction.AVG) {
            return average(groupCount, nulls);
        }
        return switch (resultType) {
            case DataType.Int64 _ -> {
                long[] values = new long[groupCount];
                for (int g = 0; g < groupCount; g++) {
                    if (high[g] != low[g] >> 63) {
                        throw new QueryException(name + ": " + function + " overflows INT64 ("
                                + Int128.toBigInteger(high[g], low[g]) + ")");
                    }
                    values[g] = low[g];
                }
                yield new LongVector(values, nulls, groupCount);
            }
            case DataType.Decimal decimal -> decimalResult(decimal, groupCount, nulls);
            default -> throw new IllegalStateException(function + " cannot give " + resultType);
        };
    }

    private Vector decimalResult(DataType.Decimal decimal, int groupCount, boolean[] nulls) {
        long[] resultLow = new long[groupCount];
        long[] resultHigh = decimal.precision() > 18 ? new long[groupCount] : null;
        for (int g = 0; g < groupCount; g++) {
            boolean fitsLong = high[g] == low[g] >> 63;
            boolean fits = fitsLong ? DecimalValues.fitsPrecision(low[g], decimal.precision())
                    : DecimalValues.fitsPrecision(Int128.toBigInteger(high[g], low[g]), decimal.precision());
            if (!fits) {
                throw new QueryException(name + ": " + function + " = " + new BigDecimal(Int128.toBigInteger(high[g],
                        low[g]), decimal.scale()) + " does not fit " + decimal);
            }
            resultLow[g] = low[g];
            if (resultHigh != null) {
                resultHigh[g] = high[g];
            }
        }
        return resultHigh == null ? new LongVector(resultLow, nulls, groupCount)
                : new Int128Vector(resultHigh, resultLow, nulls, groupCount);
    }

    private Vector average(int groupCount, boolean[] nulls) {
        if (resultType instanceof DataType.Decimal decimal) {
            long[] resultLow = new long[groupCount];
            long[] resultHigh = decimal.precision() > 18 ? new long[groupCount] : null;
            for (int g = 0; g < groupCount; g++) {
                if (counts[g] == 0) {
                    continue;
                }
                BigInteger unscaled = new BigDecimal(Int128.toBigInteger(high[g], low[g]), inputScale)
                        .divide(BigDecimal.valueOf(counts[g]), decimal.scale(), RoundingMode.HALF_UP).unscaledValue();
                if (!DecimalValues.fitsPrecision(unscaled, decimal.precision())) {
                    throw new QueryException(name + ": AVG does not fit " + decimal);
                }
                resultLow[g] = Int128.low(unscaled);
                if (resultHigh != null) {
                    resultHigh[g] = Int128.high(unscaled);
                }
            }
            return resultHigh == null ? new LongVector(resultLow, nulls, groupCount)
                    : new Int128Vector(resultHigh, resultLow, nulls, groupCount);
        }
        double[] values = new double[groupCount];
        for (int g = 0; g < groupCount; g++) {
            if (counts[g] > 0) {
                values[g] = new BigDecimal(Int128.toBigInteger(high[g], low[g]), inputScale)
                        .divide(BigDecimal.valueOf(counts[g]), MathContext.DECIMAL128).doubleValue();
            }
        }
        return new DoubleVector(values, nulls, groupCount);
    }
}
