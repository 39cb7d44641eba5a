package dev.forge.executor.cpu.operator;

import dev.forge.columnar.Bitmaps;
import dev.forge.columnar.ColumnView;
import dev.forge.columnar.DataType;
import dev.forge.columnar.Layouts;
import dev.forge.columnar.PhysicalType;
import dev.forge.executor.cpu.vector.BooleanVector;
import dev.forge.executor.cpu.vector.DoubleVector;
import dev.forge.executor.cpu.vector.Int128Vector;
import dev.forge.executor.cpu.vector.LongVector;
import dev.forge.executor.cpu.vector.StringDictionary;
import dev.forge.executor.cpu.vector.StringVector;
import dev.forge.executor.cpu.vector.StringVectorBuilder;
import dev.forge.executor.cpu.vector.Vector;
import java.lang.foreign.MemorySegment;

/**
 * Copies a range (or selected rows) of an off-heap column into a {@link Vector}. Contiguous ranges of 8-byte values
 * are one bulk copy; dictionary strings stay codes over a heap copy of the dictionary made once per query.
 */
final class ColumnReader {
    private final ColumnView view;
    private final DataType type;
    private final StringDictionary dictionary;

    ColumnReader(ColumnView view) {
        this.view = view;
        this.type = view.type();
        this.dictionary = view.physicalType() == PhysicalType.STRING && view.dictionary() != null
                ? copyDictionary(view.dictionary()) : null;
    }

    private static StringDictionary copyDictionary(ColumnView dictionary) {
        long entries = dictionary.length();
        MemorySegment offsets = dictionary.values();
        long first = offsets.getAtIndex(Layouts.LONG, 0);
        long last = offsets.getAtIndex(Layouts.LONG, entries);
        if (last - first > Integer.MAX_VALUE - 16) {
            throw new dev.forge.plan.QueryException("a string dictionary of " + (last - first)
                    + " bytes exceeds what the CPU executor holds in one array (2 GiB)");
        }
        byte[] bytes = dictionary.bytes().asSlice(first, last - first).toArray(Layouts.BYTE);
        int[] starts = new int[(int) entries];
        int[] lengths = new int[(int) entries];
        for (int code = 0; code < entries; code++) {
            long start = offsets.getAtIndex(Layouts.LONG, code);
            starts[code] = (int) (start - first);
            lengths[code] = (int) (offsets.getAtIndex(Layouts.LONG, code + 1) - start);
        }
        return new StringDictionary(bytes, starts, lengths);
    }

    /**
     * Rows {@code base + rows[i]} for i < count, or {@code base .. base + count - 1} when {@code rows} is null.
     */
    Vector read(long base, int[] rows, int count) {
        boolean[] nulls = readNulls(base, rows, count);
        MemorySegment values = view.values();
        switch (view.physicalType()) {
            case BIT -> {
                boolean[] result = new boolean[count];
                for (int i = 0; i < count; i++) {
                    result[i] = Bitmaps.get(values, position(base, rows, i));
                }
                return new BooleanVector(result, nulls, count);
            }
            case INT32 -> {
                long[] result = new long[count];
                if (rows == null) {
                    int[] raw = new int[count];
                    MemorySegment.copy(values, Layouts.INT, base * 4, raw, 0, count);
                    for (int i = 0; i < count; i++) {
                        result[i] = raw[i];
                    }
                } else {
                    for (int i = 0; i < count; i++) {
                        result[i] = values.getAtIndex(Layouts.INT, base + rows[i]);
                    }
                }
                return new LongVector(result, nulls, count);
            }
            case INT64 -> {
                long[] result = new long[count];
                if (rows == null) {
                    MemorySegment.copy(values, Layouts.LONG, base * 8, result, 0, count);
                } else {
                    for (int i = 0; i < count; i++) {
                        result[i] = values.getAtIndex(Layouts.LONG, base + rows[i]);
                    }
                }
                return new LongVector(result, nulls, count);
            }
            case FLOAT32 -> {
                double[] result = new double[count];
                for (int i = 0; i < count; i++) {
                    result[i] = values.getAtIndex(Layouts.FLOAT, position(base, rows, i));
                }
                return new DoubleVector(result, nulls, count);
            }
            case FLOAT64 -> {
                double[] result = new double[count];
                if (rows == null) {
                    MemorySegment.copy(values, Layouts.DOUBLE, base * 8, result, 0, count);
                } else {
                    for (int i = 0; i < count; i++) {
                        result[i] = values.getAtIndex(Layouts.DOUBLE, base + rows[i]);
                    }
                }
                return new DoubleVector(result, nulls, count);
            }
            case INT128 -> {
                long[] high = new long[count];
                long[] low = new long[count];
                for (int i = 0; i < count; i++) {
                    long at = position(base, rows, i) * 16;
                    low[i] = values.get(Layouts.LONG, at);
                    high[i] = values.get(Layouts.LONG, at + 8);
                }
                return new Int128Vector(high, low, nulls, count);
            }
            case STRING -> {
                return readStrings(base, rows, count, nulls);
            }
        }
        throw new AssertionError(type);
    }

