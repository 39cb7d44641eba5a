package dev.forge.columnar.io;

import dev.forge.columnar.DataType;
import java.nio.charset.StandardCharsets;

/**
 * The narrowest {@link DataType} that every text value seen so far of one column fits, in the order BOOLEAN, INT32,
 * INT64, DECIMAL (with the largest scale seen), FLOAT64, DATE, TIMESTAMP, else VARCHAR. Nulls fit every type.
 */
final class ColumnTypeGuess {
    private boolean seenValue;
    private boolean fitsBoolean = true;
    private boolean fitsInt32 = true;
    private boolean fitsInt64 = true;
    private boolean fitsDecimal = true;
    private boolean fitsFloat = true;
    private boolean fitsDate = true;
    private boolean fitsTimestamp = true;
    private int scale;
    private int integerDigits;

    void observe(String value) {
        if (value == null) {
            return;
        }
        seenValue = true;
        byte[] text = value.getBytes(StandardCharsets.UTF_8);
        int end = text.length;
        fitsBoolean &= TextValues.isBoolean(text, 0, end);
        boolean integer = TextValues.isInteger(text, 0, end);
        if (fitsInt64 && integer) {
            try {
                long parsed = TextValues.parseLong(text, 0, end);
                fitsInt32 &= parsed >= Integer.MIN_VALUE && parsed <= Integer.MAX_VALUE;
            } catch (TextValues.InvalidValue outOfRange) {
                fitsInt32 = false;
                fitsInt64 = false;
            }
        } else {
            fitsInt32 = false;
            fitsInt64 = false;
        }
        int valueScale = TextValues.decimalScale(text, 0, end);
        if (valueScale < 0) {
            fitsDecimal = false;
        } else {
            scale = Math.max(scale, valueScale);
            integerDigits = Math.max(integerDigits, TextValues.integerDigits(text, 0, end));
        }
        fitsFloat &= TextValues.isFloatingSyntax(text, 0, end);
        fitsTimestamp &= TextValues.isTimestamp(text, 0, end);
        fitsDate &= fitsTimestamp && TextValues.isDate(text, 0, end);
    }

    /** Whether any non-null value was seen; a column of nulls only is VARCHAR. */
    boolean seenValue() {
        return seenValue;
    }

    DataType type() {
        if (!seenValue) {
            return DataType.VARCHAR;
        }
        if (fitsBoolean) {
            return DataType.BOOLEAN;
        }
        if (fitsInt32) {
            return DataType.INT32;
        }
        if (fitsInt64) {
            return DataType.INT64;
        }
        if (fitsDecimal && integerDigits + scale <= DataType.MAX_DECIMAL_PRECISION) {
            // room for larger values than the sample held: the widest precision of the same storage width
            int precision = integerDigits + scale <= DataType.MAX_INT64_DECIMAL_PRECISION
                    ? DataType.MAX_INT64_DECIMAL_PRECISION : DataType.MAX_DECIMAL_PRECISION;
            return DataType.decimal(precision, scale);
        }
        if (fitsFloat) {
            return DataType.FLOAT64;
        }
        if (fitsDate) {
            return DataType.DATE;
        }
        if (fitsTimestamp) {
            return DataType.TIMESTAMP;
        }
        return DataType.VARCHAR;
    }
}
