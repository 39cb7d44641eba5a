package dev.forge.executor.cpu.operator;

import dev.forge.executor.cpu.vector.BooleanVector;
import dev.forge.executor.cpu.vector.DoubleVector;
import dev.forge.executor.cpu.vector.Int128Vector;
import dev.forge.executor.cpu.vector.LongVector;
import dev.forge.executor.cpu.vector.StringVector;
import dev.forge.executor.cpu.vector.StringVectorBuilder;
import dev.forge.executor.cpu.vector.Vector;
import dev.forge.executor.cpu.vector.VectorKind;
import java.util.Arrays;

/**
 * The distinct values of one key column of a {@link KeyTable}, one per group, stored in growable primitive arrays.
 * NULL is a value of its own here (GROUP BY puts NULLs in one group); joins drop NULL keys before they get here
 * unless the key is null-safe. Floats are stored canonically (-0.0 as 0.0, one NaN) so equal values group together.
 */
abstract sealed class KeyColumn {
    protected boolean[] nulls = new boolean[16];

    static KeyColumn of(VectorKind kind) {
        return switch (kind) {
            case BOOLEAN, LONG -> new Longs(kind == VectorKind.BOOLEAN);
            case DOUBLE -> new Doubles();
            case INT128 -> new Wide();
            case STRING -> new Strings();
        };
    }

    /** Appends row {@code row} of {@code vector} as group {@code group} (the next one). */
    abstract void append(int group, Vector vector, int row);

    abstract boolean equalsRow(int group, Vector vector, int row);

    /** The values of groups [0, count), as a vector. */
    abstract Vector toVector(int count);

    protected void ensureNulls(int group) {
        if (group >= nulls.length) {
            nulls = Arrays.copyOf(nulls, Math.max(group + 1, nulls.length * 2));
        }
    }

    protected static int grow(int length, int needed) {
        return Math.max(needed + 1, (int) Math.min(Integer.MAX_VALUE - 16, length * 2L));
    }

    protected boolean[] nullsFor(int count) {
        for (int i = 0; i < count; i++) {
            if (nulls[i]) {
                return Arrays.copyOf(nulls, count);
            }
        }
        return null;
    }

    static long canonicalBits(double value) {
        if (value == 0.0) {
            return 0L;
        }
        if (Double.isNaN(value)) {
            return 0x7ff8000000000000L;
        }
        return Double.doubleToRawLongBits(value);
    }

    static final class Longs extends KeyColumn {
        private final boolean booleans;
        private long[] values = new long[16];

        Longs(boolean booleans) {
            this.booleans = booleans;
        }

        static long value(Vector vector, int row) {
            return vector instanceof LongVector longs ? longs.values()[row]
                    : ((BooleanVector) vector).values()[row] ? 1 : 0;
        }

        @Override
        void append(int group, Vector vector, int row) {
            if (group >= values.length) {
                values = Arrays.copyOf(values, grow(values.length, group));
            }
            ensureNulls(group);
            boolean isNull = vector.isNull(row);
            nulls[group] = isNull;
            values[group] = isNull ? 0 : value(vector, row);
        }

        @Override
        boolean equalsRow(int group, Vector vector, int row) {
            boolean isNull = vector.isNull(row);
            return isNull == nulls[group] && (isNull || values[group] == value(vector, row));
        }

        @Override
        Vector toVector(int count) {
            if (booleans) {
                boolean[] result = new boolean[count];
                for (int i = 0; i < count; i++) {
                    result[i] = values[i] != 0;
                }
                return new BooleanVector(result, nullsFor(count), count);
            }
            return new LongVector(Arrays.copyOf(values, count), nullsFor(count), count);
        }
    }

    static final class Doubles extends KeyColumn {
        private long[] bits = new long[16];

