package dev.forge.bench.experiments.cases;

import dev.forge.columnar.DataType;
import dev.forge.columnar.Schema;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * The GPU parser's description of its output columns: text_rows.cuh's {@code TextColumns}, laid out byte for byte
 * (16 columns of 64 bytes: values address, lengths address, type, precision, scale, name length, 32 name bytes; then
 * the column count). A schema's fields map to types the parser writes: INT32, INT64, DECIMAL up to 18 digits
 * (unscaled int64), FLOAT64, DATE (int32 days) and VARCHAR (int64 offset into the text and int32 length).
 */
final class DeviceTextColumns {
    static final int MAX_COLUMNS = 16;
    static final int MAX_NAME_BYTES = 32;
    static final long COLUMN_BYTES = 64;
    static final long BYTES = MAX_COLUMNS * COLUMN_BYTES + 8;

    private static final int INT32 = 1;
    private static final int INT64 = 2;
    private static final int DECIMAL64 = 3;
    private static final int FLOAT64 = 4;
    private static final int DATE = 5;
    private static final int VARCHAR = 6;

    private DeviceTextColumns() {
    }

    /**
     * The layout for {@code schema}, column {@code c} written to device address {@code values[c]} (and for VARCHAR
     * its lengths to {@code lengths[c]}); fails naming the column the parser cannot write.
     */
    static MemorySegment layout(Schema schema, long[] values, long[] lengths, Arena arena) {
        if (schema.size() > MAX_COLUMNS) {
            throw new IllegalArgumentException("the GPU text parser writes at most " + MAX_COLUMNS + " columns; the"
                    + " schema has " + schema.size());
        }
        MemorySegment layout = arena.allocate(BYTES, 8);
        for (int c = 0; c < schema.size(); c++) {
            String name = schema.field(c).name();
            DataType type = schema.field(c).type();
            byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
            if (nameBytes.length > MAX_NAME_BYTES) {
                throw new IllegalArgumentException("column '" + name + "': the GPU text parser matches NDJSON keys of"
                        + " at most " + MAX_NAME_BYTES + " bytes");
            }
            long at = c * COLUMN_BYTES;
            layout.set(ValueLayout.JAVA_LONG, at, values[c]);
            layout.set(ValueLayout.JAVA_LONG, at + 8, type instanceof DataType.Varchar ? lengths[c] : 0);
            layout.set(ValueLayout.JAVA_INT, at + 16, typeCode(name, type));
            if (type instanceof DataType.Decimal decimal) {
                layout.set(ValueLayout.JAVA_INT, at + 20, decimal.precision());
                layout.set(ValueLayout.JAVA_INT, at + 24, decimal.scale());
            }
            layout.set(ValueLayout.JAVA_INT, at + 28, nameBytes.length);
            MemorySegment.copy(nameBytes, 0, layout, ValueLayout.JAVA_BYTE, at + 32, nameBytes.length);
        }
        layout.set(ValueLayout.JAVA_INT, MAX_COLUMNS * COLUMN_BYTES, schema.size());
        return layout;
    }

    /** Bytes per row of the values the parser writes for {@code type} (VARCHAR: offset and length). */
    static long rowBytes(DataType type) {
        return switch (type) {
            case DataType.Int32 _, DataType.Date _ -> 4;
            case DataType.Int64 _, DataType.Decimal _, DataType.Float64 _ -> 8;
            case DataType.Varchar _ -> 8 + 4;
            case DataType.Boolean _, DataType.Float32 _, DataType.Timestamp _ -> throw new IllegalArgumentException(
                    "the GPU text parser does not write " + type);
        };
    }

    /** Bytes per row of every column of {@code schema}. */
    static long rowBytes(Schema schema) {
        return schema.fields().stream().mapToLong(field -> rowBytes(field.type())).sum();
    }

    private static int typeCode(String name, DataType type) {
        return switch (type) {
            case DataType.Int32 _ -> INT32;
            case DataType.Int64 _ -> INT64;
            case DataType.Float64 _ -> FLOAT64;
            case DataType.Date _ -> DATE;
            case DataType.Varchar _ -> VARCHAR;
            case DataType.Decimal decimal when decimal.precision() <= DataType.MAX_INT64_DECIMAL_PRECISION -> DECIMAL64;
            case DataType.Decimal _, DataType.Boolean _, DataType.Float32 _, DataType.Timestamp _ ->
                    throw new IllegalArgumentException("column '" + name + "': the GPU text parser does not write "
                            + type);
        };
    }
}
