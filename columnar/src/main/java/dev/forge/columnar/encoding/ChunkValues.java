package dev.forge.columnar.encoding;

import dev.forge.columnar.Layouts;
import dev.forge.columnar.PhysicalType;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * The values of one chunk as the encoders see them: {@code count} 4- or 8-byte words, each widened into a long
 * (4-byte ones sign-extended; floats as their raw bits, so every encoding is lossless, NaN payloads included).
 */
public record ChunkValues(long[] values, int count, int valueBytes, boolean floatingPoint) {
    public ChunkValues {
        Objects.requireNonNull(values, "values");
        if (valueBytes != 4 && valueBytes != 8) {
            throw new IllegalArgumentException("encodings handle 4- and 8-byte values, not " + valueBytes);
        }
        if (count < 0 || count > values.length) {
            throw new IllegalArgumentException("count " + count + " outside the " + values.length + " values given");
        }
    }

    public static ChunkValues of(PhysicalType type, long[] values, int count) {
        if (!type.isEncodableWord()) {
            throw new IllegalArgumentException(type + " values are not encoded as 4- or 8-byte words");
        }
        return new ChunkValues(values, count, type.valueBytes(),
                type == PhysicalType.FLOAT32 || type == PhysicalType.FLOAT64);
    }

    /** Reads values {@code [first, first + count)} of a column of {@code type} held in {@code memory}. */
    public static ChunkValues read(PhysicalType type, MemorySegment memory, long first, int count) {
        long[] values = new long[count];
        int valueBytes = type.valueBytes();
        for (int i = 0; i < count; i++) {
            values[i] = read(memory, first + i, valueBytes);
        }
        return of(type, values, count);
    }

    public long get(int index) {
        return values[index];
    }

    public int valueBits() {
        return valueBytes * 8;
    }

    /** {@code value} cut to this chunk's width and widened again, as every decoder produces it. */
    public long normalize(long value) {
        return normalize(value, valueBytes);
    }

    /** {@code value} cut to {@code valueBytes} and widened again. */
    public static long normalize(long value, int valueBytes) {
        return valueBytes == 4 ? (int) value : value;
    }

    /**
     * A key whose signed order is the value order: the value itself for integers; for floats the raw bits with
     * the magnitude flipped when negative, which orders -NaN < -inf < ... < -0 < +0 < ... < +inf < NaN and keeps
     * distinct bit patterns distinct. Applying it twice gives the value back.
     */
    public long sortKey(long value) {
        if (!floatingPoint) {
            return value;
        }
        return valueBytes == 4 ? value ^ ((value >> 31) & 0x7FFFFFFFL) : value ^ ((value >> 63) & Long.MAX_VALUE);
    }

    /** A widened value read from element {@code index} of {@code memory}. */
    public static long read(MemorySegment memory, long index, int valueBytes) {
        return valueBytes == 4 ? memory.getAtIndex(Layouts.INT, index) : memory.getAtIndex(Layouts.LONG, index);
    }

    public static void write(MemorySegment memory, long index, long value, int valueBytes) {
        if (valueBytes == 4) {
            memory.setAtIndex(Layouts.INT, index, (int) value);
        } else {
            memory.setAtIndex(Layouts.LONG, index, value);
        }
    }

    /** A heap segment of {@code count} values of this width. */
    static MemorySegment newSection(long count, int valueBytes) {
        return MemorySegment.ofArray(new byte[Math.toIntExact(count * valueBytes)]);
    }
}
