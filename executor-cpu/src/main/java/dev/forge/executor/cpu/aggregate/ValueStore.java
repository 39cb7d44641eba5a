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
import java.util.Arrays;

/**
 * One value per group, of any kind, with the SQL order used by MIN and MAX (floats: -0.0 = 0.0, NaN above all;
 * strings: UTF-8 bytes). Groups without a value read as NULL.
 */
abstract sealed class ValueStore {
    protected boolean[] present = new boolean[16];

    static ValueStore of(VectorKind kind) {
        return switch (kind) {
            case BOOLEAN, LONG -> new Longs(kind == VectorKind.BOOLEAN);
            case DOUBLE -> new Doubles();
            case INT128 -> new Wide();
            case STRING -> new Strings();
        };
    }

    void ensureGroups(int groupCount) {
        if (groupCount > present.length) {
            int capacity = Math.max(groupCount, present.length * 2);
            present = Arrays.copyOf(present, capacity);
            grow(capacity);
        }
    }

    boolean present(int group) {
        return present[group];
    }

    protected abstract void grow(int capacity);

    /** Stores row {@code row} of {@code vector} (not NULL) as the group's value. */
    abstract void set(int group, Vector vector, int row);

    /** The sign of (row value - group value); the group has a value and the row is not NULL. */
    abstract int compareRow(int group, Vector vector, int row);

    abstract void copy(int group, ValueStore source, int sourceGroup);

    abstract int compareStored(int group, ValueStore source, int sourceGroup);

    abstract Vector toVector(int groupCount);

    protected boolean[] nullsFor(int groupCount) {
        boolean[] nulls = null;
        for (int g = 0; g < groupCount; g++) {
            if (!present[g]) {
                if (nulls == null) {
                    nulls = new boolean[groupCount];
                }
                nulls[g] = true;
            }
        }
        return nulls;
    }

    static final class Longs extends ValueStore {
        private final boolean booleans;
        private long[] values = new long[16];

        Longs(boolean booleans) {
            this.booleans = booleans;
        }

        private static long value(Vector vector, int row) {
            return vector instanceof LongVector longs ? longs.values()[row]
                    : ((BooleanVector) vector).values()[row] ? 1 : 0;
        }

        @Override
        protected void grow(int capacity) {
            values = Arrays.copyOf(values, capacity);
        }

        @Override
        void set(int group, Vector vector, int row) {
            values[group] = value(vector, row);
            present[group] = true;
        }

        @Override
        int compareRow(int group, Vector vector, int row) {
            return Long.compare(value(vector, row), values[group]);
        }

        @Override
        void copy(int group, ValueStore source, int sourceGroup) {
            values[group] = ((Longs) source).values[sourceGroup];
            present[group] = true;
        }

        @Override
        int compareStored(int group, ValueStore source, int sourceGroup) {
            return Long.compare(((Longs) source).values[sourceGroup], values[group]);
        }

        @Override
        Vector toVector(int groupCount) {
            if (booleans) {
                boolean[] result = new boolean[groupCount];
                for (int g = 0; g < groupCount; g++) {
                    result[g] = values[g] != 0;
                }
                return new BooleanVector(result, nullsFor(groupCount), groupCount);
            }
            return new LongVector(Arrays.copyOf(values, groupCount), nullsFor(groupCount), groupCount);
        }
    }

    static final class Doubles extends ValueStore {
        private double[] values = new double[16];

        @Override
        protected void grow(int capacity) {
            values = Arrays.copyOf(values, capacity);
        }

        @Override
        void set(int group, Vector vector, int row) {
            values[group] = ((DoubleVector) vector).values()[row];
            present[group] = true;
        }

        @Override
        int compareRow(int group, Vector vector, int row) {
            return compare(((DoubleVector) vector).values()[row], values[group]);
        }

        @Override
        void copy(int group, ValueStore source, int sourceGroup) {
            values[group] = ((Doubles) source).values[sourceGroup];
            present[group] = true;
        }

        @Override
        int compareStored(int group, ValueStore source, int sourceGroup) {
            return compare(((Doubles) source).values[sourceGroup], values[group]);
        }

        static int compare(double x, double y) {
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

        @Override
        Vector toVector(int groupCount) {
            return new DoubleVector(Arrays.copyOf(values, groupCount), nullsFor(groupCount), groupCount);
        }
    }

    static final class Wide extends ValueStore {
        private long[] high = new long[16];
        private long[] low = new long[16];

        @Override
        protected void grow(int capacity) {
            high = Arrays.copyOf(high, capacity);
            low = Arrays.copyOf(low, capacity);
        }

        @Override
        void set(int group, Vector vector, int row) {
            Int128Vector wide = (Int128Vector) vector;
            high[group] = wide.high()[row];
            low[group] = wide.low()[row];
            present[group] = true;
        }

        @Override
        int compareRow(int group, Vector vector, int row) {
            Int128Vector wide = (Int128Vector) vector;
            return Int128.compare(wide.high()[row], wide.low()[row], high[group], low[group]);
        }

        @Override
        void copy(int group, ValueStore source, int sourceGroup) {
            Wide other = (Wide) source;
            high[group] = other.high[sourceGroup];
            low[group] = other.low[sourceGroup];
            present[group] = true;
        }

        @Override
        int compareStored(int group, ValueStore source, int sourceGroup) {
            Wide other = (Wide) source;
            return Int128.compare(other.high[sourceGroup], other.low[sourceGroup], high[group], low[group]);
        }

        @Override
        Vector toVector(int groupCount) {
            return new Int128Vector(Arrays.copyOf(high, groupCount), Arrays.copyOf(low, groupCount),
                    nullsFor(groupCount), groupCount);
        }
    }

    static final class Strings extends ValueStore {
        private byte[][] values = new byte[16][];

        @Override
        protected void grow(int capacity) {
            values = Arrays.copyOf(values, capacity);
        }

        @Override
        void set(int group, Vector vector, int row) {
            values[group] = ((StringVector) vector).bytes(row);
            present[group] = true;
        }

        @Override
        int compareRow(int group, Vector vector, int row) {
            StringVector strings = (StringVector) vector;
            int start = strings.starts()[row];
            byte[] stored = values[group];
            return Arrays.compareUnsigned(strings.data(), start, start + strings.lengths()[row], stored, 0,
                    stored.length);
        }

        @Override
        void copy(int group, ValueStore source, int sourceGroup) {
            values[group] = ((Strings) source).values[sourceGroup];
            present[group] = true;
        }

        @Override
        int compareStored(int group, ValueStore source, int sourceGroup) {
            return Arrays.compareUnsigned(((Strings) source).values[sourceGroup], values[group]);
        }

        @Override
        Vector toVector(int groupCount) {
            StringVectorBuilder builder = new StringVectorBuilder(groupCount, groupCount * 16);
            for (int g = 0; g < groupCount; g++) {
                if (present[g]) {
                    builder.append(values[g]);
                } else {
                    builder.appendNull();
                }
            }
            return builder.build();
        }
    }
}
