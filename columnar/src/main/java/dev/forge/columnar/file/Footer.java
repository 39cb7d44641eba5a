package dev.forge.columnar.file;

import dev.forge.columnar.DataType;
import dev.forge.columnar.Field;
import dev.forge.columnar.Schema;
import dev.forge.columnar.encoding.ChunkStatistics;
import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The footer of a {@code .forge} file: schema, row group sizes, each column's dictionary chunk (or none) and each
 * chunk's entry, in a small binary form (little-endian, strings as u16 length + UTF-8).
 */
record Footer(Schema schema, long rowCount, int[] rowGroupRows, ChunkEntry[] dictionaries, ChunkEntry[][] chunks) {

    byte[] serialize() {
        Output output = new Output();
        output.putInt(schema.size());
        for (Field field : schema.fields()) {
            byte[] name = field.name().getBytes(StandardCharsets.UTF_8);
            if (name.length > 0xFFFF) {
                throw new IllegalArgumentException("field name of " + name.length + " bytes is longer than 65535");
            }
            output.putShort(name.length);
            output.putBytes(name);
            output.putByte(TypeCodes.idOf(field.type()));
            output.putByte(field.type() instanceof DataType.Decimal d ? d.precision() : 0);
            output.putByte(field.type() instanceof DataType.Decimal d ? d.scale() : 0);
            output.putByte(field.nullable() ? 1 : 0);
        }
        output.putLong(rowCount);
        output.putInt(rowGroupRows.length);
        for (int rows : rowGroupRows) {
            output.putInt(rows);
        }
        for (ChunkEntry dictionary : dictionaries) {
            output.putByte(dictionary == null ? 0 : 1);
            if (dictionary != null) {
                output.putEntry(dictionary);
            }
        }
        for (ChunkEntry[] group : chunks) {
            for (ChunkEntry entry : group) {
                output.putEntry(entry);
            }
        }
        return output.toByteArray();
    }

    /** Parses a footer; a problem is thrown as an {@link IllegalStateException} whose message says what. */
    static Footer parse(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        try {
            int fieldCount = count(in.getInt(), "field count", bytes.length);
            List<Field> fields = new ArrayList<>(fieldCount);
            for (int i = 0; i < fieldCount; i++) {
                byte[] name = new byte[Short.toUnsignedInt(in.getShort())];
                in.get(name);
                int typeId = Byte.toUnsignedInt(in.get());
                int precision = Byte.toUnsignedInt(in.get());
                int scale = Byte.toUnsignedInt(in.get());
                int nullable = in.get();
                DataType type;
                try {
                    type = TypeCodes.typeOf(typeId, precision, scale);
                } catch (IllegalArgumentException invalid) {
                    throw new IllegalStateException("field " + i + ": " + invalid.getMessage());
                }
                if (type == null) {
                    throw new IllegalStateException("field " + i + " has unknown type id " + typeId);
                }
                fields.add(new Field(new String(name, StandardCharsets.UTF_8), type, nullable != 0));
            }
            long rowCount = in.getLong();
            int groups = count(in.getInt(), "row group count", bytes.length);
            int[] rowGroupRows = new int[groups];
            long total = 0;
            for (int g = 0; g < groups; g++) {
                rowGroupRows[g] = count(in.getInt(), "row group " + g + " row count", Integer.MAX_VALUE);
                total += rowGroupRows[g];
            }
            if (total != rowCount) {
                throw new IllegalStateException("row groups hold " + total + " rows but the file claims " + rowCount);
            }
            ChunkEntry[] dictionaries = new ChunkEntry[fieldCount];
            for (int c = 0; c < fieldCount; c++) {
                if (in.get() != 0) {
                    dictionaries[c] = readEntry(in);
                }
            }
            ChunkEntry[][] chunks = new ChunkEntry[groups][fieldCount];
            for (int g = 0; g < groups; g++) {
                for (int c = 0; c < fieldCount; c++) {
                    chunks[g][c] = readEntry(in);
                }
            }
            if (in.hasRemaining()) {
                throw new IllegalStateException(in.remaining() + " unexpected bytes after the footer's last entry");
            }
            return new Footer(new Schema(fields), rowCount, rowGroupRows, dictionaries, chunks);
        } catch (BufferUnderflowException truncated) {
            throw new IllegalStateException("footer ends early at byte " + in.position() + " of " + bytes.length);
        } catch (IllegalArgumentException invalid) {
            throw new IllegalStateException("footer schema is invalid: " + invalid.getMessage());
        }
    }

    private static int count(int value, String what, int limit) {
        if (value < 0 || value > limit) {
            throw new IllegalStateException(what + " " + value + " is impossible here");
        }
        return value;
    }

    private static ChunkEntry readEntry(ByteBuffer in) {
        long offset = in.getLong();
        long length = in.getLong();
        int crc = in.getInt();
        int layout = Byte.toUnsignedInt(in.get());
        int encoding = in.get();
        long count = in.getLong();
        long nullCount = in.getLong();
        boolean hasMinMax = in.get() != 0;
        long min = in.getLong();
        long max = in.getLong();
        long distinct = in.getLong();
        long runs = in.getLong();
        return new ChunkEntry(offset, length, crc, layout, encoding,
                new ChunkStatistics(count, nullCount, hasMinMax, min, max, distinct, runs));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Footer footer && schema.equals(footer.schema) && rowCount == footer.rowCount
                && Arrays.equals(rowGroupRows, footer.rowGroupRows) && Arrays.equals(dictionaries, footer.dictionaries)
                && Arrays.deepEquals(chunks, footer.chunks);
    }

    @Override
    public int hashCode() {
        return schema.hashCode() * 31 + Long.hashCode(rowCount);
    }

    /** Little-endian output into a growing array. */
    private static final class Output {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final ByteBuffer scratch = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);

        void putByte(int value) {
            bytes.write(value);
        }

        void putShort(int value) {
            scratch.clear();
            bytes.write(scratch.putShort((short) value).array(), 0, 2);
        }

        void putInt(int value) {
            scratch.clear();
            bytes.write(scratch.putInt(value).array(), 0, 4);
        }

        void putLong(long value) {
            scratch.clear();
            bytes.write(scratch.putLong(value).array(), 0, 8);
        }

        void putBytes(byte[] value) {
            bytes.write(value, 0, value.length);
        }

        void putEntry(ChunkEntry entry) {
            putLong(entry.offset());
            putLong(entry.length());
            putInt(entry.crc32c());
            putByte(entry.layoutId());
            putByte(entry.encodingId());
            ChunkStatistics statistics = entry.statistics();
            putLong(statistics.count());
            putLong(statistics.nullCount());
            putByte(statistics.hasMinMax() ? 1 : 0);
            putLong(statistics.min());
            putLong(statistics.max());
            putLong(statistics.distinctCount());
            putLong(statistics.runCount());
        }

        byte[] toByteArray() {
            return bytes.toByteArray();
        }
    }
}
