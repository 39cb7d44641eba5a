package dev.forge.executor.cpu.operator;

import dev.forge.executor.cpu.vector.Batch;
import dev.forge.executor.cpu.vector.BooleanVector;
import dev.forge.executor.cpu.vector.DoubleVector;
import dev.forge.executor.cpu.vector.Int128;
import dev.forge.executor.cpu.vector.Int128Vector;
import dev.forge.executor.cpu.vector.LongVector;
import dev.forge.executor.cpu.vector.StringVector;
import dev.forge.executor.cpu.vector.Vector;
import dev.forge.plan.SortKey;
import java.util.List;

/**
 * Orders rows of one batch by sort keys: NULLs first or last as each key says (whatever the direction), floats with
 * -0.0 = 0.0 and NaN above every other value, strings by UTF-8 bytes (by code within one dictionary).
 */
final class RowComparator {
    /** One key column's order. */
    private interface KeyOrder {
        int compare(int a, int b);
    }

    private final KeyOrder[] keys;

    RowComparator(Batch batch, List<SortKey> sortKeys) {
        this.keys = new KeyOrder[sortKeys.size()];
        for (int k = 0; k < keys.length; k++) {
            SortKey key = sortKeys.get(k);
            keys[k] = order(batch.column(key.field()), key.descending(), key.nullsFirst());
        }
    }

    int compare(int a, int b) {
        for (KeyOrder key : keys) {
            int c = key.compare(a, b);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static KeyOrder order(Vector vector, boolean descending, boolean nullsFirst) {
        KeyOrder values = valueOrder(vector);
        KeyOrder directed = descending ? (a, b) -> values.compare(b, a) : values;
        boolean[] nulls = vector.nulls();
        if (nulls == null) {
            return directed;
        }
        int nullSign = nullsFirst ? -1 : 1;
        return (a, b) -> {
            boolean aNull = nulls[a];
            boolean bNull = nulls[b];
            if (aNull || bNull) {
                return aNull == bNull ? 0 : aNull ? nullSign : -nullSign;
            }
            return directed.compare(a, b);
        };
    }

    private static KeyOrder valueOrder(Vector vector) {
        return switch (vector) {
            case LongVector v -> {
                long[] values = v.values();
                yield (a, b) -> Long.compare(values[a], values[b]);
            }
            case DoubleVector v -> {
                double[] values = v.values();
                yield (a, b) -> compareDoubles(values[a], values[b]);
            }
            case BooleanVector v -> {
                boolean[] values = v.values();
                yield (a, b) -> Boolean.compare(values[a], values[b]);
            }
            case Int128Vector v -> {
                long[] high = v.high();
                long[] low = v.low();
                yield (a, b) -> Int128.compare(high[a], low[a], high[b], low[b]);
            }
            case StringVector v -> {
                if (v.hasDictionary()) {
                    int[] codes = v.codes();
                    yield (a, b) -> Integer.compare(codes[a], codes[b]);
                }
                yield (a, b) -> v.compare(a, v, b);
            }
        };
    }

    static int compareDoubles(double x, double y) {
        if (x < y) {
            return -1;
        }
        if (x > y) {
            return 1;
        }
        if (x == y) {
            return 0;
        }
        boolean xNaN = Double.isNaN(x);
        return xNaN == Double.isNaN(y) ? 0 : xNaN ? 1 : -1;
    }
}
