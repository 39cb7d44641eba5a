package dev.forge.columnar;

import java.lang.foreign.MemorySegment;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Appends values of one {@link DataType} into off-heap memory that doubles as it fills, then {@link #build()}s a
 * {@link Column}. VARCHAR values become a sorted dictionary when few enough are distinct (see
 * {@link #maxDictionarySize}), else offsets and bytes.
 */
public final class ColumnBuilder implements AutoCloseable {
    /** A VARCHAR column is dictionary-encoded only when it has at most this many distinct strings. */
    public static final int DEFAULT_MAX_DICTIONARY_SIZE = 1 << 20;

    private static final BigInteger MIN_INT128 = BigInteger.ONE.shiftLeft(127).negate();
    private static final BigInteger MAX_INT128 = BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE);

    private final DataType type;
    private final PhysicalType physical;
    private GrowableBuffer values;
    private GrowableBuffer bytes;
    private GrowableBuffer validity;
    private long length;
    private long nullCount;
    private long byteLength;
    private Set<String> distinct = new HashSet<>();
    private int maxDictionarySize = DEFAULT_MAX_DICTIONARY_SIZE;
    private StringLayout forcedLayout;

    private ColumnBuilder(DataType type, long expectedRows) {
        this.type = type;
        this.physical = type.physicalType();
        long rows = Math.max(expectedRows, 16);
        long valueBytes = switch (physical) {
            case BIT -> Bitmaps.byteSize(rows);
            case INT32, INT64, FLOAT32, FLOAT64, INT128 -> rows * physical.valueBytes();
            case STRING -> (rows + 1) * 8;
        };
        this.values = new GrowableBuffer(valueBytes, type + " values");
        if (physical == PhysicalType.STRING) {
            this.bytes = new GrowableBuffer(rows * 8, "VARCHAR bytes");
        }
    }

    public static ColumnBuilder of(DataType type) {
        return new ColumnBuilder(type, 1024);
    }

    public static ColumnBuilder of(DataType type, long expectedRows) {
        return new ColumnBuilder(type, expectedRows);
    }

    /** VARCHAR only: the most distinct strings a dictionary may hold; more give a plain column. */
    public ColumnBuilder maxDictionarySize(int size) {
        this.maxDictionarySize = size;
        return this;
    }

    /** VARCHAR only: always build this layout, whatever the cardinality. */
    public ColumnBuilder stringLayout(StringLayout layout) {
        this.forcedLayout = layout;
        return this;
    }

    public DataType type() {
        return type;
    }

    public long length() {
        return length;
    }

    public ColumnBuilder appendNull() {
        if (values == null) {
            throw new IllegalStateException("this builder already built its column");
        }
        MemorySegment bitmap = validityForNull();
        switch (physical) {
            case BIT -> values.ensure(Bitmaps.byteSize(length + 1));
            case INT32, INT64, FLOAT32, FLOAT64, INT128 -> values.ensure((length + 1) * physical.valueBytes());
            case STRING -> values.ensure((length + 2) * 8).setAtIndex(Layouts.LONG, length + 1, byteLength);
        }
        Bitmaps.set(bitmap, length, false);
        nullCount++;
        length++;
        return this;
    }

    public ColumnBuilder appendBoolean(boolean value) {
        require(PhysicalType.BIT, "appendBoolean");
        Bitmaps.set(values.ensure(Bitmaps.byteSize(length + 1)), length, value);
        return appended();
    }

    /** INT32 and DATE (days since 1970-01-01). */
    public ColumnBuilder appendInt(int value) {
        require(PhysicalType.INT32, "appendInt");
        values.ensure((length + 1) * 4).setAtIndex(Layouts.INT, length, value);
        return appended();
    }

    /** INT64, TIMESTAMP (microseconds since the epoch) and the unscaled value of DECIMAL(p <= 18). */
    public ColumnBuilder appendLong(long value) {
        require(PhysicalType.INT64, "appendLong");
        values.ensure((length + 1) * 8).setAtIndex(Layouts.LONG, length, value);
        return appended();
    }

    /** A DATE as days since 1970-01-01. */
    public ColumnBuilder appendDate(LocalDate date) {
        if (!(type instanceof DataType.Date)) {
            throw new IllegalStateException("appendDate on a " + type + " column builder (row " + length + ")");
        }
        long days = date.toEpochDay();
        if (days != (int) days) {
            throw new IllegalArgumentException(date + " is outside the int32 day range of DATE (row " + length + ")");
        }
        return appendInt((int) days);
    }

    /** A TIMESTAMP as microseconds since the epoch; finer digits are cut off. */
    public ColumnBuilder appendTimestamp(Instant instant) {
        if (!(type instanceof DataType.Timestamp)) {
            throw new IllegalStateException("appendTimestamp on a " + type + " column builder (row " + length + ")");
        }
        long micros;
        try {
            micros = Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
        } catch (ArithmeticException overflow) {
            throw new IllegalArgumentException(instant + " is outside the int64 microsecond range of TIMESTAMP (row "
                    + length + ")");
        }
        return appendLong(micros);
    }

    public ColumnBuilder appendFloat(float value) {
        require(PhysicalType.FLOAT32, "appendFloat");
        values.ensure((length + 1) * 4).setAtIndex(Layouts.FLOAT, length, value);
        return appended();
    }

    public ColumnBuilder appendDouble(double value) {
        require(PhysicalType.FLOAT64, "appendDouble");
        values.ensure((length + 1) * 8).setAtIndex(Layouts.DOUBLE, length, value);
        return appended();
    }

    /** The unscaled value of a DECIMAL(p > 18) as two's complement halves. */
    public ColumnBuilder appendInt128(long low, long high) {
        require(PhysicalType.INT128, "appendInt128");
        MemorySegment memory = values.ensure((length + 1) * 16);
        memory.set(Layouts.LONG, length * 16, low);
        memory.set(Layouts.LONG, length * 16 + 8, high);
        return appended();
    }

    /** A DECIMAL value; it must have at most the column's scale and fit its precision. */
    public ColumnBuilder appendDecimal(BigDecimal value) {
        if (!(type instanceof DataType.Decimal decimal)) {
            throw new IllegalStateException("appendDecimal on a " + type + " column");
        }
        BigInteger unscaled;
        try {
            unscaled = value.setScale(decimal.scale(), RoundingMode.UNNECESSARY).unscaledValue();
        } catch (ArithmeticException rounding) {
            throw new IllegalArgumentException(value + " has more than " + decimal.scale() + " fractional digits for "
                    + decimal + " (row " + length + ")");
        }
        if (unscaled.abs().toString().length() > decimal.precision()) {
            throw new IllegalArgumentException(value + " does not fit " + decimal + " (row " + length + ")");
        }
        if (physical == PhysicalType.INT64) {
            return appendLong(unscaled.longValueExact());
        }
        if (unscaled.compareTo(MIN_INT128) < 0 || unscaled.compareTo(MAX_INT128) > 0) {
            throw new IllegalArgumentException(value + " does not fit 128 bits (row " + length + ")");
        }
        return appendInt128(unscaled.longValue(), unscaled.shiftRight(64).longValue());
    }

    public ColumnBuilder appendString(String value) {
        require(PhysicalType.STRING, "appendString");
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        bytes.ensure(byteLength + utf8.length);
        MemorySegment.copy(utf8, 0, bytes.segment(), Layouts.BYTE, byteLength, utf8.length);
        byteLength += utf8.length;
        values.ensure((length + 2) * 8).setAtIndex(Layouts.LONG, length + 1, byteLength);
        if (distinct != null) {
            distinct.add(value);
            if (distinct.size() > maxDictionarySize && forcedLayout != StringLayout.DICTIONARY) {
                distinct = null; // too many to be worth a dictionary: stop tracking
            }
        }
        return appended();
    }

    private ColumnBuilder appended() {
        if (validity != null) {
            Bitmaps.set(validity.ensure(Bitmaps.byteSize(length + 1)), length, true);
        }
        length++;
        return this;
    }

    private MemorySegment validityForNull() {
        if (validity == null) {
            // Allocated at the first null: until then every value was valid.
            validity = new GrowableBuffer(Bitmaps.byteSize(Math.max(length + 1, 1024)), type + " validity");
            Bitmaps.setAll(validity.segment(), length);
        }
        return validity.ensure(Bitmaps.byteSize(length + 1));
    }

    private void require(PhysicalType expected, String call) {
        if (values == null) {
            throw new IllegalStateException("this builder already built its column");
        }
        if (physical != expected) {
            throw new IllegalStateException(call + " on a " + type + " column builder (row " + length + ")");
        }
    }

    /** The column of everything appended; the builder is spent afterwards. */
    public Column build() {
        if (values == null) {
            throw new IllegalStateException("this builder already built its column");
        }
        HostBuffer validityBuffer = validity == null ? null : validity.release();
        validity = null;
        if (physical == PhysicalType.STRING && useDictionary()) {
            return buildDictionary(validityBuffer);
        }
        HostBuffer valueBuffer = values.release();
        HostBuffer byteBuffer = bytes == null ? null : bytes.release();
        values = null;
        bytes = null;
        return new Column(type, length, nullCount, validityBuffer, valueBuffer, byteBuffer, null);
    }

    private boolean useDictionary() {
        if (forcedLayout != null) {
            return forcedLayout == StringLayout.DICTIONARY;
        }
        // A dictionary pays when values repeat; it is also what lets string comparisons run on codes.
        return distinct != null && length > 0 && distinct.size() <= Math.max(1, length / 2);
    }

    private Column buildDictionary(HostBuffer validityBuffer) {
        MemorySegment offsets = values.segment();
        MemorySegment utf8 = bytes.segment();
        Set<String> strings = distinct != null ? distinct : collectDistinct(offsets, utf8);
        List<byte[]> sorted = new ArrayList<>(strings.size());
        for (String text : strings) {
            sorted.add(text.getBytes(StandardCharsets.UTF_8));
        }
        sorted.sort(Arrays::compareUnsigned);
        // Strings with lone surrogates encode to the same UTF-8 as their replacement: one entry each.
        sorted = dropAdjacentDuplicates(sorted);
        Map<String, Integer> codeOf = new HashMap<>(sorted.size() * 2);
        try (ColumnBuilder dictionary = ColumnBuilder.of(DataType.VARCHAR, sorted.size()).stringLayout(StringLayout.PLAIN)) {
            for (int code = 0; code < sorted.size(); code++) {
                String text = new String(sorted.get(code), StandardCharsets.UTF_8);
                codeOf.put(text, code);
                dictionary.appendString(text);
            }
            HostBuffer codeBuffer = HostBuffer.allocate(length * 4, "VARCHAR dictionary codes");
            MemorySegment codeMemory = codeBuffer.segment();
            for (long row = 0; row < length; row++) {
                boolean isNull = validityBuffer != null && !Bitmaps.get(validityBuffer.segment(), row);
                codeMemory.setAtIndex(Layouts.INT, row, isNull ? 0 : codeOf.get(stringAt(offsets, utf8, row)));
            }
            values.close();
            bytes.close();
            values = null;
            bytes = null;
            return new Column(type, length, nullCount, validityBuffer, codeBuffer, null, dictionary.build());
        }
    }

    private static List<byte[]> dropAdjacentDuplicates(List<byte[]> sorted) {
        List<byte[]> unique = new ArrayList<>(sorted.size());
        for (byte[] entry : sorted) {
            if (unique.isEmpty() || !Arrays.equals(unique.getLast(), entry)) {
                unique.add(entry);
            }
        }
        return unique;
    }

    private Set<String> collectDistinct(MemorySegment offsets, MemorySegment utf8) {
        Set<String> found = new HashSet<>();
        for (long row = 0; row < length; row++) {
            found.add(stringAt(offsets, utf8, row));
        }
        return found;
    }

    private static String stringAt(MemorySegment offsets, MemorySegment utf8, long row) {
        long start = offsets.getAtIndex(Layouts.LONG, row);
        long end = offsets.getAtIndex(Layouts.LONG, row + 1);
        return new String(utf8.asSlice(start, end - start).toArray(Layouts.BYTE), StandardCharsets.UTF_8);
    }

    /** Frees what was appended if the column was never built. */
    @Override
    public void close() {
        for (GrowableBuffer buffer : new GrowableBuffer[] {values, bytes, validity}) {
            if (buffer != null) {
                buffer.close();
            }
        }
        values = null;
        bytes = null;
        validity = null;
    }
}
