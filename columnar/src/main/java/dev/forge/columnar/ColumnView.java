package dev.forge.columnar;

import java.lang.foreign.MemorySegment;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A non-owning view of a column's memory, valid while its owner (a {@link Column}, or a mapped file) is open.
 *
 * <p>{@code validity} is a bitmap (1 = valid) or {@code null} when the column has no nulls. {@code values} holds
 * the fixed-width values, the boolean bitmap, the dictionary codes of a {@link StringLayout#DICTIONARY} string
 * column, or the offsets of a {@link StringLayout#PLAIN} one, whose UTF-8 is in {@code bytes}. A dictionary column
 * has its sorted distinct strings in {@code dictionary}, a plain string view without nulls. Values at null
 * positions are unspecified.
 */
public record ColumnView(DataType type, long length, long nullCount, MemorySegment validity, MemorySegment values,
        MemorySegment bytes, ColumnView dictionary) {

    public ColumnView {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(values, "values");
        if (length < 0 || nullCount < 0 || nullCount > length) {
            throw new IllegalArgumentException("a column of " + length + " values cannot have " + nullCount + " nulls");
        }
        if (nullCount > 0 && validity == null) {
            throw new IllegalArgumentException("a column with " + nullCount + " nulls needs a validity bitmap");
        }
        if (type.physicalType() == PhysicalType.STRING && (bytes == null) == (dictionary == null)) {
            throw new IllegalArgumentException("a VARCHAR view needs either bytes (plain) or a dictionary, not both");
        }
    }

    public PhysicalType physicalType() {
        return type.physicalType();
    }

    /** Only meaningful for VARCHAR columns. */
    public StringLayout stringLayout() {
        return dictionary != null ? StringLayout.DICTIONARY : StringLayout.PLAIN;
    }

    public boolean isNull(long index) {
        Objects.checkIndex(index, length);
        return validity != null && !Bitmaps.get(validity, index);
    }

    public boolean getBoolean(long index) {
        require(PhysicalType.BIT, index);
        return Bitmaps.get(values, index);
    }

    /** INT32 and DATE values. */
    public int getInt(long index) {
        require(PhysicalType.INT32, index);
        return values.getAtIndex(Layouts.INT, index);
    }

    /** INT64, TIMESTAMP and unscaled DECIMAL(p <= 18) values. */
    public long getLong(long index) {
        require(PhysicalType.INT64, index);
        return values.getAtIndex(Layouts.LONG, index);
    }

    public LocalDate getDate(long index) {
        if (!(type instanceof DataType.Date)) {
            throw new IllegalStateException("getDate on a " + type + " column");
        }
        return LocalDate.ofEpochDay(getInt(index));
    }

    public Instant getTimestamp(long index) {
        if (!(type instanceof DataType.Timestamp)) {
            throw new IllegalStateException("getTimestamp on a " + type + " column");
        }
        long micros = getLong(index);
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
    }

    public float getFloat(long index) {
        require(PhysicalType.FLOAT32, index);
        return values.getAtIndex(Layouts.FLOAT, index);
    }

    public double getDouble(long index) {
        require(PhysicalType.FLOAT64, index);
        return values.getAtIndex(Layouts.DOUBLE, index);
    }

    /** The unscaled value of a DECIMAL column of either width. */
    public BigInteger getUnscaled(long index) {
        if (physicalType() == PhysicalType.INT64) {
            return BigInteger.valueOf(getLong(index));
        }
        require(PhysicalType.INT128, index);
        long low = values.get(Layouts.LONG, index * 16);
        long high = values.get(Layouts.LONG, index * 16 + 8);
        return BigInteger.valueOf(high).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(low)));
    }

    public BigDecimal getDecimal(long index) {
        if (!(type instanceof DataType.Decimal decimal)) {
            throw new IllegalStateException("getDecimal on a " + type + " column");
        }
        return new BigDecimal(getUnscaled(index), decimal.scale());
    }

    /** The dictionary code of a {@link StringLayout#DICTIONARY} VARCHAR value. */
    public int getCode(long index) {
        require(PhysicalType.STRING, index);
        if (dictionary == null) {
            throw new IllegalStateException("getCode on a plain VARCHAR column (it has offsets, not codes)");
        }
        return values.getAtIndex(Layouts.INT, index);
    }

    public String getString(long index) {
        return new String(getStringBytes(index), StandardCharsets.UTF_8);
    }

    public byte[] getStringBytes(long index) {
        require(PhysicalType.STRING, index);
        if (dictionary != null) {
            return dictionary.getStringBytes(values.getAtIndex(Layouts.INT, index));
        }
        long start = values.getAtIndex(Layouts.LONG, index);
        long end = values.getAtIndex(Layouts.LONG, index + 1);
        return bytes.asSlice(start, end - start).toArray(Layouts.BYTE);
    }

    /** The value as a plain Java object ({@code null} for SQL NULL), for tests and diagnostics. */
    public Object getObject(long index) {
        if (isNull(index)) {
            return null;
        }
        return switch (type) {
            case DataType.Boolean ignored -> getBoolean(index);
            case DataType.Int32 ignored -> getInt(index);
            case DataType.Date ignored -> getInt(index);
            case DataType.Int64 ignored -> getLong(index);
            case DataType.Timestamp ignored -> getLong(index);
            case DataType.Float32 ignored -> getFloat(index);
            case DataType.Float64 ignored -> getDouble(index);
            case DataType.Decimal ignored -> getDecimal(index);
            case DataType.Varchar ignored -> getString(index);
        };
    }

    private void require(PhysicalType expected, long index) {
        if (physicalType() != expected) {
            throw new IllegalStateException("cannot read a " + expected + " value from a " + type + " column");
        }
        Objects.checkIndex(index, length);
    }
}
