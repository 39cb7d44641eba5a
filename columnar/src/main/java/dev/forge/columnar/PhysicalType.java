package dev.forge.columnar;

/** How the values of a column are laid out in memory, whatever their logical {@link DataType}. */
public enum PhysicalType {
    /** One bit per value, least significant bit first, as in validity bitmaps. */
    BIT(0),
    INT32(4),
    INT64(8),
    FLOAT32(4),
    FLOAT64(8),
    /** Two little-endian longs per value: the low 64 bits, then the high 64 bits (two's complement). */
    INT128(16),
    /** Variable-length UTF-8: dictionary codes or offsets plus bytes (see {@link ColumnView}). */
    STRING(0);

    private final int valueBytes;

    PhysicalType(int valueBytes) {
        this.valueBytes = valueBytes;
    }

    /** Bytes per value for fixed-width types; 0 for bits and strings. */
    public int valueBytes() {
        return valueBytes;
    }

    /** Whether values are 4 or 8 bytes wide, the widths the integer encodings handle. */
    public boolean isEncodableWord() {
        return valueBytes == 4 || valueBytes == 8;
    }
}