    private StringVector readStrings(long base, int[] rows, int count, boolean[] nulls) {
        MemorySegment values = view.values();
        if (dictionary != null) {
            int[] codes = new int[count];
            if (rows == null) {
                MemorySegment.copy(values, Layouts.INT, base * 4, codes, 0, count);
            } else {
                for (int i = 0; i < count; i++) {
                    codes[i] = values.getAtIndex(Layouts.INT, base + rows[i]);
                }
            }
            if (nulls != null) {
                for (int i = 0; i < count; i++) {
                    if (nulls[i]) {
                        codes[i] = 0; // codes under NULL are unspecified: keep them in range
                    }
                }
            }
            return StringVector.coded(dictionary, codes, nulls, count);
        }
        MemorySegment bytes = view.bytes();
        if (rows == null) {
            long first = values.getAtIndex(Layouts.LONG, base);
            long last = values.getAtIndex(Layouts.LONG, base + count);
            if (last - first > Integer.MAX_VALUE - 16) {
                throw new dev.forge.plan.QueryException("a morsel of strings exceeds 2 GiB");
            }
            byte[] data = bytes.asSlice(first, last - first).toArray(Layouts.BYTE);
            int[] starts = new int[count];
            int[] lengths = new int[count];
            for (int i = 0; i < count; i++) {
                long start = values.getAtIndex(Layouts.LONG, base + i);
                starts[i] = (int) (start - first);
                lengths[i] = (int) (values.getAtIndex(Layouts.LONG, base + i + 1) - start);
            }
            return StringVector.plain(data, starts, lengths, nulls, count);
        }
        StringVectorBuilder builder = new StringVectorBuilder(count, count * 16);
        for (int i = 0; i < count; i++) {
            long row = base + rows[i];
            if (nulls != null && nulls[i]) {
                builder.appendNull();
                continue;
            }
            long start = values.getAtIndex(Layouts.LONG, row);
            long end = values.getAtIndex(Layouts.LONG, row + 1);
            byte[] text = bytes.asSlice(start, end - start).toArray(Layouts.BYTE);
            builder.append(text);
        }
        return builder.build();
    }

    private boolean[] readNulls(long base, int[] rows, int count) {
        MemorySegment validity = view.validity();
        if (validity == null || view.nullCount() == 0) {
            return null;
        }
        boolean[] nulls = new boolean[count];
        boolean any = false;
        for (int i = 0; i < count; i++) {
            boolean isNull = !Bitmaps.get(validity, position(base, rows, i));
            nulls[i] = isNull;
            any |= isNull;
        }
        return any ? nulls : null;
    }

    private static long position(long base, int[] rows, int i) {
        return rows == null ? base + i : base + rows[i];
    }
}
