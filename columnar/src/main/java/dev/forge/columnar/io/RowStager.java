package dev.forge.columnar.io;

import dev.forge.columnar.ColumnBuilder;
import dev.forge.columnar.DataType;
import dev.forge.columnar.Schema;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * Converts the fields of one record to the schema's types and holds them until the whole record is known to be good,
 * so that a bad field never leaves half a row in the column builders.
 */
final class RowStager {
    private final DataType[] types;
    private final long[] words;
    private final Object[] objects;
    private final boolean[] nulls;

    RowStager(Schema schema) {
        int columns = schema.size();
        this.types = new DataType[columns];
        for (int c = 0; c < columns; c++) {
            types[c] = schema.field(c).type();
        }
        this.words = new long[columns];
        this.objects = new Object[columns];
        this.nulls = new boolean[columns];
    }

    /** Converts field {@code column} of the cursor's record; throws with the reason when it does not fit. */
    void stage(RecordCursor record, int column) throws TextValues.InvalidValue {
        DataType type = types[column];
        if (record.isNull(column) || (record.isQuoted(column) && !(type instanceof DataType.Varchar)
                && record.fieldEnd(column) == record.fieldStart(column))) {
            nulls[column] = true;
            return;
        }
        nulls[column] = false;
        byte[] text = record.fieldBytes(column);
        int start = record.fieldStart(column);
        int end = record.fieldEnd(column);
        switch (type) {
            case DataType.Boolean ignored -> words[column] = TextValues.parseBoolean(text, start, end) ? 1 : 0;
            case DataType.Int32 ignored -> words[column] = TextValues.parseInt(text, start, end);
            case DataType.Int64 ignored -> words[column] = TextValues.parseLong(text, start, end);
            case DataType.Float32 ignored -> words[column] = Float.floatToRawIntBits((float) TextValues.parseDouble(text, start, end));
            case DataType.Float64 ignored -> words[column] = Double.doubleToRawLongBits(TextValues.parseDouble(text, start, end));
            case DataType.Date ignored -> words[column] = TextValues.parseDate(text, start, end);
            case DataType.Timestamp ignored -> words[column] = TextValues.parseTimestamp(text, start, end);
            case DataType.Decimal decimal -> {
                if (decimal.precision() <= DataType.MAX_INT64_DECIMAL_PRECISION) {
                    words[column] = TextValues.parseDecimal(text, start, end, decimal.precision(), decimal.scale());
                } else {
                    objects[column] = parseWideDecimal(text, start, end, decimal);
                }
            }
            case DataType.Varchar ignored -> {
                if (record.isEscaped(column)) {
                    // the cursor reuses its unescaping buffer for the next quoted field: keep a copy
                    objects[column] = java.util.Arrays.copyOfRange(text, start, end);
                    words[column] = end - start;
                } else {
                    objects[column] = text;
                    words[column] = (long) start << 32 | end;
                }
            }
        }
    }

    private static BigDecimal parseWideDecimal(byte[] text, int start, int end, DataType.Decimal decimal)
            throws TextValues.InvalidValue {
        if (TextValues.decimalScale(text, start, end) < 0) {
            throw new TextValues.InvalidValue("not a decimal number");
        }
        BigDecimal value = new BigDecimal(new String(text, start, end - start, StandardCharsets.ISO_8859_1));
        if (value.scale() > decimal.scale()) {
            throw new TextValues.InvalidValue("more than " + decimal.scale() + " digits after the point");
        }
        if (value.precision() - value.scale() > decimal.precision() - decimal.scale()) {
            throw new TextValues.InvalidValue("more than " + decimal.precision() + " digits");
        }
        return value;
    }

    /** Appends the staged record to the builders, or for VARCHAR columns to the string accumulators. */
    void append(ColumnBuilder[] builders, StringColumnAccumulator[] strings) {
        for (int c = 0; c < types.length; c++) {
            if (strings[c] != null) {
                if (nulls[c]) {
                    strings[c].appendNull();
                } else {
                    strings[c].append((byte[]) objects[c], (int) (words[c] >>> 32), (int) words[c]);
                }
                continue;
            }
            ColumnBuilder builder = builders[c];
            if (nulls[c]) {
                builder.appendNull();
                continue;
            }
            switch (types[c]) {
                case DataType.Boolean ignored -> builder.appendBoolean(words[c] != 0);
                case DataType.Int32 ignored -> builder.appendInt((int) words[c]);
                case DataType.Date ignored -> builder.appendInt((int) words[c]);
                case DataType.Int64 ignored -> builder.appendLong(words[c]);
                case DataType.Timestamp ignored -> builder.appendLong(words[c]);
                case DataType.Float32 ignored -> builder.appendFloat(Float.intBitsToFloat((int) words[c]));
                case DataType.Float64 ignored -> builder.appendDouble(Double.longBitsToDouble(words[c]));
                case DataType.Decimal decimal -> {
                    if (decimal.precision() <= DataType.MAX_INT64_DECIMAL_PRECISION) {
                        builder.appendLong(words[c]);
                    } else {
                        builder.appendDecimal((BigDecimal) objects[c]);
                    }
                }
                case DataType.Varchar ignored -> throw new IllegalStateException("VARCHAR values go to accumulators");
            }
        }
    }
}
