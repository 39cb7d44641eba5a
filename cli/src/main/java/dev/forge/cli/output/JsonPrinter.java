package dev.forge.cli.output;

import dev.forge.columnar.ColumnView;
import dev.forge.columnar.DataType;
import dev.forge.columnar.Table;
import java.io.IOException;
import java.util.List;

/**
 * Rows as JSON objects keyed by column name, either one array or one object per line. Numbers are JSON numbers written
 * exactly (a DECIMAL(38,2) keeps every digit); NaN and the infinities, which JSON cannot express, become strings.
 */
final class JsonPrinter implements ResultPrinter {
    private final boolean linePerRow;

    JsonPrinter(boolean linePerRow) {
        this.linePerRow = linePerRow;
    }

    @Override
    public void print(Table result, List<String> names, Appendable out) throws IOException {
        List<String> headings = ResultPrinter.headings(result, names);
        ColumnView[] views = result.columns().stream().map(c -> c.view()).toArray(ColumnView[]::new);
        if (!linePerRow) {
            out.append('[');
        }
        for (long row = 0; row < result.rowCount(); row++) {
            if (!linePerRow) {
                out.append(row == 0 ? "\n  " : ",\n  ");
            }
            out.append('{');
            for (int column = 0; column < views.length; column++) {
                if (column > 0) {
                    out.append(", ");
                }
                out.append(string(headings.get(column))).append(": ").append(value(views[column], row));
            }
            out.append('}');
            if (linePerRow) {
                out.append('\n');
            }
        }
        if (!linePerRow) {
            out.append(result.rowCount() == 0 ? "]\n" : "\n]\n");
        }
    }

    private static String value(ColumnView column, long row) {
        String text = ValueText.exact(column, row);
        if (text == null) {
            return "null";
        }
        return switch (column.type()) {
            case DataType.Boolean _, DataType.Int32 _, DataType.Int64 _, DataType.Decimal _ -> text;
            case DataType.Float32 _, DataType.Float64 _ -> isFinite(text) ? text : string(text);
            case DataType.Date _, DataType.Timestamp _, DataType.Varchar _ -> string(text);
        };
    }

    private static boolean isFinite(String floatText) {
        return !floatText.equals("NaN") && !floatText.endsWith("Infinity");
    }

    static String string(String text) {
        StringBuilder json = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append("\\u%04x".formatted((int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }
}