        @Override
        void append(int group, Vector vector, int row) {
            if (group >= bits.length) {
                bits = Arrays.copyOf(bits, grow(bits.length, group));
            }
            ensureNulls(group);
            boolean isNull = vector.isNull(row);
            nulls[group] = isNull;
            bits[group] = isNull ? 0 : canonicalBits(((DoubleVector) vector).values()[row]);
        }

        @Override
        boolean equalsRow(int group, Vector vector, int row) {
            boolean isNull = vector.isNull(row);
            return isNull == nulls[group]
                    && (isNull || bits[group] == canonicalBits(((DoubleVector) vector).values()[row]));
        }

        @Override
        Vector toVector(int count) {
            double[] result = new double[count];
            for (int i = 0; i < count; i++) {
                result[i] = Double.longBitsToDouble(bits[i]);
            }
            return new DoubleVector(result, nullsFor(count), count);
        }
    }

    static final class Wide extends KeyColumn {
        private long[] high = new long[16];
        private long[] low = new long[16];

        @Override
        void append(int group, Vector vector, int row) {
            if (group >= low.length) {
                high = Arrays.copyOf(high, grow(high.length, group));
                low = Arrays.copyOf(low, grow(low.length, group));
            }
            ensureNulls(group);
            Int128Vector wide = (Int128Vector) vector;
            boolean isNull = wide.isNull(row);
            nulls[group] = isNull;
            high[group] = isNull ? 0 : wide.high()[row];
            low[group] = isNull ? 0 : wide.low()[row];
        }

        @Override
        boolean equalsRow(int group, Vector vector, int row) {
            Int128Vector wide = (Int128Vector) vector;
            boolean isNull = wide.isNull(row);
            return isNull == nulls[group]
                    && (isNull || high[group] == wide.high()[row] && low[group] == wide.low()[row]);
        }

        @Override
        Vector toVector(int count) {
            return new Int128Vector(Arrays.copyOf(high, count), Arrays.copyOf(low, count), nullsFor(count), count);
        }
    }

    static final class Strings extends KeyColumn {
        private byte[] bytes = new byte[256];
        private int used;
        private int[] starts = new int[16];
        private int[] lengths = new int[16];

        @Override
        void append(int group, Vector vector, int row) {
            if (group >= starts.length) {
                starts = Arrays.copyOf(starts, grow(starts.length, group));
                lengths = Arrays.copyOf(lengths, grow(lengths.length, group));
            }
            ensureNulls(group);
            StringVector strings = (StringVector) vector;
            boolean isNull = strings.isNull(row);
            nulls[group] = isNull;
            int length = isNull ? 0 : strings.lengths()[row];
            if ((long) used + length > bytes.length) {
                long capacity = Math.max((long) used + length, 2L * bytes.length);
                if (capacity > Integer.MAX_VALUE - 16) {
                    throw new dev.forge.plan.QueryException("the distinct string keys of one hash table exceed 2 GiB");
                }
                bytes = Arrays.copyOf(bytes, (int) capacity);
            }
            if (length > 0) {
                System.arraycopy(strings.data(), strings.starts()[row], bytes, used, length);
            }
            starts[group] = used;
            lengths[group] = length;
            used += length;
        }

        @Override
        boolean equalsRow(int group, Vector vector, int row) {
            StringVector strings = (StringVector) vector;
            boolean isNull = strings.isNull(row);
            if (isNull || nulls[group]) {
                return isNull == nulls[group];
            }
            int length = strings.lengths()[row];
            int start = strings.starts()[row];
            return length == lengths[group]
                    && Arrays.equals(bytes, starts[group], starts[group] + length, strings.data(), start, start + length);
        }

        @Override
        Vector toVector(int count) {
            StringVectorBuilder builder = new StringVectorBuilder(count, used);
            for (int i = 0; i < count; i++) {
                if (nulls[i]) {
                    builder.appendNull();
                } else {
                    builder.append(bytes, starts[i], lengths[i]);
                }
            }
            return builder.build();
        }
    }
}
