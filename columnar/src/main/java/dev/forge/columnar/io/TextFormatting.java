package dev.forge.columnar.io;

import dev.forge.columnar.ColumnView;
import dev.forge.columnar.DataType;
import java.time.LocalDate;

/**
 * Writes column values as the text {@link TextValues} reads back to the same value: exact decimals, ISO dates,
 * shortest round-trip floats. The CLI's CSV and JSON output use it too, so what Forge prints it can read back.
 */
public final class TextFormatting {
    private TextFormatting() {
    }

    /** The value at {@code row}, which must not be null, as text. */
    public static String format(ColumnView column, long row) {
        return switch (column.type()) {
            case DataType.Boolean ignored -> column.getBoolean(row) ? "true" : "false";
            case DataType.Int32 ignored -> Integer.toString(column.getInt(row));
            case DataType.Int64 ignored -> Long.toString(column.getLong(row));
            case DataType.Float32 ignored -> Float.toString(column.getFloat(row));
            case DataType.Float64 ignored -> Double.toString(column.getDouble(row));
            case DataType.Date ignored -> date(column.getInt(row));
            case DataType.Timestamp ignored -> timestamp(column.getLong(row));
            case DataType.Decimal decimal -> decimal.precision() <= DataType.MAX_INT64_DECIMAL_PRECISION
                    ? decimal(column.getLong(row), decimal.scale()) : column.getDecimal(row).toPlainString();
            case DataType.Varchar ignored -> column.getString(row);
        };
    }

    public static String date(int epochDay) {
        return LocalDate.ofEpochDay(epochDay).toString();
    }

    /** {@code yyyy-mm-dd hh:mm:ss}, with as many fractional digits as the microseconds need. */
    public static String timestamp(long micros) {
        long days = Math.floorDiv(micros, 86_400_000_000L);
        long ofDay = Math.floorMod(micros, 86_400_000_000L);
        long seconds = ofDay / 1_000_000;
        int fraction = (int) (ofDay % 1_000_000);
        StringBuilder text = new StringBuilder(26).append(date((int) days)).append(' ');
        twoDigits(text, seconds / 3600).append(':');
        twoDigits(text, seconds / 60 % 60).append(':');
        twoDigits(text, seconds % 60);
        if (fraction != 0) {
            String digits = Integer.toString(1_000_000 + fraction).substring(1);
            int length = digits.length();
            while (digits.charAt(length - 1) == '0') {
                length--;
            }
            text.append('.').append(digits, 0, length);
        }
        return text.toString();
    }

    private static StringBuilder twoDigits(StringBuilder text, long value) {
        return text.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    /** An unscaled long with {@code scale} digits after the point, e.g. {@code -5, 2 -> -0.05}. */
    public static String decimal(long unscaled, int scale) {
        if (scale == 0) {
            return Long.toString(unscaled);
        }
        String digits = unscaled == Long.MIN_VALUE ? "9223372036854775808" : Long.toString(Math.abs(unscaled));
        if (digits.length() <= scale) {
            digits = "0".repeat(scale - digits.length() + 1) + digits;
        }
        int point = digits.length() - scale;
        return (unscaled < 0 ? "-" : "") + digits.substring(0, point) + "." + digits.substring(point);
    }
}
