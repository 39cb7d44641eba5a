package dev.forge.cli.output;

import dev.forge.columnar.ColumnView;
import dev.forge.columnar.Table;
import java.io.IOException;
import java.util.List;

/** RFC 4180: a header row, fields quoted only when they hold a comma, quote or line break; NULL is an empty field. */
final class CsvPrinter implements ResultPrinter {
    @Override
    public void print(Table result, List<String> names, Appendable out) throws IOException {
        List<String> headings = ResultPrinter.headings(result, names);
        for (int column = 0; column < headings.size(); column++) {
            if (column > 0) {
                out.append(',');
            }
            out.append(quote(headings.get(column)));
        }
        out.append('\n');
        ColumnView[] views = result.columns().stream().map(c -> c.view()).toArray(ColumnView[]::new);
        for (long row = 0; row < result.rowCount(); row++) {
            for (int column = 0; column < views.length; column++) {
                if (column > 0) {
                    out.append(',');
                }
                String text = ValueText.exact(views[column], row);
                if (text != null) {
                    // an empty string must differ from NULL, so it is written quoted
                    out.append(text.isEmpty() ? "\"\"" : quote(text));
                }
            }
            out.append('\n');
        }
    }

    static String quote(String text) {
        boolean needsQuotes = false;
        for (int i = 0; i < text.length() && !needsQuotes; i++) {
            char c = text.charAt(i);
            needsQuotes = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        return needsQuotes ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }
}
