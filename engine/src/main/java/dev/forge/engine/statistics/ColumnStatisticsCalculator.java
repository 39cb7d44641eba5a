package dev.forge.engine.statistics;

import dev.forge.columnar.Bitmaps;
import dev.forge.columnar.ColumnView;
import dev.forge.columnar.DataType;
import dev.forge.columnar.Layouts;
import dev.forge.columnar.StringLayout;
import dev.forge.plan.ColumnStatistics;
import java.lang.foreign.MemorySegment;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Exact statistics of one column: NULL count, minimum and maximum (in {@link dev.forge.plan.expr.Literal}'s
 * representation) and the exact number of distinct non-NULL values. Integers over a narrow range are counted in a
 * bitmap, others in a primitive hash set; dictionary strings by the codes in use; plain strings by comparing bytes in
 * place. Floats count -0.0 and 0.0 as one value, every NaN as one value, and NaN as the largest (SQL's order).
 */
final class ColumnStatisticsCalculator {
    /** A bitmap of at most this many bits (or 16 per row) counts distinct integers; wider ranges use a hash set. */
    private static final long MAX_BITMAP_RANGE = 1L << 24;

    private ColumnStatisticsCalculator() {
    }

    static ColumnStatistics compute(ColumnView column) {
        if (column.nullCount() == column.length()) {
            return new ColumnStatistics(column.nullCount(), 0, null, null);
        }
        return switch (column.type()) {
            case DataType.Boolean _ -> booleans(column);
            case DataType.Int32 _, DataType.Date _ -> integers(column, false);
            case DataType.Int64 _, DataType.Timestamp _ -> integers(column, true);
            case DataType.Decimal decimal -> decimal.precision() <= DataType.MAX_INT64_DECIMAL_PRECISION
                    ? integers(column, true) : wideDecimals(column, decimal.scale());
            case DataType.Float32 _ -> floats(column, false);
            case DataType.Float64 _ -> floats(column, true);
            case DataType.Varchar _ -> column.stringLayout() == StringLayout.DICTIONARY ? dictionaryStrings(column)
                    : plainStrings(column);
        };
    }

    private static boolean isNull(MemorySegment validity, long row) {
        return validity != null && !Bitmaps.get(validity, row);
    }

    private static ColumnStatistics booleans(ColumnView column) {
        boolean seenTrue = false;
        boolean seenFalse = false;
        MemorySegment validity = column.validity();
        for (long row = 0; row < column.length() && !(seenTrue && seenFalse); row++) {
            if (!isNull(validity, row)) {
                if (Bitmaps.get(column.values(), row)) {
                    seenTrue = true;
                } else {
                    seenFalse = true;
                }
            }
        }
        int distinct = (seenTrue ? 1 : 0) + (seenFalse ? 1 : 0);
        return new ColumnStatistics(column.nullCount(), distinct, !seenFalse, seenTrue);
    }

    private static ColumnStatistics integers(ColumnView column, boolean wide) {
        MemorySegment values = column.values();
        MemorySegment validity = column.validity();
        long length = column.length();
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (long row = 0; row < length; row++) {
            if (!isNull(validity, row)) {
                long value = wide ? values.getAtIndex(Layouts.LONG, row) : values.getAtIndex(Layouts.INT, row);
                min = Math.min(min, value);
                max = Math.max(max, value);
            }
        }
        long range = max - min;
        long distinct;
        if (range >= 0 && range < Math.max(MAX_BITMAP_RANGE, 16 * length)) {
            long[] seen = new long[(int) ((range >>> 6) + 1)];
            for (long row = 0; row < length; row++) {
                if (!isNull(validity, row)) {
                    long value = wide ? values.getAtIndex(Layouts.LONG, row) : values.getAtIndex(Layouts.INT, row);
                    long bit = value - min;
                    seen[(int) (bit >>> 6)] |= 1L << bit;
                }
            }
            distinct = 0;
            for (long word : seen) {
                distinct += Long.bitCount(word);
            }
        } else {
            LongHashSet set = new LongHashSet();
            for (long row = 0; row < length; row++) {
                if (!isNull(validity, row)) {
                    set.add(wide ? values.getAtIndex(Layouts.LONG, row) : values.getAtIndex(Layouts.INT, row));
                }
            }
            distinct = set.size();
        }
        return new ColumnStatistics(column.nullCount(), distinct, literal(column.type(), min),
                literal(column.type(), max));
    }

    private static Object literal(DataType type, long value) {
        return switch (type) {
            case DataType.Int32 _, DataType.Date _ -> (int) value;
            case DataType.Int64 _, DataType.Timestamp _ -> value;
            case DataType.Decimal decimal -> BigDecimal.valueOf(value, decimal.scale());
            case DataType.Boolean _, DataType.Float32 _, DataType.Float64 _, DataType.Varchar _ ->
                    throw new IllegalArgumentException("not an integer type: " + type);
        };
    }

    private static ColumnStatistics wideDecimals(ColumnView column, int scale) {
        MemorySegment values = column.values();
        MemorySegment validity = column.validity();
        LongPairHashSet set = new LongPairHashSet();
        long minRow = -1;
        long maxRow = -1;
        for (long row = 0; row < column.length(); row++) {
            if (isNull(validity, row)) {
                continue;
            }
            long low = values.get(Layouts.LONG, row * 16);
            long high = values.get(Layouts.LONG, row * 16 + 8);
            set.add(low, high);
            if (minRow < 0 || compare128(values, row, minRow) < 0) {
                minRow = row;
            }
            if (maxRow < 0 || compare128(values, row, maxRow) > 0) {
                maxRow = row;
            }
        }
        return new ColumnStatistics(column.nullCount(), set.size(), new BigDecimal(unscaled(values, minRow), scale),
                new BigDecimal(unscaled(values, maxRow), scale));
    }

    private static int compare128(MemorySegment values, long a, long b) {
        int high = Long.compare(values.get(Layouts.LONG, a * 16 + 8), values.get(Layouts.LONG, b * 16 + 8));
        return high != 0 ? high
                : Long.compareUnsigned(values.get(Layouts.LONG, a * 16), values.get(Layouts.LONG, b * 16));
    }

    private static BigInteger unscaled(MemorySegment values, long row) {
        long low = values.get(Layouts.LONG, row * 16);
        long high = values.get(Layouts.LONG, row * 16 + 8);
        return BigInteger.valueOf(high).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(low)));
    }

    private static ColumnStatistics floats(ColumnView column, boolean wide) {
        MemorySegment values = column.values();
        MemorySegment validity = column.validity();
        LongHashSet set = new LongHashSet();
        double min = Double.NaN;
        double max = Double.NaN;
        boolean first = true;
        for (long row = 0; row < column.length(); row++) {
            if (isNull(validity, row)) {
                continue;
            }
            double value = wide ? values.getAtIndex(Layouts.DOUBLE, row) : values.getAtIndex(Layouts.FLOAT, row);
            // one value for -0.0 and 0.0; doubleToLongBits already folds every NaN into one
            set.add(value == 0.0 ? 0L : Double.doubleToLongBits(value));
            if (first) {
                min = value;
                max = value;
                first = false;
            } else {
                // Double.compare orders NaN above everything, as SQL does; -0.0 and 0.0 compare equal here
                if (value != min && Double.compare(value, min) < 0) {
                    min = value;
                }
                if (value != max && Double.compare(value, max) > 0) {
                    max = value;
                }
            }
        }
        Object minimum = wide ? (Object) min : (Object) (float) min;
        Object maximum = wide ? (Object) max : (Object) (float) max;
        return new ColumnStatistics(column.nullCount(), set.size(), minimum, maximum);
    }

    private static ColumnStatistics dictionaryStrings(ColumnView column) {
        ColumnView dictionary = column.dictionary();
        MemorySegment codes = column.values();
        MemorySegment validity = column.validity();
        long[] used = new long[(int) ((dictionary.length() >>> 6) + 1)];
        for (long row = 0; row < column.length(); row++) {
            if (!isNull(validity, row)) {
                int code = codes.getAtIndex(Layouts.INT, row);
                used[code >>> 6] |= 1L << code;
            }
        }
        long distinct = 0;
        int minCode = -1;
        int maxCode = -1;
        for (int word = 0; word < used.length; word++) {
            if (used[word] != 0) {
                distinct += Long.bitCount(used[word]);
                if (minCode < 0) {
                    minCode = word * 64 + Long.numberOfTrailingZeros(used[word]);
                }
                maxCode = word * 64 + 63 - Long.numberOfLeadingZeros(used[word]);
            }
        }
        // the dictionary is sorted by UTF-8 bytes, so the smallest code in use is the smallest string
        return new ColumnStatistics(column.nullCount(), distinct, dictionary.getString(minCode),
                dictionary.getString(maxCode));
    }

    private static ColumnStatistics plainStrings(ColumnView column) {
        return HashPartitions.worthSplitting(column.length())
                ? plainStringsByPartition(column, HashPartitions.BITS) : plainStringsInOnePass(column);
    }

    /**
     * {@link #plainStrings} as 2^{@code bits} tasks, one per partition of the strings by their hash's top bits: equal
     * strings share a partition ({@link HashPartitions}), so the partitions' distinct counts add up exactly, and the
     * smallest and largest of their minima and maxima are the column's. A comment column of 60M rows (TPC-H lineitem
     * at SF 10) took 26 s on one core, in the statistics of a cold query.
     */
    static ColumnStatistics plainStringsByPartition(ColumnView column, int bits) {
        MemorySegment offsets = column.values();
        MemorySegment bytes = column.bytes();
        MemorySegment validity = column.validity();
        int rows = Math.toIntExact(column.length());
        byte[] partitionOf = HashPartitions.of(rows, bits, row -> !isNull(validity, row), row -> {
            long start = offsets.getAtIndex(Layouts.LONG, row);
            return Hashing.bytes(bytes, start, offsets.getAtIndex(Layouts.LONG, row + 1) - start);
        });
        List<long[]> partitions = IntStream.range(0, 1 << bits).parallel().mapToObj(partition -> {
            StringRowHashSet set = new StringRowHashSet(offsets, bytes);
            long minRow = -1;
            long maxRow = -1;
            for (int row = 0; row < rows; row++) {
                if (partitionOf[row] == partition && set.add(row)) {
                    if (minRow < 0 || compareStrings(offsets, bytes, row, minRow) < 0) {
                        minRow = row;
                    }
                    if (maxRow < 0 || compareStrings(offsets, bytes, row, maxRow) > 0) {
                        maxRow = row;
                    }
                }
            }
            return new long[] {set.size(), minRow, maxRow};
        }).toList();
        long distinct = 0;
        long minRow = -1;
        long maxRow = -1;
        for (long[] partition : partitions) {
            distinct += partition[0];
            if (partition[1] >= 0 && (minRow < 0 || compareStrings(offsets, bytes, partition[1], minRow) < 0)) {
                minRow = partition[1];
            }
            if (partition[2] >= 0 && (maxRow < 0 || compareStrings(offsets, bytes, partition[2], maxRow) > 0)) {
                maxRow = partition[2];
            }
        }
        return new ColumnStatistics(column.nullCount(), distinct, column.getString(minRow), column.getString(maxRow));
    }

    static ColumnStatistics plainStringsInOnePass(ColumnView column) {
        MemorySegment offsets = column.values();
        MemorySegment bytes = column.bytes();
        MemorySegment validity = column.validity();
        StringRowHashSet set = new StringRowHashSet(offsets, bytes);
        long minRow = -1;
        long maxRow = -1;
        for (long row = 0; row < column.length(); row++) {
            if (isNull(validity, row)) {
                continue;
            }
            // a repeated string cannot be a new minimum or maximum
            if (set.add(row)) {
                if (minRow < 0 || compareStrings(offsets, bytes, row, minRow) < 0) {
                    minRow = row;
                }
                if (maxRow < 0 || compareStrings(offsets, bytes, row, maxRow) > 0) {
                    maxRow = row;
                }
            }
        }
        return new ColumnStatistics(column.nullCount(), set.size(), column.getString(minRow),
                column.getString(maxRow));
    }

    /** Unsigned byte order of UTF-8, which is code point order. */
    private static int compareStrings(MemorySegment offsets, MemorySegment bytes, long a, long b) {
        long aStart = offsets.getAtIndex(Layouts.LONG, a);
        long aEnd = offsets.getAtIndex(Layouts.LONG, a + 1);
        long bStart = offsets.getAtIndex(Layouts.LONG, b);
        long bEnd = offsets.getAtIndex(Layouts.LONG, b + 1);
        long mismatch = MemorySegment.mismatch(bytes, aStart, aEnd, bytes, bStart, bEnd);
        if (mismatch == -1) {
            return 0;
        }
        if (mismatch == aEnd - aStart) {
            return -1;
        }
        if (mismatch == bEnd - bStart) {
            return 1;
        }
        return Integer.compare(bytes.get(Layouts.BYTE, aStart + mismatch) & 0xFF,
                bytes.get(Layouts.BYTE, bStart + mismatch) & 0xFF);
    }
}
