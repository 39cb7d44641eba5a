package dev.forge.cli.output;

import dev.forge.columnar.ColumnView;
import dev.forge.columnar.DataType;
import dev.forge.columnar.io.TextFormatting;

/** A cell as text: exact for machines ({@link #exact}), grouped for people ({@link #readable}). */
final class ValueText {
    private ValueText() {
    }

    /** The value as Forge's readers read it back; null for NULL. */
    static String exact(ColumnView column, long row) {
        return column.isNull(row) ? null : TextFormatting.format(column, row);
    }

    /** Integers and the integer part of decimals with thousands separators; everything else as {@link #exact}. */
    static String readable(ColumnView column, long row) {
        String text = exact(column, row);
        if (text == null) {
            return null;
        }
        return switch (column.type()) {
            case DataType.Int32 _, DataType.Int64 _, DataType.Decimal _ -> groupThousands(text);
            default -> text;
        };
    }

    static boolean isNumeric(DataType type) {
        return switch (type) {
            case DataType.Int32 _, DataType.Int64 _, DataType.Float32 _, DataType.Float64 _, DataType.Decimal _ -> true;
            case DataType.Boolean _, DataType.Date _, DataType.Timestamp _, DataType.Varchar _ -> false;
        };
    }

    /** "-1234567.50" becomes "-1,234,567.50". */
    static String groupThousands(String number) {
        int start = number.startsWith("-") ? 1 : 0;
        int point = number.indexOf('.');
        int end = point < 0 ? number.length() : point;
        if (end - start <= 3) {
            return number;
        }
        StringBuilder text = new StringBuilder(number.length() + (end - start) / 3);
        text.append(number, 0, start);
        for (int i = start; i < end; i++) {
            if (i > start && (end - i) % 3 == 0) {
                text.append(',');
            }
            text.append(number.charAt(i));
        }
        return text.append(number, end, number.length()).toString();
    }
}
